import { LogPattern } from '../../src/patterns';

// Conformance with the examples of the CloudWatch Logs documentation. Each row is
// a documented log event, a documented pattern and the documented outcome.

const json = (o: unknown): string => JSON.stringify(o);

// Terms in unstructured log events.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
describe('LogPattern: terms (documented examples)', () => {
  test.each([
    ['', 'any message at all', true],
    ['ERROR', '[ERROR] A fatal exception has occurred', true],
    ['ERROR', 'Exiting with ERRORCODE: -1', true],
    ['"ERROR" -"Exiting"', '[ERROR] A fatal exception has occurred', true],
    ['"ERROR" -"Exiting"', 'Exiting with ERRORCODE: -1', false],
    ['ERROR Exception', '[ERROR] Caught IllegalArgumentException', true],
    ['ERROR Exception', '[ERROR] Unhandled Exception', true],
    ['Failed to process the request', '[WARN] Failed to process the request', true],
    ['Failed to process the request', '[ERROR] Unable to continue: Failed to process the request', true],
    ['ERROR', 'ERROR WARN message', true],
    ['ERROR', 'ERROR message', true],
    ['ERROR', 'WARN message', false],
    ['?ERROR ?WARN', 'ERROR WARN message', true],
    ['?ERROR ?WARN', 'ERROR message', true],
    ['?ERROR ?WARN', 'WARN message', true],
    ['ERROR WARN', 'ERROR WARN message', true],
    ['ERROR WARN', 'ERROR message', false],
    ['ERROR WARN', 'WARN message', false],
    ['ERROR -WARN', 'ERROR WARN message', false],
    ['ERROR -WARN', 'ERROR message', true],
    ['ERROR -WARN', 'WARN message', false],
  ])('pattern %j on %j matches: %s', (pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });
});

// Metric filter example: counting occurrences of a term (case-sensitive).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CountOccurrencesExample.html
describe('LogPattern: counting a term (documented example)', () => {
  test.each([
    ['Error', 'This message contains an Error', true],
    ['Error', 'This message also contains an Error', true],
    ['Error', 'this message contains an error', false],
  ])('pattern %j on %j matches: %s', (pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });
});

// JSON log events: selectors, IS NULL, NOT EXISTS, IS TRUE, arrays, wildcards.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html
const trailEvent = json({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  SomeObject: null,
  ThisFlag: true,
});

describe('LogPattern: JSON selectors (documented examples)', () => {
  test.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{ $.sourceIPAddress != 123.123.* }', true],
    ['{ $.arrayKey[0] = "value" }', true],
    ['{ $.objectList[1].id = 2 }', true],
    ['{ $.SomeObject IS NULL }', true],
    ['{ $.SomeOtherObject NOT EXISTS }', true],
    ['{ $.ThisFlag IS TRUE }', true],
  ])('pattern %s matches the documented event: %s', (pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(trailEvent)).toBe(expected);
  });
});

describe('LogPattern: OR in JSON patterns (documented examples)', () => {
  test.each([
    ['{$.foo = bar}', '{"foo": "bar"}', true],
    ['{$.foo = bar}', '{"foo": "baz"}', false],
    ['{$.foo = baz }', '{"foo": "bar"}', false],
    ['{$.foo = baz }', '{"foo": "baz"}', true],
    ['{$.foo = bar || $.foo = baz }', '{"foo": "bar"}', true],
    ['{$.foo = bar || $.foo = baz }', '{"foo": "baz"}', true],
  ])('pattern %s on %s matches: %s', (pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });
});

const usersEvent = json({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
});

describe('LogPattern: compound JSON conditions (documented examples)', () => {
  test.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
    ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) '
      + '&& $.actions[2] = nomatch }', false],
  ])('pattern %s matches the documented event: %s', (pattern, expected) => {
    expect(LogPattern.parse(pattern).matches(usersEvent)).toBe(expected);
  });
});

describe('LogPattern: a selector naming an array (documented example)', () => {
  test.each([
    ['{$.users = 1}'],
    ['{$.users != 1}'],
  ])('pattern %s does not match users: [1, 2, 3]', (pattern) => {
    expect(LogPattern.parse(pattern).matches('{"users": [1, 2, 3]}')).toBe(false);
  });
});

// The documented numeric comparisons; the documentation shows no events for them,
// so each row pairs the pattern with an event on each side of its boundary.
describe('LogPattern: numeric comparisons (documented patterns)', () => {
  test.each([
    ['{ $.latency >= 500 }', '{"latency": 500}', '{"latency": 499}'],
    ['{ $.numbers[0] < 10e3 }', '{"numbers": [9999]}', '{"numbers": [10000]}'],
    ['{ $.numbers[0] < 10e-3 }', '{"numbers": [0.009]}', '{"numbers": [0.01]}'],
    ['{ $.processes[4].averageRuntime <= 55.5 }',
      '{"processes": [{}, {}, {}, {}, {"averageRuntime": 55.5}]}',
      '{"processes": [{}, {}, {}, {}, {"averageRuntime": 55.6}]}'],
    ['{ $.errorCode = 400 }', '{"errorCode": 400}', '{"errorCode": 401}'],
    ['{ $.errorCode != 500 }', '{"errorCode": 400}', '{"errorCode": 500}'],
    ['{ $.latency > +1000 }', '{"latency": 1001}', '{"latency": 1000}'],
  ])('pattern %s matches %s and not %s', (pattern, yes, no) => {
    const p = LogPattern.parse(pattern);
    expect([p.matches(yes), p.matches(no)]).toEqual([true, false]);
  });
});

// The metric-value example publishes $.latency for every event that has it.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
describe('LogPattern: { $.latency = * } (documented example)', () => {
  test.each([
    ['{"latency": 12}', true],
    ['{"latency": "fast"}', true],
    ['{"other": 1}', false],
  ])('on %s matches: %s', (message, expected) => {
    expect(LogPattern.parse('{ $.latency = * }').matches(message)).toBe(expected);
  });
});

// Regular expressions between % signs.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/regex-expressions.html
describe('LogPattern: regular expressions (documented examples)', () => {
  test.each([
    ['%AUTHORIZED%', '[ERROR 401] UNAUTHORIZED REQUEST', true],
    ['%AUTHORIZED%', '[SUCCESS 200] AUTHORIZED REQUEST', true],
    ['%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'client 192.0.2.10 connected', true],
    ['%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%', 'client localhost connected', false],
    ['%[Ee]rror|[Ff]ail%', 'Error: disk full', true],
    ['%[Ee]rror|[Ff]ail%', 'upload went wrong', false],
    ['%[Ee]rror|[Ff]ail%', 'Fail fast', true],
  ])('pattern %s on %j matches: %s', (pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });

  test('rejects the documented unsupported character in %something!%', () => {
    expect(LogPattern.problem('%something!%')).toMatch(/'!' is not supported/);
  });

  test('rejects parentheses, which the documentation rules out', () => {
    expect(LogPattern.problem('%(ab)+%')).toMatch(/parentheses are not supported/);
  });

  test('rejects multi-byte characters, which the documentation rules out', () => {
    expect(LogPattern.problem('%caf\u00e9%')).toMatch(/multi-byte characters/);
  });

  test('rejects a third regular expression in a JSON pattern (quota of two)', () => {
    expect(LogPattern.problem('{ $.a = %x% && $.b = %y% && $.c = %z% }')).toMatch(/at most 2 regular/);
  });
});

// Space-delimited log events.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
const wordLines = ['ERROR WARN message', 'ERROR message', 'WARN message'];

describe('LogPattern: OR in space-delimited patterns (documented examples)', () => {
  test.each([
    ['[w1=ERROR, w2]', [false, true, false]],
    ['[w1=ERROR || w1=WARN, w2]', [false, true, true]],
  ])('pattern %s on the three documented lines gives %j', (pattern, expected) => {
    const p = LogPattern.parse(pattern);
    expect(wordLines.map((l) => p.matches(l))).toEqual(expected);
  });
});

const apacheLines = [
  '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
  '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
  '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
];

// The documentation lists these patterns for the three lines above; the outcome
// follows from its rules (bracketed and quoted text is one field).
describe('LogPattern: space-delimited patterns on the documented Apache lines', () => {
  test.each([
    ['[ip, user, username, timestamp, request, status_code, bytes]', [true, true, true]],
    ['[..., status_code, bytes]', [true, true, true]],
    ['[ip, user, ..., status_code, bytes]', [true, true, true]],
    ['[ip, user, ...]', [true, true, true]],
    ['[ip, user, username, timestamp, request, status_code, bytes > 1000]', [true, true, true]],
    ['[ip, user, username, timestamp, request, status_code = 200, bytes]', [true, false, true]],
    ['[ip, user, username, timestamp, request, status_code = 4*, bytes]', [false, false, false]],
    ['[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]', [false, false, false]],
    ['[ip, user, username, timestamp, request, status_code = 4* && bytes > 1000]', [false, false, false]],
    ['[ip, user, username, timestamp, request, status_code = 403 || status_code = 404, bytes]',
      [false, false, false]],
  ])('pattern %s gives %j', (pattern, expected) => {
    const p = LogPattern.parse(pattern);
    expect(apacheLines.map((l) => p.matches(l))).toEqual(expected);
  });

  test('the documented extraction example matches its log event (trailing comma)', () => {
    const p = LogPattern.parse('[..., request=*.html*, status_code=4*,]');
    const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
    expect(p.matches(line)).toBe(true);
  });
});

// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Counting404Responses.html
describe('LogPattern: counting HTTP 404 responses (documented example)', () => {
  test.each([
    ['[IP, UserInfo, User, Timestamp, RequestInfo, StatusCode=404, Bytes]',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326', true],
    ['[ip, id, user, timestamp, request, status_code=404, size]',
      '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 404 2326', true],
    ['[ip, id, user, timestamp, request, status_code=404, size]',
      '127.0.0.1 - bob [10/Oct/2000:13:55:36 -0700] "GET /apache_pb2.gif HTTP/1.0" 200 2326', false],
  ])('pattern %s on %j matches: %s', (pattern, message, expected) => {
    expect(LogPattern.parse(pattern).matches(message)).toBe(expected);
  });
});

// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/ExtractBytesExample.html
describe('LogPattern: extracting fields from an Apache log (documented example)', () => {
  test.each([
    '127.0.0.1 - - [24/Sep/2013:11:49:52 -0700] "GET /index.html HTTP/1.1" 404 287',
    '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /~test/ HTTP/1.1" 200 3',
    '127.0.0.1 - - [24/Sep/2013:11:50:51 -0700] "GET /favicon.ico HTTP/1.1" 404 308',
    '127.0.0.1 - - [24/Sep/2013:11:51:34 -0700] "GET /~test/index.html HTTP/1.1" 200 3',
  ])('the seven-field pattern matches %j', (line) => {
    expect(LogPattern.parse('[ip, id, user, timestamp, request, status_code, size]').matches(line)).toBe(true);
  });
});
