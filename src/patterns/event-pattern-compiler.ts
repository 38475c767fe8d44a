import { EventPatternError } from './event-pattern-support';
import { compileValueMatcher, ValueMatcher } from './event-value-matchers';

/**
 * Compiles an EventBridge event pattern to a test on a parsed event.
 *
 * Semantics (Event Ruler, as the EventBridge documentation describes it):
 * - Every field the pattern names must match; fields it does not name are ignored.
 * - A leaf is an array of alternatives: exact values (string, number, boolean,
 *   null, compared with their JSON type) or one-key operator objects.
 * - When the event holds an array at a leaf, the leaf matches when any element
 *   matches. When the event holds an array of objects where the pattern has an
 *   object, one element must match the whole nested pattern.
 * - `$or` holds two or more patterns, of which one must match at that level.
 * - `exists: false` matches when the field is absent or holds an object (only
 *   leaves count as present); `exists: true` matches a leaf value, `null` included.
 * - Numbers are compared by value; EventBridge compares exact numbers by their
 *   text (300 and 300.0 differ), which a parsed event no longer carries.
 *
 * Internal: not exported from the package barrel.
 */

export type EventTest = (value: any) => boolean;

/** Compiles a whole pattern; the top level must be a non-empty object. */
export function compileEventPattern(pattern: any): EventTest {
  if (!isObject(pattern)) {
    throw new EventPatternError('', 'an event pattern is a JSON object, such as {"source": ["aws.iam"]}');
  }
  return compileObject(pattern, '');
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compileObject(pattern: Record<string, any>, path: string): EventTest {
  const keys = Object.keys(pattern);
  if (keys.length === 0) throw new EventPatternError(path, 'an object in a pattern needs at least one field');
  const tests: EventTest[] = keys.map((key) => {
    const here = path ? `${path}.${key}` : key;
    const sub = pattern[key];
    if (key === '$or') return compileOr(sub, here);
    if (Array.isArray(sub)) return compileLeaf(key, sub, here);
    if (isObject(sub)) return compileNested(key, sub, here);
    throw new EventPatternError(here,
      `a field's value must be an array of values or a nested object, not ${JSON.stringify(sub)}`);
  });
  return (obj) => {
    for (const t of tests) if (!t(obj)) return false;
    return true;
  };
}

function compileOr(sub: any, path: string): EventTest {
  if (!Array.isArray(sub) || sub.length < 2 || !sub.every(isObject)) {
    throw new EventPatternError(path, '$or takes an array of two or more pattern objects');
  }
  const branches = sub.map((b, i) => compileObject(b, `${path}[${i}]`));
  return (obj) => {
    for (const b of branches) if (b(obj)) return true;
    return false;
  };
}

function compileNested(key: string, sub: Record<string, any>, path: string): EventTest {
  const inner = compileObject(sub, path);
  return (obj) => {
    const v = isObject(obj) ? obj[key] : undefined;
    if (Array.isArray(v)) {
      let objects = 0;
      for (const el of v) {
        if (!isObject(el)) continue;
        objects++;
        if (inner(el)) return true;
      }
      // An array without objects holds none of the nested fields.
      return objects === 0 && inner(undefined);
    }
    return inner(isObject(v) ? v : undefined);
  };
}

function compileLeaf(key: string, alternatives: any[], path: string): EventTest {
  if (alternatives.length === 0) {
    throw new EventPatternError(path, 'an array of values in a pattern cannot be empty');
  }
  const matchers: ValueMatcher[] = alternatives.map((a, i) => compileValueMatcher(a, `${path}[${i}]`));
  const absent = matchers.some((m) => m.matchesAbsent);
  return (obj) => {
    const v = isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
    if (v === undefined || isObject(v)) return absent;
    if (Array.isArray(v)) {
      let leaves = 0;
      for (const el of v) {
        if (isObject(el) || Array.isArray(el)) continue;
        leaves++;
        for (const m of matchers) if (m.test(el)) return true;
      }
      return leaves === 0 && absent;
    }
    for (const m of matchers) if (m.test(v)) return true;
    return false;
  };
}
