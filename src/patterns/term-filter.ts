import { Cursor, readQuoted } from './filter-expression';
import { compileRegex, literalOf } from './log-values';

/**
 * Term patterns for unstructured log events, and standalone `%regex%` patterns.
 *
 * - Terms are separated by blanks and all must appear in the message (substring,
 *   case-sensitive). A quoted term is a phrase, matched as one substring.
 * - `-term` excludes messages that contain the term.
 * - `?term` marks alternatives: at least one of them must appear. Terms without a
 *   mark are still all required beside them.
 * - The documentation asks for quotes around terms holding other characters than
 *   letters, digits and underscores; unquoted terms with such characters are
 *   accepted here and matched literally, so that no pattern AWS takes is refused.
 *
 * Internal: not exported from the package barrel.
 */

interface Terms {
  readonly all: string[];
  readonly any: string[];
  readonly none: string[];
}

export function parseTermPattern(text: string): (message: string) => boolean {
  const cur = new Cursor(text, 0, text.length);
  const terms: Terms = { all: [], any: [], none: [] };
  for (;;) {
    cur.ws();
    if (cur.atEnd()) break;
    let bucket = terms.all;
    if (cur.peek('?')) {
      bucket = terms.any;
      cur.pos++;
    } else if (cur.peek('-')) {
      bucket = terms.none;
      cur.pos++;
      cur.ws();
      if (cur.atEnd()) cur.fail("expected a term after '-'");
    }
    const start = cur.pos;
    if (cur.peek('"')) {
      const parts = readQuoted(cur);
      bucket.push(literalOf(parts) ?? parts.map((p) => (typeof p === 'string' ? p : '*')).join(''));
    } else {
      while (cur.pos < cur.end && !/\s/.test(cur.char()) && cur.char() !== '"') cur.pos++;
      if (cur.pos === start) cur.fail('expected a term');
      bucket.push(text.slice(start, cur.pos));
    }
  }
  const { all, any, none } = terms;
  if (all.length === 0 && any.length === 0 && none.length === 0) return () => true;
  return (m) => {
    for (const t of all) if (!m.includes(t)) return false;
    for (const t of none) if (m.includes(t)) return false;
    if (any.length === 0) return true;
    for (const t of any) if (m.includes(t)) return true;
    return false;
  };
}

/** A standalone `%regex%` pattern; `text` is trimmed and starts and ends with `%`. */
export function parseRegexPattern(text: string): (message: string) => boolean {
  const re = compileRegex(text, text.slice(1, -1), 1);
  return (m) => re.test(m);
}
