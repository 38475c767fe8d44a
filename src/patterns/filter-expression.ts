import { NUMBER_TEXT, STAR, StringParts, compileRegex } from './log-values';
import { PatternSyntaxError } from './pattern-error';

/**
 * The parts JSON and space-delimited filter patterns share: a cursor over the
 * pattern text, `&&`/`||`/parentheses (`&&` binds tighter), comparison operators
 * and their operands.
 *
 * Internal helpers: not exported from the package barrel.
 */

export class Cursor {
  public pos: number;
  public regexCount = 0;

  constructor(public readonly text: string, start: number, public readonly end: number) {
    this.pos = start;
  }

  public ws(): void {
    while (this.pos < this.end && /\s/.test(this.text[this.pos])) this.pos++;
  }

  public atEnd(): boolean {
    return this.pos >= this.end;
  }

  public peek(s: string): boolean {
    return this.pos + s.length <= this.end && this.text.startsWith(s, this.pos);
  }

  public char(): string {
    return this.pos < this.end ? this.text[this.pos] : '';
  }

  public fail(why: string, at: number = this.pos): never {
    throw new PatternSyntaxError(this.text, at, why);
  }
}

export type Expr<L> =
  | { readonly kind: 'and'; readonly children: ReadonlyArray<Expr<L>> }
  | { readonly kind: 'or'; readonly children: ReadonlyArray<Expr<L>> }
  | { readonly kind: 'leaf'; readonly leaf: L };

/** Parses `a || b && (c || d)` with leaves read by `leaf`. */
export function parseBoolean<L>(cur: Cursor, leaf: () => L): Expr<L> {
  const parseOr = (): Expr<L> => {
    const children = [parseAnd()];
    for (;;) {
      cur.ws();
      if (!cur.peek('||')) break;
      cur.pos += 2;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0] : { kind: 'or', children };
  };
  const parseAnd = (): Expr<L> => {
    const children = [parseUnary()];
    for (;;) {
      cur.ws();
      if (!cur.peek('&&')) break;
      cur.pos += 2;
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0] : { kind: 'and', children };
  };
  const parseUnary = (): Expr<L> => {
    cur.ws();
    if (cur.peek('(')) {
      const open = cur.pos;
      cur.pos++;
      const inner = parseOr();
      cur.ws();
      if (!cur.peek(')')) cur.fail(`missing ')' to close the '(' at offset ${open}`);
      cur.pos++;
      return inner;
    }
    if (cur.atEnd()) cur.fail('expected a condition, found the end of the pattern');
    if (cur.peek('&&') || cur.peek('||')) cur.fail(`expected a condition before '${cur.text.substr(cur.pos, 2)}'`);
    return { kind: 'leaf', leaf: leaf() };
  };
  return parseOr();
}

/** Turns a parsed expression into one closure. */
export function compileBoolean<L, A>(expr: Expr<L>, leaf: (l: L) => (a: A) => boolean): (a: A) => boolean {
  if (expr.kind === 'leaf') return leaf(expr.leaf);
  const parts = expr.children.map((c) => compileBoolean(c, leaf));
  if (expr.kind === 'and') {
    if (parts.length === 2) {
      const [x, y] = parts;
      return (a) => x(a) && y(a);
    }
    return (a) => {
      for (const p of parts) if (!p(a)) return false;
      return true;
    };
  }
  if (parts.length === 2) {
    const [x, y] = parts;
    return (a) => x(a) || y(a);
  }
  return (a) => {
    for (const p of parts) if (p(a)) return true;
    return false;
  };
}

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Reads a comparison operator, or returns undefined when none is at the cursor. */
export function readOperator(cur: Cursor): Operator | undefined {
  cur.ws();
  for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) {
    if (cur.peek(op)) {
      cur.pos += op.length;
      if (op === '=' && cur.peek('=')) cur.fail("'==' is not an operator; use '='", cur.pos - 1);
      return op;
    }
  }
  return undefined;
}

export type Operand =
  | { readonly kind: 'string'; readonly parts: StringParts }
  | { readonly kind: 'number'; readonly value: number; readonly raw: string }
  | { readonly kind: 'regex'; readonly re: RegExp };

/** Most regular expressions a JSON or space-delimited pattern may hold. */
const MAX_REGEX = 2;

/**
 * Reads the value after an operator: a quoted string, a `%regex%`, or a bare word
 * (which is a number when it reads as one). `stops` ends a bare word.
 */
export function readOperand(cur: Cursor, op: Operator, stops: string): Operand {
  cur.ws();
  const start = cur.pos;
  if (cur.atEnd()) cur.fail(`expected a value after '${op}'`);
  const numericOp = op !== '=' && op !== '!=';
  const c = cur.char();
  if (c === '"') {
    const parts = readQuoted(cur);
    if (numericOp) cur.fail(`'${op}' compares numbers; write a number without quotes`, start);
    return { kind: 'string', parts };
  }
  if (c === '%') {
    const close = cur.text.indexOf('%', start + 1);
    if (close < 0 || close >= cur.end) cur.fail("a regular expression starting with '%' has no closing '%'");
    if (numericOp) cur.fail(`'${op}' compares numbers; a regular expression works only with = and !=`, start);
    cur.regexCount++;
    if (cur.regexCount > MAX_REGEX) {
      cur.fail(`a JSON or space-delimited pattern may hold at most ${MAX_REGEX} regular expressions`, start);
    }
    const re = compileRegex(cur.text, cur.text.slice(start + 1, close), start + 1);
    cur.pos = close + 1;
    return { kind: 'regex', re };
  }
  while (cur.pos < cur.end && !/\s/.test(cur.char()) && !stops.includes(cur.char())) cur.pos++;
  const raw = cur.text.slice(start, cur.pos);
  if (raw.length === 0) cur.fail(`expected a value after '${op}'`);
  // Documented: values with characters such as @, $ or \, or non-ASCII ones, need quotes.
  const odd = raw.search(/[@$\\\u0080-\uffff]/);
  if (odd >= 0) {
    cur.fail(`a value holding '${raw[odd]}' must be enclosed in double quotes`, start + odd);
  }
  if (NUMBER_TEXT.test(raw)) return { kind: 'number', value: Number(raw), raw };
  if (numericOp) cur.fail(`'${op}' compares numbers, and '${raw}' is not a number`, start);
  return { kind: 'string', parts: splitWildcards(raw) };
}

function splitWildcards(raw: string): StringParts {
  const parts: Array<string | typeof STAR> = [];
  let buf = '';
  for (const ch of raw) {
    if (ch === '*') {
      parts.push(buf, STAR);
      buf = '';
    } else {
      buf += ch;
    }
  }
  parts.push(buf);
  return parts;
}

/**
 * Reads a double-quoted string. `\"` and `\\` stand for themselves, `\*` is a
 * literal asterisk, and an unescaped `*` is a wildcard.
 */
export function readQuoted(cur: Cursor): StringParts {
  const open = cur.pos;
  cur.pos++;
  const parts: Array<string | typeof STAR> = [];
  let buf = '';
  while (cur.pos < cur.end) {
    const ch = cur.text[cur.pos];
    if (ch === '"') {
      cur.pos++;
      parts.push(buf);
      return parts;
    }
    if (ch === '\\' && cur.pos + 1 < cur.end) {
      const next = cur.text[cur.pos + 1];
      buf += next === '"' || next === '\\' || next === '*' ? next : ch + next;
      cur.pos += 2;
      continue;
    }
    if (ch === '*') {
      parts.push(buf, STAR);
      buf = '';
    } else {
      buf += ch;
    }
    cur.pos++;
  }
  return cur.fail('a quoted string is not closed', open);
}
