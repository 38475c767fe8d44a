import {
  Cursor, Expr, Operand, Operator, compileBoolean, parseBoolean, readOperand, readOperator,
} from './filter-expression';
import { NUMBER_TEXT, literalOf, wildcardTest } from './log-values';

/**
 * JSON filter patterns: `{ $.a.b[0] = "x" && ($.n > 5 || $.f IS TRUE) }`.
 *
 * Decisions where the documentation leaves room (each one tested):
 * - A comparison (`=`, `!=`, `<`, ...) applies only to a value node, a string or a
 *   number. On a missing field, `null`, a boolean, an object or an array it does not
 *   match, and that holds for `!=` too: `{ $.a != "x" }` does not match an event
 *   without `a`. AWS documents this for objects and arrays; for a missing field
 *   we follow the same rule, which is also what makes the Security Hub pattern
 *   `$.additionalEventData.MFAUsed != "Yes"` skip events without that key. Write
 *   `$.a NOT EXISTS || $.a != "x"` to include them.
 * - A string operand (quoted or bare) compares with the text of the value, so
 *   `{ $.code = "400" }` matches the number 400. `*` is a wildcard anywhere in it;
 *   `\*` inside quotes is a literal asterisk.
 * - A number operand (a bare word that reads as a number) compares by value with a
 *   number, or with a string that reads as a number (`"123456789012"` equals
 *   `123456789012`); other strings do not match, for `=` and `!=` alike.
 * - `IS TRUE` / `IS FALSE` match only the JSON booleans, `IS NULL` only `null`,
 *   `NOT EXISTS` only a path that does not resolve.
 * - Array wildcards (`$.a[*]`) are not documented and are refused.
 *
 * Internal: not exported from the package barrel.
 */

export type JsonStep = string | number;

export type JsonLeafOp = Operator | 'IS TRUE' | 'IS FALSE' | 'IS NULL' | 'NOT EXISTS';

export interface JsonLeaf {
  readonly path: ReadonlyArray<JsonStep>;
  readonly op: JsonLeafOp;
  readonly operand?: Operand;
}

export type JsonExpr = Expr<JsonLeaf>;

/** Marks a selector that does not resolve. */
const MISSING = Symbol('missing');

/** Parses the JSON pattern in `text`, which starts with `{` (after blanks). */
export function parseJsonPattern(text: string): JsonExpr {
  const open = text.indexOf('{');
  const close = text.length - 1;
  if (close <= open || text[close] !== '}') {
    throw new Cursor(text, open, text.length).fail("a JSON pattern must end with '}'", text.length);
  }
  const cur = new Cursor(text, open + 1, close);
  cur.ws();
  if (cur.atEnd()) cur.fail('a JSON pattern needs at least one condition between the braces');
  const expr = parseBoolean(cur, () => parseLeaf(cur));
  cur.ws();
  if (!cur.atEnd()) {
    if (cur.peek(')')) cur.fail("this ')' closes no '('");
    cur.fail("expected '&&' or '||' between conditions");
  }
  return expr;
}

function parseLeaf(cur: Cursor): JsonLeaf {
  cur.ws();
  const path = parseSelector(cur);
  cur.ws();
  const kwStart = cur.pos;
  if (cur.peek('IS')) {
    cur.pos += 2;
    const word = readWord(cur);
    if (word === 'TRUE' || word === 'FALSE' || word === 'NULL') return { path, op: `IS ${word}` };
    cur.fail('expected TRUE, FALSE or NULL after IS', kwStart);
  }
  if (cur.peek('NOT')) {
    cur.pos += 3;
    if (readWord(cur) === 'EXISTS') return { path, op: 'NOT EXISTS' };
    cur.fail('expected EXISTS after NOT', kwStart);
  }
  const op = readOperator(cur);
  if (!op) {
    cur.fail('expected an operator (=, !=, <, >, <=, >=) or IS TRUE, IS FALSE, IS NULL, NOT EXISTS');
  }
  const operand = readOperand(cur, op, '()&|');
  return { path, op, operand };
}

function readWord(cur: Cursor): string {
  cur.ws();
  const start = cur.pos;
  while (cur.pos < cur.end && /[A-Za-z]/.test(cur.char())) cur.pos++;
  return cur.text.slice(start, cur.pos);
}

function parseSelector(cur: Cursor): JsonStep[] {
  if (!cur.peek('$')) cur.fail("expected a selector starting with '$.', such as $.eventName");
  cur.pos++;
  const path: JsonStep[] = [];
  for (;;) {
    if (cur.peek('.')) {
      cur.pos++;
      const start = cur.pos;
      while (cur.pos < cur.end && /[A-Za-z0-9_-]/.test(cur.char())) cur.pos++;
      if (cur.pos === start) {
        cur.fail("expected a field name (letters, digits, '-' or '_') after '.'");
      }
      path.push(cur.text.slice(start, cur.pos));
    } else if (cur.peek('[')) {
      const open = cur.pos;
      cur.pos++;
      if (cur.peek('*')) cur.fail('array wildcards are not supported; name one element, such as [0]');
      const start = cur.pos;
      while (cur.pos < cur.end && /[0-9]/.test(cur.char())) cur.pos++;
      if (cur.pos === start || !cur.peek(']')) {
        cur.fail('expected an array index: a whole number followed by ]', open);
      }
      if (path.length === 0) cur.fail('an array index must follow a field name', open);
      path.push(Number(cur.text.slice(start, cur.pos)));
      cur.pos++;
    } else {
      break;
    }
  }
  if (path.length === 0) cur.fail("a selector needs a field after '$', such as $.eventName");
  const next = cur.char();
  if (next !== '' && !/[\s=!<>()&|]/.test(next)) {
    cur.fail(`'${next}' cannot appear in a selector; field names hold letters, digits, '-' and '_'`);
  }
  return path;
}

/** Follows `path` from `root`; MISSING when any step does not resolve. */
function resolve(root: any, path: ReadonlyArray<JsonStep>): any {
  if (path.length === 1 && typeof path[0] === 'string' && path[0] !== '__proto__') {
    const v = root[path[0]];
    return v === undefined || typeof v === 'function' ? MISSING : v;
  }
  let v = root;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return MISSING;
    const step = path[i];
    if (typeof step === 'number') {
      if (!Array.isArray(v) || step >= v.length) return MISSING;
      v = v[step];
    } else {
      if (Array.isArray(v)) return MISSING;
      if (step === '__proto__' && !Object.prototype.hasOwnProperty.call(v, step)) return MISSING;
      v = v[step];
      if (v === undefined || typeof v === 'function') return MISSING;
    }
  }
  return v;
}

/** Compiles a parsed JSON pattern to a test on a parsed JSON value. */
export function compileJsonPattern(expr: JsonExpr): (root: any) => boolean {
  if (expr.kind === 'or') {
    const set = exactSet(expr);
    if (set) return set;
    // Fold the runs of exact comparisons on one field into set lookups.
    const folded = groupExact(expr.children);
    if (folded.length < expr.children.length) {
      const parts = folded.map((c) => (typeof c === 'function' ? c : compileJsonPattern(c)));
      return (r) => {
        for (const p of parts) if (p(r)) return true;
        return false;
      };
    }
  }
  if (expr.kind === 'leaf') return compileLeaf(expr.leaf);
  const parts = expr.children.map(compileJsonPattern);
  return compileBoolean<(r: any) => boolean, any>(
    { kind: expr.kind, children: parts.map((leaf) => ({ kind: 'leaf', leaf })) }, (f) => f);
}

/** The field and literal of `$.path = "literal"`, when a leaf is one. */
function exactOf(expr: JsonExpr): { key: string; literal: string } | undefined {
  if (expr.kind !== 'leaf' || expr.leaf.op !== '=' || expr.leaf.operand?.kind !== 'string') return undefined;
  const literal = literalOf(expr.leaf.operand.parts);
  return literal === undefined ? undefined : { key: JSON.stringify(expr.leaf.path), literal };
}

/** An OR of exact comparisons on one field becomes one lookup in a set. */
function exactSet(expr: JsonExpr & { kind: 'or' }): ((r: any) => boolean) | undefined {
  const exacts = expr.children.map(exactOf);
  if (exacts.some((e) => !e) || new Set(exacts.map((e) => e!.key)).size !== 1) return undefined;
  return setTest((expr.children[0] as { leaf: JsonLeaf }).leaf.path, exacts.map((e) => e!.literal));
}

function groupExact(children: ReadonlyArray<JsonExpr>): Array<JsonExpr | ((r: any) => boolean)> {
  const byKey = new Map<string, { path: ReadonlyArray<JsonStep>; literals: string[] }>();
  const rest: Array<JsonExpr | ((r: any) => boolean)> = [];
  for (const c of children) {
    const e = exactOf(c);
    if (!e) {
      rest.push(c);
      continue;
    }
    const group = byKey.get(e.key) ?? { path: (c as { leaf: JsonLeaf }).leaf.path, literals: [] };
    group.literals.push(e.literal);
    byKey.set(e.key, group);
  }
  return [...[...byKey.values()].map((g) => setTest(g.path, g.literals)), ...rest];
}

function setTest(path: ReadonlyArray<JsonStep>, literals: string[]): (r: any) => boolean {
  const set = new Set(literals);
  return (r) => {
    const v = resolve(r, path);
    return typeof v === 'string' ? set.has(v) : typeof v === 'number' && set.has(String(v));
  };
}

function compileLeaf(leaf: JsonLeaf): (root: any) => boolean {
  const path = leaf.path;
  switch (leaf.op) {
    case 'IS TRUE': return (r) => resolve(r, path) === true;
    case 'IS FALSE': return (r) => resolve(r, path) === false;
    case 'IS NULL': return (r) => resolve(r, path) === null;
    case 'NOT EXISTS': return (r) => resolve(r, path) === MISSING;
    default: break;
  }
  const operand = leaf.operand!;
  const negate = leaf.op === '!=';
  if (operand.kind === 'number') {
    const cmp = numberComparison(leaf.op as Operator, operand.value);
    return (r) => {
      const v = resolve(r, path);
      if (typeof v === 'number') return cmp(v);
      if (typeof v === 'string' && NUMBER_TEXT.test(v)) return cmp(Number(v));
      return false;
    };
  }
  const test = operand.kind === 'regex'
    ? (s: string) => operand.re.test(s)
    : wildcardTest(operand.parts);
  return (r) => {
    const v = resolve(r, path);
    if (typeof v === 'string') return test(v) !== negate;
    if (typeof v === 'number') return test(String(v)) !== negate;
    return false;
  };
}

/** A comparison of a value with a fixed number. */
export function numberComparison(op: Operator, n: number): (v: number) => boolean {
  switch (op) {
    case '=': return (v) => v === n;
    case '!=': return (v) => v !== n;
    case '<': return (v) => v < n;
    case '<=': return (v) => v <= n;
    case '>': return (v) => v > n;
    case '>=': return (v) => v >= n;
  }
}

/**
 * The values a JSON pattern requires of a top-level field (`eventName`), or
 * undefined when some event could match whatever that field holds. An AND needs
 * one constrained branch; an OR needs every branch constrained. Only exact `=`
 * comparisons with a string operand (no wildcard, no regex) constrain.
 */
export function requiredValues(expr: JsonExpr, field: string): string[] | undefined {
  if (expr.kind === 'leaf') {
    const { path, op, operand } = expr.leaf;
    if (op !== '=' || path.length !== 1 || path[0] !== field || !operand) return undefined;
    if (operand.kind === 'string') {
      const literal = literalOf(operand.parts);
      return literal === undefined ? undefined : [literal];
    }
    return undefined;
  }
  const sets = expr.children.map((c) => requiredValues(c, field));
  if (expr.kind === 'and') {
    let best: string[] | undefined;
    for (const s of sets) if (s && (!best || s.length < best.length)) best = s;
    return best;
  }
  if (sets.some((s) => s === undefined)) return undefined;
  return [...new Set(sets.flatMap((s) => s!))];
}
