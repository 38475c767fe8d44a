import * as ipaddr from 'ipaddr.js';
import { EventPatternError, parseAddress } from './event-pattern-support';

/**
 * The values and comparison operators an EventBridge pattern leaf may hold:
 * exact values, prefix, suffix, equals-ignore-case, wildcard, anything-but,
 * numeric, exists and cidr.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 *
 * Internal: not exported from the package barrel.
 */

export interface ValueMatcher {
  /** Whether the alternative matches a missing field (`exists: false`). */
  readonly matchesAbsent: boolean;
  /** Tests one leaf value of the event (never an object or array). */
  test(value: any): boolean;
}

/** EventBridge's documented range for numeric matching. */
const NUMERIC_LIMIT = 5e9;

const never = (): boolean => false;

export function compileValueMatcher(alt: any, path: string): ValueMatcher {
  if (alt === null || typeof alt === 'string' || typeof alt === 'boolean') {
    return { test: (v) => v === alt, matchesAbsent: false };
  }
  if (typeof alt === 'number') {
    if (!Number.isFinite(alt)) throw new EventPatternError(path, 'numbers must be finite');
    return { test: (v) => v === alt, matchesAbsent: false };
  }
  if (Array.isArray(alt)) {
    throw new EventPatternError(path, 'values inside a value array cannot be arrays');
  }
  const keys = Object.keys(alt);
  if (keys.length !== 1) {
    throw new EventPatternError(path,
      `a comparison object holds exactly one operator, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
  }
  const op = keys[0];
  const arg = alt[op];
  const here = `${path}.${op}`;
  switch (op) {
    case 'prefix': return stringMatcher(prefixTest(arg, here));
    case 'suffix': return stringMatcher(suffixTest(arg, here));
    case 'equals-ignore-case': {
      const want = requireString(arg, here).toLowerCase();
      return stringMatcher((s) => s.toLowerCase() === want);
    }
    case 'wildcard': return stringMatcher(wildcardTest(requireString(arg, here), here));
    case 'anything-but': return { test: anythingBut(arg, here), matchesAbsent: false };
    case 'numeric': return { test: numeric(arg, here), matchesAbsent: false };
    case 'exists':
      if (typeof arg !== 'boolean') throw new EventPatternError(here, 'exists takes true or false');
      return arg ? { test: () => true, matchesAbsent: false } : { test: never, matchesAbsent: true };
    case 'cidr': return stringMatcher(cidr(arg, here));
    default:
      throw new EventPatternError(path, `unknown comparison operator '${op}'`);
  }
}

function stringMatcher(test: (s: string) => boolean): ValueMatcher {
  return { test: (v) => typeof v === 'string' && test(v), matchesAbsent: false };
}

function requireString(arg: any, path: string): string {
  if (typeof arg !== 'string') throw new EventPatternError(path, `expected a string, found ${JSON.stringify(arg)}`);
  return arg;
}

/** `"p"` or `{"equals-ignore-case": "p"}`. */
function ignoreCaseOr(arg: any, path: string): { text: string; ignoreCase: boolean } {
  if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) {
    const keys = Object.keys(arg);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
      throw new EventPatternError(path, 'expected a string or {"equals-ignore-case": "<string>"}');
    }
    return { text: requireString(arg['equals-ignore-case'], `${path}.equals-ignore-case`), ignoreCase: true };
  }
  return { text: requireString(arg, path), ignoreCase: false };
}

function prefixTest(arg: any, path: string): (s: string) => boolean {
  const { text, ignoreCase } = ignoreCaseOr(arg, path);
  const low = text.toLowerCase();
  return ignoreCase ? (s) => s.toLowerCase().startsWith(low) : (s) => s.startsWith(text);
}

function suffixTest(arg: any, path: string): (s: string) => boolean {
  const { text, ignoreCase } = ignoreCaseOr(arg, path);
  const low = text.toLowerCase();
  return ignoreCase ? (s) => s.toLowerCase().endsWith(low) : (s) => s.endsWith(text);
}

/** `*` matches any run of characters; `\*` and `\\` are literal. */
function wildcardTest(pattern: string, path: string): (s: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new EventPatternError(path, "in a wildcard, '\\' may only escape '*' or '\\'");
      }
      source += `\\${next}`;
      i++;
    } else if (c === '*') {
      if (pattern[i + 1] === '*') {
        throw new EventPatternError(path, 'consecutive wildcard characters are not allowed');
      }
      source += '[\\s\\S]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  const re = new RegExp(`^${source}$`);
  return (s) => re.test(s);
}

function anythingBut(arg: any, path: string): (v: any) => boolean {
  const isValue = (x: any): boolean => typeof x === 'string' || typeof x === 'number';
  if (isValue(arg)) return (v) => isValue(v) && v !== arg;
  if (Array.isArray(arg)) {
    if (arg.length === 0 || !(arg.every((x) => typeof x === 'string') || arg.every((x) => typeof x === 'number'))) {
      throw new EventPatternError(path, 'anything-but takes a list of only strings or only numbers');
    }
    const set = new Set<any>(arg);
    return (v) => isValue(v) && !set.has(v);
  }
  if (arg !== null && typeof arg === 'object') {
    const keys = Object.keys(arg);
    if (keys.length !== 1) {
      throw new EventPatternError(path, 'anything-but takes one of prefix, suffix, equals-ignore-case or wildcard');
    }
    const op = keys[0];
    if (!['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(op)) {
      throw new EventPatternError(path, `anything-but does not take '${op}'`);
    }
    const here = `${path}.${op}`;
    const list: any[] = Array.isArray(arg[op]) ? arg[op] : [arg[op]];
    if (list.length === 0) throw new EventPatternError(here, 'expected a string or a non-empty list of strings');
    const strings = list.map((x) => requireString(x, here));
    let tests: Array<(s: string) => boolean>;
    switch (op) {
      case 'prefix': tests = strings.map((p) => (s: string) => s.startsWith(p)); break;
      case 'suffix': tests = strings.map((p) => (s: string) => s.endsWith(p)); break;
      case 'equals-ignore-case':
        tests = strings.map((p) => p.toLowerCase()).map((p) => (s: string) => s.toLowerCase() === p);
        break;
      default: tests = strings.map((p) => wildcardTest(p, here)); break;
    }
    return (v) => typeof v === 'string' && !tests.some((t) => t(v));
  }
  throw new EventPatternError(path, 'anything-but takes a string, a number, a list or an operator object');
}

function numeric(arg: any, path: string): (v: any) => boolean {
  if (!Array.isArray(arg) || arg.length === 0) {
    throw new EventPatternError(path, 'numeric takes an array such as [">", 0, "<=", 5]');
  }
  let lower: ((v: number) => boolean) | undefined;
  let upper: ((v: number) => boolean) | undefined;
  let equal: number | undefined;
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const n = arg[i + 1];
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      throw new EventPatternError(path, `numeric needs a number after '${op}'`);
    }
    if (Math.abs(n) > NUMERIC_LIMIT) {
      throw new EventPatternError(path, `numeric values must lie between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`);
    }
    if (op === '=') {
      if (arg.length !== 2) throw new EventPatternError(path, "numeric '=' stands alone");
      equal = n;
    } else if (op === '>' || op === '>=') {
      if (lower) throw new EventPatternError(path, 'numeric takes at most one lower bound');
      lower = op === '>' ? (v) => v > n : (v) => v >= n;
    } else if (op === '<' || op === '<=') {
      if (upper) throw new EventPatternError(path, 'numeric takes at most one upper bound');
      upper = op === '<' ? (v) => v < n : (v) => v <= n;
    } else {
      throw new EventPatternError(path, `unknown numeric operator ${JSON.stringify(op)}`);
    }
  }
  if (equal !== undefined) {
    const n = equal;
    return (v) => v === n;
  }
  const lo = lower ?? (() => true);
  const hi = upper ?? (() => true);
  return (v) => typeof v === 'number' && lo(v) && hi(v);
}

function cidr(arg: any, path: string): (s: string) => boolean {
  const text = requireString(arg, path);
  let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    range = ipaddr.parseCIDR(text);
  } catch {
    throw new EventPatternError(path, `'${text}' is not an IPv4 or IPv6 CIDR block`);
  }
  const kind = range[0].kind();
  return (s) => {
    const addr = parseAddress(s);
    return addr !== undefined && addr.kind() === kind && (addr as ipaddr.IPv4).match(range as [ipaddr.IPv4, number]);
  };
}
