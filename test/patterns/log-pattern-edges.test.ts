import { LogPattern, LogPatternKind } from '../../src/patterns';

// Cases the documentation leaves implicit; the decisions are described in
// src/patterns/json-filter.ts, term-filter.ts and delimited-filter.ts.

const event = JSON.stringify({
  name: 'PutEvent',
  count: 42,
  ratio: 0.5,
  negative: -3,
  big: 1.5e6,
  account: '123456789012',
  text: 'a*b',
  flag: false,
  nothing: null,
  empty: '',
  nested: { deeper: { deepest: { value: 'x' } }, list: [{ id: 7 }] },
  matrix: [[1, 2], [3, 4]],
  withDash: { 'my-key': 'v', 'my_key': 'w' },
});

describe('LogPattern: missing fields, types and shapes', () => {
  test.each([
    ['a missing field does not equal a value', '{ $.absent = "x" }', false],
    ['a missing field is not "different" either', '{ $.absent != "x" }', false],
    ['a missing field fails a numeric comparison', '{ $.absent > 1 }', false],
    ['NOT EXISTS holds for a missing field', '{ $.absent NOT EXISTS }', true],
    ['NOT EXISTS holds below a string', '{ $.name.sub NOT EXISTS }', true],
    ['NOT EXISTS fails for a null field', '{ $.nothing NOT EXISTS }', false],
    ['IS NULL holds for null', '{ $.nothing IS NULL }', true],
    ['IS NULL fails for a missing field', '{ $.absent IS NULL }', false],
    ['IS NULL fails for an empty string', '{ $.empty IS NULL }', false],
    ['IS FALSE holds for false', '{ $.flag IS FALSE }', true],
    ['IS TRUE fails for false', '{ $.flag IS TRUE }', false],
    ['IS TRUE fails for the string "true"', '{ $.name IS TRUE }', false],
    ['a boolean is not a value node for =', '{ $.flag = "false" }', false],
    ['null is not a value node for !=', '{ $.nothing != "x" }', false],
    ['an object is not a value node for =', '{ $.nested = * }', false],
    ['an object is not a value node for !=', '{ $.nested != "x" }', false],
    ['an array is not a value node', '{ $.matrix = * }', false],
    ['an empty string equals ""', '{ $.empty = "" }', true],
    ['a wildcard alone matches an empty string', '{ $.empty = * }', true],
  ])('%s', (_what, pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(event)).toBe(expected);
  });
});

describe('LogPattern: selectors', () => {
  test.each([
    ['three levels deep', '{ $.nested.deeper.deepest.value = "x" }', true],
    ['an index then a field', '{ $.nested.list[0].id = 7 }', true],
    ['an index past the end', '{ $.nested.list[1].id = 7 }', false],
    ['two indexes', '{ $.matrix[1][0] = 3 }', true],
    ['an index on an object', '{ $.nested[0] = * }', false],
    ['a field of an array', '{ $.matrix.length = 2 }', false],
    ['a dash in a field name', '{ $.withDash.my-key = "v" }', true],
    ['an underscore in a field name', '{ $.withDash.my_key = "w" }', true],
    ['a name inherited by every object', '{ $.constructor NOT EXISTS }', true],
    ['a prototype name', '{ $.__proto__ NOT EXISTS }', true],
  ])('%s: %s matches %s', (_what, pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(event)).toBe(expected);
  });
});

describe('LogPattern: strings, case and wildcards', () => {
  test.each([
    ['comparison is case-sensitive', '{ $.name = "putevent" }', false],
    ['a leading wildcard', '{ $.name = *Event }', true],
    ['a trailing wildcard', '{ $.name = Put* }', true],
    ['a wildcard on both sides', '{ $.name = "*tEv*" }', true],
    ['a wildcard in the middle', '{ $.name = "P*t" }', true],
    ['two inner wildcards', '{ $.name = "P*E*t" }', true],
    ['a wildcard that does not fit', '{ $.name = "Get*" }', false],
    ['!= with a wildcard', '{ $.name != "Get*" }', true],
    ['an escaped asterisk is literal', '{ $.text = "a\\*b" }', true],
    ['an escaped asterisk does not act as a wildcard', '{ $.text = "a\\*" }', false],
    ['a bare value with dots', '{ $.name != iam.amazonaws.com }', true],
    ['a quoted value may hold @ and $', '{ $.name != "a@b$c" }', true],
    ['a quoted number compares with the text of a number', '{ $.count = "42" }', true],
    ['a string operand wildcard on a number', '{ $.count = 4* }', true],
  ])('%s: %s matches %s', (_what, pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(event)).toBe(expected);
  });
});

describe('LogPattern: numbers', () => {
  test.each([
    ['an integer', '{ $.count = 42 }', true],
    ['a decimal written differently', '{ $.count = 42.0 }', true],
    ['an exponent', '{ $.big = 1.5e6 }', true],
    ['an upper-case exponent with sign', '{ $.big >= 15E+5 }', true],
    ['a negative number', '{ $.negative = -3 }', true],
    ['a negative bound', '{ $.negative < -2.5 }', true],
    ['a fraction', '{ $.ratio < .6 }', true],
    ['a numeric string compares by value', '{ $.account = 123456789012 }', true],
    ['a non-numeric string does not compare with a number', '{ $.name != 5 }', false],
    ['a numeric string in a range', '{ $.account > 100 }', true],
    ['<= at the boundary', '{ $.count <= 42 }', true],
    ['< at the boundary', '{ $.count < 42 }', false],
  ])('%s: %s matches %s', (_what, pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(event)).toBe(expected);
  });
});

describe('LogPattern: precedence and grouping', () => {
  test.each([
    ['&& binds tighter than || (left)', '{ $.count = 1 && $.ratio = 1 || $.name = PutEvent }', true],
    ['&& binds tighter than || (right)', '{ $.name = PutEvent || $.count = 1 && $.ratio = 1 }', true],
    ['parentheses regroup', '{ ($.name = PutEvent || $.count = 1) && $.ratio = 1 }', false],
    ['nested parentheses', '{ ((($.count = 42))) }', true],
    ['no spaces at all', '{$.count=42&&$.name=PutEvent}', true],
    ['line breaks between conditions', '{\n $.count = 42\n && $.name = PutEvent\n}', true],
    ['a regex operand', '{ $.name = %^Put[A-Z]% }', true],
    ['a regex operand with !=', '{ $.name != %^Get% }', true],
    ['an OR of values of one field', '{ $.name = A || $.name = PutEvent || $.name = B }', true],
    ['an OR of values of one field, none fits', '{ $.name = A || $.name = B }', false],
    ['an OR of values with a number field', '{ $.count = "41" || $.count = "42" }', true],
    ['an OR mixing fields', '{ $.name = A || $.count = 42 || $.name = B }', true],
    ['an OR mixing fields, none fits', '{ $.name = A || $.ratio = 2 || $.name = B }', false],
    ['an OR with a wildcard among values', '{ $.name = A || $.name = Put* }', true],
  ])('%s: %j matches %s', (_what, pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(event)).toBe(expected);
  });
});

describe('LogPattern: events that are not JSON objects', () => {
  test.each([
    ['plain text', 'ERROR something'],
    ['a JSON array', '[{"count": 42}]'],
    ['a JSON number', '42'],
    ['broken JSON', '{"count": 42'],
  ])('a JSON pattern does not match %s', (_what, message) => {
    expect(LogPattern.parse('{ $.count NOT EXISTS || $.count = 42 }').matches(message)).toBe(false);
  });
});

describe('LogPattern: terms', () => {
  test.each([
    ['terms are case-sensitive', 'error', 'ERROR here', false],
    ['a quoted phrase keeps its spaces', '"ERROR 401"', 'got ERROR 401 back', true],
    ['a quoted phrase is not split', '"ERROR 401"', 'ERROR and 401', false],
    ['? starts an alternative that following terms join', '?ERROR disk ?WARN network', 'WARN network down', true],
    ['every term of the alternative is needed', '?ERROR disk ?WARN network', 'WARN disk', false],
    ['terms before the first ? form an alternative', 'ERROR disk ?WARN', 'ERROR disk full', true],
    ['terms before the first ? form an alternative, partial', 'ERROR disk ?WARN', 'ERROR cpu hot', false],
    ['- terms exclude even with ? terms', '?disk ?network -test', 'network test', false],
    ['unquoted punctuation is matched literally', 'ERRORCODE:', 'Exiting with ERRORCODE: -1', true],
    ['an empty quoted phrase matches everything', '""', 'anything', true],
    ['blanks around the pattern are ignored', '  ERROR  ', 'ERROR', true],
  ])('%s: %j on %j gives %s', (_what, pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });
});

describe('LogPattern: space-delimited fields', () => {
  test.each([
    ['a bracketed field is one field', '[a, b]', '[one two] three', true],
    ['a quoted field is one field', '[a, b, c]', 'x "y z" w', true],
    ['too many fields without ...', '[a, b]', 'x y z', false],
    ['too few fields', '[a, b, c]', 'x y', false],
    ['... may stand for no field', '[a, ..., b]', 'x y', true],
    ['... in the middle binds the ends', '[a = x, ..., b = z]', 'x 1 2 3 z', true],
    ['a number condition needs a number', '[a > 5]', 'abc', false],
    ['a number condition on a numeric field', '[a > 5]', '6', true],
    ['a string condition with !=', '[a != x*]', 'yes', true],
    ['a regex condition', '[a = %^[0-9]+$%, b]', '123 x', true],
    ['a condition naming an unknown field fails', '[a = x && zz = 1]', 'x', false],
    ['a condition may name a later field', '[a = x && b > 1, b]', 'x 2', true],
    ['parentheses group conditions', '[(a = x || a = y) && a != z, b]', 'y 1', true],
    ['an empty entry is an unnamed field', '[a,,c = z]', 'x y z', true],
  ])('%s: %s on %j gives %s', (_what, pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });

  // The documentation says [w1!=ERROR&&w1!=WARN, w2] matches "ERROR WARN message";
  // that line has three fields and starts with ERROR, so under the documented
  // field rules it cannot match. The pattern matches two-field lines that start
  // with neither word.
  test('[w1!=ERROR&&w1!=WARN, w2] matches a two-field line starting with another word', () => {
    const p = LogPattern.parse('[w1!=ERROR&&w1!=WARN, w2]');
    expect(['ERROR WARN message', 'ERROR message', 'WARN message', 'INFO message'].map((l) => p.matches(l)))
      .toEqual([false, false, false, true]);
  });
});

describe('LogPattern: kinds and text', () => {
  test.each([
    ['', LogPatternKind.ALL_EVENTS],
    ['   ', LogPatternKind.ALL_EVENTS],
    ['ERROR', LogPatternKind.TERMS],
    ['{ $.a = 1 }', LogPatternKind.JSON],
    ['[a, b]', LogPatternKind.SPACE_DELIMITED],
    ['%a+%', LogPatternKind.REGEX],
  ])('%j is a %s pattern', (pattern, kind) => {
    expect(LogPattern.parse(pattern).kind).toBe(kind);
  });

  test('keeps the pattern text as written', () => {
    expect(LogPattern.parse(' { $.a = 1 } ').text).toBe(' { $.a = 1 } ');
  });
});

describe('LogPattern: matchesRecord', () => {
  const record = { eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } };

  test('reads a parsed record for a JSON pattern', () => {
    expect(LogPattern.parse('{ $.responseElements.ConsoleLogin = "Failure" }').matchesRecord(record)).toBe(true);
  });

  test('serializes the record for a term pattern', () => {
    expect(LogPattern.parse('"\\"ConsoleLogin\\":\\"Failure\\""').matchesRecord(record)).toBe(true);
  });

  test('serializes the record for a regex pattern', () => {
    expect(LogPattern.parse('%Console[A-Z]ogin%').matchesRecord(record)).toBe(true);
  });

  test('does not match a JSON pattern against a parsed array', () => {
    expect(LogPattern.parse('{ $.a NOT EXISTS }').matchesRecord([record])).toBe(false);
  });
});
