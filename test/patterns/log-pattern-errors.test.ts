import { LogPattern } from '../../src/patterns';

// A pattern that does not parse is refused with the reason, the character offset
// and an excerpt with a caret under the offending spot.

describe('LogPattern: syntax errors', () => {
  test.each([
    ['{ $.a = }', 8, /expected a value after '='/],
    ['{ $.a ?? 1 }', 6, /expected an operator/],
    ['{ ($.a = 1 }', 11, /missing '\)' to close the '\(' at offset 2/],
    ['{ $.a = 1 ) }', 10, /closes no '\('/],
    ['{ $.a = 1 $.b = 2 }', 10, /expected '&&' or '\|\|'/],
    ['{ $.a = 1 && }', 13, /expected a condition/],
    ['{ && $.a = 1 }', 2, /expected a condition before '&&'/],
    ['{ a = 1 }', 2, /selector starting with '\$\.'/],
    ['{ $ = 1 }', 3, /needs a field after '\$'/],
    ['{ $. = 1 }', 4, /expected a field name/],
    ['{ $.a@b = 1 }', 5, /'@' cannot appear in a selector/],
    ['{ $.a[*] = 1 }', 6, /array wildcards are not supported/],
    ['{ $.a[x] = 1 }', 5, /expected an array index/],
    ['{ $.a == 1 }', 6, /'==' is not an operator/],
    ['{ $.a > abc }', 8, /'>' compares numbers, and 'abc' is not a number/],
    ['{ $.a > "5" }', 8, /write a number without quotes/],
    ['{ $.a < %x% }', 8, /works only with = and !=/],
    ['{ $.a IS MAYBE }', 6, /expected TRUE, FALSE or NULL after IS/],
    ['{ $.a NOT THERE }', 6, /expected EXISTS after NOT/],
    ['{ $.a = "open }', 8, /quoted string is not closed/],
    ['{ $.a = %abc }', 8, /has no closing '%'/],
    ['{ $.a = 1 ', 9, /must end with '}'/],
    ['{ }', 2, /at least one condition/],
    ['[a, b', 5, /must end with '\]'/],
    ['[a b]', 3, /expected an operator .* after the field 'a'/],
    ['[]', 1, /at least one field/],
    ['[..., a, ...]', 9, /only one '\.\.\.'/],
    ['[a = 1 && b]', 11, /needs an operator and a value/],
    ['%%', 1, /empty/],
    ['%abc', 4, /must be the whole pattern/],
    ['ERROR -', 7, /expected a term after '-'/],
    ['"unclosed', 0, /quoted string is not closed/],
    ['{ $.email = user@example.com }', 16, /'@' must be enclosed in double quotes/],
    ['{ $.price = 5$ }', 13, /'\$' must be enclosed in double quotes/],
    ['{ $.path = C:\\temp }', 13, /'\\' must be enclosed in double quotes/],
    ['{ $.city = Z\u00fcrich }', 12, /must be enclosed in double quotes/],
    ['[a = x@y]', 6, /'@' must be enclosed in double quotes/],
  ])('%j is refused at offset %i', (pattern, offset, why) => {
    const message = LogPattern.problem(pattern);
    expect(message).toMatch(why);
    expect(message).toContain(`(at offset ${offset})`);
  });

  test('parse throws the same message that problem returns', () => {
    expect(() => LogPattern.parse('{ $.a = }')).toThrow(LogPattern.problem('{ $.a = }')!);
  });

  test('problem returns undefined for a valid pattern', () => {
    expect(LogPattern.problem('{ $.a = 1 }')).toBeUndefined();
  });

  test('the message quotes the text around the error with a caret under it', () => {
    expect(LogPattern.problem('{ $.eventName ?? "X" }')).toBe(
      'Invalid filter pattern: expected an operator (=, !=, <, >, <=, >=) or IS TRUE, IS FALSE, '
      + 'IS NULL, NOT EXISTS (at offset 14)\n'
      + '  { $.eventName ?? "X" }\n'
      + '                ^',
    );
  });

  test('a long pattern is cut around the error', () => {
    const long = `{ ${'$.a = 1 && '.repeat(10)}$.b ?? 2 }`;
    const lines = LogPattern.problem(long)!.split('\n');
    expect(lines[1].trim().startsWith('...')).toBe(true);
    expect(lines[2].indexOf('^')).toBe(lines[1].indexOf('??'));
  });

  test('offsets count the blanks before the pattern', () => {
    expect(LogPattern.problem('   { $.a = }')).toContain('(at offset 11)');
  });
});
