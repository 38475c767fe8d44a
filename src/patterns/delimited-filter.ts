import {
  Cursor, Expr, Operand, Operator, compileBoolean, parseBoolean, readOperand, readOperator,
} from './filter-expression';
import { numberComparison } from './json-filter';
import { NUMBER_TEXT, wildcardTest } from './log-values';

/**
 * Space-delimited patterns: `[ip, user, ..., status_code = 4* && bytes > 1000, size]`.
 *
 * - The log event is split on blanks; text between `[` and `]`, or between two
 *   double quotes, is one field (without the brackets or quotes).
 * - Without `...` the event must have exactly as many fields as the pattern names;
 *   `...` stands for any number of fields (one `...` per pattern).
 * - An empty entry, such as the one a trailing comma leaves, is a field without a
 *   name: `[..., request, status_code,]` binds the last three fields.
 * - A condition compares named fields; it may name other fields of the pattern
 *   (`status_code = 4* && bytes > 1000`). A name that is not a field of the
 *   pattern has no value and its comparison does not match.
 * - Numeric operators need a field that reads as a number.
 *
 * Internal: not exported from the package barrel.
 */

interface FieldLeaf {
  readonly name: string;
  readonly op: Operator;
  readonly operand: Operand;
}

/** A bound event: its fields and the shift that maps slots after `...`. */
interface Bound {
  fields: string[];
  shift: number;
}

export function parseDelimitedPattern(text: string): (message: string) => boolean {
  const open = text.indexOf('[');
  const close = text.length - 1;
  const cur = new Cursor(text, open + 1, close);
  if (close <= open || text[close] !== ']') {
    cur.fail("a space-delimited pattern must end with ']'", text.length);
  }
  const names: string[] = [];
  const conditions: Array<Expr<FieldLeaf>> = [];
  let ellipsis = -1;
  cur.ws();
  const empty = cur.atEnd();
  while (!empty) {
    cur.ws();
    if (cur.peek(',') || cur.atEnd()) {
      // An empty entry (`[a,,b]`, or a trailing comma) is a field without a name.
      names.push('');
    } else if (cur.peek('...')) {
      if (ellipsis >= 0) cur.fail("only one '...' is allowed in a pattern");
      ellipsis = names.length;
      cur.pos += 3;
    } else {
      let first: string | undefined;
      const expr = parseBoolean<FieldLeaf>(cur, () => {
        const leaf = parseFieldLeaf(cur);
        first ??= leaf.name;
        return leaf;
      });
      // A slot that is only a name has no condition.
      if (expr.kind === 'leaf' && expr.leaf.op === undefined) {
        names.push(expr.leaf.name);
      } else {
        requireOperators(cur, expr);
        names.push(first!);
        conditions.push(expr);
      }
    }
    cur.ws();
    if (cur.atEnd()) break;
    if (!cur.peek(',')) cur.fail("expected ',' between fields or ']' at the end");
    cur.pos++;
  }
  if (names.length === 0 && ellipsis < 0) cur.fail('a space-delimited pattern needs at least one field');

  const slotOf = new Map<string, number>();
  names.forEach((n, i) => {
    if (n && !slotOf.has(n)) slotOf.set(n, i);
  });
  const after = ellipsis < 0 ? names.length : ellipsis;
  const tests = conditions.map((c) => compileBoolean<FieldLeaf, Bound>(c, (leaf) => {
    const slot = slotOf.get(leaf.name);
    if (slot === undefined) return () => false;
    const test = valueTest(leaf);
    return slot < after ? (b) => test(b.fields[slot]) : (b) => test(b.fields[slot + b.shift]);
  }));
  const count = names.length;
  const bound: Bound = { fields: [], shift: 0 };
  return (message) => {
    const fields = splitFields(message);
    if (ellipsis < 0 ? fields.length !== count : fields.length < count) return false;
    bound.fields = fields;
    bound.shift = fields.length - count;
    for (const t of tests) if (!t(bound)) return false;
    return true;
  };
}

function requireOperators(cur: Cursor, expr: Expr<FieldLeaf>): void {
  if (expr.kind === 'leaf') {
    if (expr.leaf.op === undefined) {
      cur.fail(`the field '${expr.leaf.name}' needs an operator and a value inside a condition`);
    }
    return;
  }
  expr.children.forEach((c) => requireOperators(cur, c));
}

function parseFieldLeaf(cur: Cursor): FieldLeaf {
  cur.ws();
  const start = cur.pos;
  while (cur.pos < cur.end && /[A-Za-z0-9_]/.test(cur.char())) cur.pos++;
  if (cur.pos === start) cur.fail('expected a field name (letters, digits and underscores)');
  const name = cur.text.slice(start, cur.pos);
  cur.ws();
  if (cur.atEnd() || cur.peek(',')) return { name } as FieldLeaf;
  const op = readOperator(cur);
  if (!op) cur.fail(`expected an operator (=, !=, <, >, <=, >=) or ',' after the field '${name}'`);
  return { name, op, operand: readOperand(cur, op, ',()&|') };
}

function valueTest(leaf: FieldLeaf): (field: string) => boolean {
  const { op, operand } = leaf;
  if (operand.kind === 'number') {
    const cmp = numberComparison(op, operand.value);
    return (f) => NUMBER_TEXT.test(f) && cmp(Number(f));
  }
  const negate = op === '!=';
  const test = operand.kind === 'regex' ? (s: string) => operand.re.test(s) : wildcardTest(operand.parts);
  return (f) => test(f) !== negate;
}

/** Splits a log event into fields; `[...]` and `"..."` groups are single fields. */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    const c = message.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const closer = c === 91 ? ']' : c === 34 ? '"' : undefined;
    if (closer) {
      const end = message.indexOf(closer, i + 1);
      const stop = end < 0 ? n : end;
      fields.push(message.slice(i + 1, stop));
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(message[j])) j++;
    fields.push(message.slice(i, j));
    i = j;
  }
  return fields;
}
