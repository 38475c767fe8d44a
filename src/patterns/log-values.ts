import { PatternSyntaxError } from './pattern-error';

/**
 * Value tests shared by JSON and space-delimited filter patterns: strings with `*`
 * wildcards, numbers, and the `%regex%` subset CloudWatch Logs accepts.
 *
 * Internal helpers: not exported from the package barrel.
 */

/** A test on the text of one value. */
export type TextTest = (text: string) => boolean;

/** Marks a `*` that acts as a wildcard inside a parsed string operand. */
export const STAR = Symbol('wildcard');

/** A parsed string operand: literal pieces and wildcard markers. */
export type StringParts = ReadonlyArray<string | typeof STAR>;

/** Numbers as the filter syntax writes them: sign, integer or decimal, optional exponent. */
export const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The literal text of parts without wildcards, or undefined when one is present. */
export function literalOf(parts: StringParts): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part === STAR) return undefined;
    out += part;
  }
  return out;
}

/** Compiles a string operand to the cheapest test that decides it. */
export function wildcardTest(parts: StringParts): TextTest {
  const pieces: string[] = [''];
  for (const part of parts) {
    if (part === STAR) pieces.push('');
    else pieces[pieces.length - 1] += part;
  }
  if (pieces.length === 1) {
    const exact = pieces[0];
    return (s) => s === exact;
  }
  const inner = pieces.slice(1, -1);
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (inner.every((p) => p === '')) {
    if (first === '' && last === '') return () => true;
    if (first === '') return (s) => s.endsWith(last);
    if (last === '') return (s) => s.startsWith(first);
  }
  if (pieces.length === 3 && first === '' && last === '') {
    const middle = pieces[1];
    return (s) => s.includes(middle);
  }
  const source = pieces.map(escapeRegExp).join('[\\s\\S]*');
  const re = new RegExp(`^${source}$`);
  return (s) => re.test(s);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// CloudWatch Logs accepts letters, digits, a few symbols and these operators in
// `%regex%`; parentheses and multi-byte characters are rejected. A space is not in
// the documented list; it is accepted here so that patterns AWS takes are not refused.
const REGEX_SYMBOLS = new Set('_#=@/;,-: '.split(''));
const REGEX_OPERATORS = new Set('^$?[]{}|\\*+.'.split(''));

/**
 * Validates and compiles the body of a `%regex%` (without the percent signs).
 * `offset` is where the body starts in `text`, for error messages.
 */
export function compileRegex(text: string, body: string, offset: number): RegExp {
  if (body.length === 0) {
    throw new PatternSyntaxError(text, offset, 'a regular expression between % signs is empty');
  }
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (/[A-Za-z0-9]/.test(c) || REGEX_SYMBOLS.has(c) || REGEX_OPERATORS.has(c)) continue;
    if (c === '(' || c === ')') {
      throw new PatternSyntaxError(text, offset + i,
        'parentheses are not supported in CloudWatch Logs regular expressions');
    }
    if (c.charCodeAt(0) > 127) {
      throw new PatternSyntaxError(text, offset + i,
        'multi-byte characters are not supported in CloudWatch Logs regular expressions');
    }
    throw new PatternSyntaxError(text, offset + i,
      `the character '${c}' is not supported in CloudWatch Logs regular expressions`);
  }
  try {
    return new RegExp(body);
  } catch (e) {
    throw new PatternSyntaxError(text, offset, `not a valid regular expression (${(e as Error).message})`);
  }
}
