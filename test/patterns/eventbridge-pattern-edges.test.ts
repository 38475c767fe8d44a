import { EventBridgePattern } from '../../src/patterns';

// Cases the documentation leaves implicit; the decisions are described in
// src/patterns/event-pattern-compiler.ts and event-value-matchers.ts.

const pattern = (p: unknown): EventBridgePattern => EventBridgePattern.fromObject(p);

describe('EventBridgePattern: arrays and nesting', () => {
  const order = {
    detail: {
      items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 5 }],
      tags: ['x', 'y'],
      empty: [],
      deep: { one: { two: { three: 'leaf' } } },
    },
  };

  test.each([
    ['a field inside an array of objects', { detail: { items: { sku: ['b'] } } }, true],
    ['two fields must hold in the same element', { detail: { items: { sku: ['a'], qty: [5] } } }, false],
    ['two fields in the same element', { detail: { items: { sku: ['b'], qty: [{ numeric: ['>', 2] }] } } }, true],
    ['exists false inside an array of objects, present', { detail: { items: { sku: [{ exists: false }] } } }, false],
    ['exists false inside an array of objects, absent', { detail: { items: { color: [{ exists: false }] } } }, true],
    ['any element of an array of values', { detail: { tags: ['y'] } }, true],
    ['no element of an array of values', { detail: { tags: ['z'] } }, false],
    ['anything-but on an array with another value', { detail: { tags: [{ 'anything-but': 'x' }] } }, true],
    ['an empty array holds no value', { detail: { empty: [{ exists: true }] } }, false],
    ['an empty array counts as absent', { detail: { empty: [{ exists: false }] } }, true],
    ['three levels deep', { detail: { deep: { one: { two: { three: ['leaf'] } } } } }, true],
    ['a nested pattern on a missing object', { detail: { nowhere: { x: ['1'] } } }, false],
    ['exists false below a missing object', { detail: { nowhere: { x: [{ exists: false }] } } }, true],
    ['a nested pattern on a string', { detail: { deep: { one: { two: { three: { x: ['1'] } } } } } }, false],
    ['a leaf pattern on an object', { detail: { deep: ['leaf'] } }, false],
    ['$or inside a nested object', { detail: { $or: [{ tags: ['z'] }, { items: { sku: ['a'] } }] } }, true],
    ['$or nested in $or', { $or: [{ a: ['1'] }, { $or: [{ b: ['2'] }, { detail: { tags: ['x'] } }] }] }, true],
  ])('%s', (_what, p, expected) => {
    expect(pattern(p).matchesEvent(order)).toBe(expected);
  });
});

describe('EventBridgePattern: types and values', () => {
  test.each([
    ['a string does not match a number', { v: ['80'] }, { v: 80 }, false],
    ['a number does not match a string', { v: [80] }, { v: '80' }, false],
    ['a boolean matches a boolean', { v: [true] }, { v: true }, true],
    ['a boolean does not match the string "true"', { v: [true] }, { v: 'true' }, false],
    ['numeric ignores strings that read as numbers', { v: [{ numeric: ['>', 1] }] }, { v: '5' }, false],
    ['numeric with >= and < bounds', { v: [{ numeric: ['>=', 1.5, '<', 2] }] }, { v: 1.5 }, true],
    ['numeric with a negative bound', { v: [{ numeric: ['<', -1] }] }, { v: -2 }, true],
    ['numeric = on a string', { v: [{ numeric: ['=', 5] }] }, { v: '5' }, false],
    ['prefix ignores numbers', { v: [{ prefix: '1' }] }, { v: 123 }, false],
    ['equals-ignore-case on a number', { v: [{ 'equals-ignore-case': '1' }] }, { v: 1 }, false],
    ['anything-but does not match a missing field', { v: [{ 'anything-but': 'x' }] }, { w: 1 }, false],
    ['anything-but does not match null', { v: [{ 'anything-but': 'x' }] }, { v: null }, false],
    ['anything-but prefix list', { v: [{ 'anything-but': { prefix: ['a', 'b'] } }] }, { v: 'bee' }, false],
    ['anything-but equals-ignore-case list',
      { v: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
      { v: 'overloaded' }, false],
    ['exists true on null', { v: [{ exists: true }] }, { v: null }, true],
    ['an exact value or exists false', { v: ['a', { exists: false }] }, {}, true],
    ['equals-ignore-case with non-ASCII letters', { v: [{ 'equals-ignore-case': 'ÉTÉ' }] }, { v: 'été' }, true],
    ['a field name that is a prototype name', { constructor: [{ exists: true }] }, {}, false],
  ])('%s', (_what, p, event, expected) => {
    expect(pattern(p).matchesEvent(event)).toBe(expected);
  });
});

describe('EventBridgePattern: wildcards', () => {
  test.each([
    ['*.png', 'a.png', true],
    ['*.png', 'a.png.bak', false],
    ['dir/*', 'dir/sub/file', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['*', '', true],
    ['literal\\*star', 'literal*star', true],
    ['literal\\*star', 'literalXstar', false],
    ['back\\\\slash', 'back\\slash', true],
    ['a.c', 'abc', false],
    ['CaSe*', 'case', false],
  ])('%j on %j matches: %s', (w, value, expected) => {
    expect(pattern({ v: [{ wildcard: w }] }).matchesEvent({ v: value })).toBe(expected);
  });
});

describe('EventBridgePattern: cidr', () => {
  test.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['192.0.2.0/32', '192.0.2.0', true],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['2001:db8::/32', '10.0.0.1', false],
    ['10.0.0.0/8', '::ffff:10.1.2.3', true],
    ['10.0.0.0/8', 'not an address', false],
    ['10.0.0.0/8', '10.1', false],
    ['10.0.0.0/8', 'AWS Internal', false],
  ])('%s contains %j: %s', (block, address, expected) => {
    expect(pattern({ sourceIPAddress: [{ cidr: block }] }).matchesEvent({ sourceIPAddress: address })).toBe(expected);
  });
});

describe('EventBridgePattern: JSON text', () => {
  test('matches an event given as JSON text', () => {
    expect(EventBridgePattern.fromJson('{"source": ["aws.iam"]}').matches('{"source": "aws.iam"}')).toBe(true);
  });

  test('text that is not JSON does not match', () => {
    expect(EventBridgePattern.fromJson('{"source": ["aws.iam"]}').matches('source=aws.iam')).toBe(false);
  });

  test('keeps the pattern as JSON text', () => {
    expect(EventBridgePattern.fromObject({ source: ['aws.iam'] }).json).toBe('{"source":["aws.iam"]}');
  });
});

describe('EventBridgePattern: invalid patterns', () => {
  test.each([
    ['not JSON', '{source: [aws.iam]}', /not valid JSON/],
  ])('%s', (_what, text, why) => {
    expect(() => EventBridgePattern.fromJson(text)).toThrow(why);
  });

  test.each([
    ['a top level that is not an object', ['aws.iam'], /an event pattern is a JSON object/],
    ['an empty pattern', {}, /at least one field/],
    ['a value that is not an array', { source: 'aws.iam' }, /at source: .*must be an array/],
    ['an empty array', { source: [] }, /at source: .*cannot be empty/],
    ['an array in an array', { source: [['a']] }, /cannot be arrays/],
    ['an unknown operator', { source: [{ startsWith: 'a' }] }, /unknown comparison operator 'startsWith'/],
    ['two operators in one object', { source: [{ prefix: 'a', suffix: 'b' }] }, /exactly one operator/],
    ['a prefix that is not a string', { source: [{ prefix: 5 }] }, /at source\[0\]\.prefix: expected a string/],
    ['exists that is not a boolean', { v: [{ exists: 'yes' }] }, /exists takes true or false/],
    ['numeric with a string bound', { v: [{ numeric: ['>', '5'] }] }, /needs a number after '>'/],
    ['numeric with two lower bounds', { v: [{ numeric: ['>', 1, '>=', 2] }] }, /at most one lower bound/],
    ['numeric with an unknown operator', { v: [{ numeric: ['!=', 1] }] }, /unknown numeric operator/],
    ['numeric beyond the documented range', { v: [{ numeric: ['<', 6e9] }] }, /between -5000000000 and 5000000000/],
    ['numeric = with a bound', { v: [{ numeric: ['=', 1, '<', 2] }] }, /'=' stands alone/],
    ['a cidr that is not a block', { v: [{ cidr: '10.0.0.0' }] }, /not an IPv4 or IPv6 CIDR block/],
    ['consecutive wildcards', { v: [{ wildcard: 'a**b' }] }, /consecutive wildcard/],
    ['a bad escape in a wildcard', { v: [{ wildcard: 'a\\b' }] }, /may only escape/],
    ['anything-but with mixed types', { v: [{ 'anything-but': ['a', 1] }] }, /only strings or only numbers/],
    ['anything-but with an unknown operator', { v: [{ 'anything-but': { numeric: ['>', 1] } }] },
      /anything-but does not take 'numeric'/],
    ['$or with one branch', { $or: [{ a: ['1'] }] }, /two or more pattern objects/],
    ['an empty nested object', { detail: {} }, /at detail: an object in a pattern needs at least one field/],
  ])('%s', (_what, p, why) => {
    expect(() => EventBridgePattern.fromObject(p)).toThrow(why);
  });
});
