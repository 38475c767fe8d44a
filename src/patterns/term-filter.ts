import { Cursor, readQuoted } from './filter-expression';
import { compileRegex, literalOf } from './log-values';

/**
 * Term patterns for unstructured log events, and standalone `%regex%` patterns.
 *
 * - Terms are separated by blanks and all must appear in the message (substring,
 *   case-sensitive). A quoted term is a phrase, matched as one substring.
 * - `-term` excludes messages that contain the term.
 * - `?term` starts an alternative: the terms after it, up to the next `?`, belong to
 *   the same alternative, and a message matches when all the terms of one
 *   alternative appear. `?"ERROR" "MainThread" ?"WARN" "Deadlock"` reads as
 *   (ERROR and MainThread) or (WARN and Deadlock), the form aws-cdk-lib's
 *   `FilterPattern.anyTermGroup` writes. Terms before the first `?` form an
 *   alternative of their own.
 * - The documentation asks for quotes around terms holding other characters than
 *   letters, digits and underscores; unquoted terms with such characters are
 *   accepted here and matched literally, so that no pattern AWS takes is refused.
 *
 * Internal: not exported from the package barrel.
 */

export function parseTermPattern(text: string): (message: string) => boolean {
  const cur = new Cursor(text, 0, text.length);
  const groups: string[][] = [];
  const none: string[] = [];
  let group: string[] | undefined;
  for (;;) {
    cur.ws();
    if (cur.atEnd()) break;
    let excluded = false;
    if (cur.peek('?')) {
      group = [];
      groups.push(group);
      cur.pos++;
    } else if (cur.peek('-')) {
      excluded = true;
      cur.pos++;
      cur.ws();
      if (cur.atEnd()) cur.fail("expected a term after '-'");
    }
    const start = cur.pos;
    let term: string;
    if (cur.peek('"')) {
      const parts = readQuoted(cur);
      term = literalOf(parts) ?? parts.map((p) => (typeof p === 'string' ? p : '*')).join('');
    } else {
      while (cur.pos < cur.end && !/\s/.test(cur.char()) && cur.char() !== '"') cur.pos++;
      if (cur.pos === start) cur.fail('expected a term');
      term = text.slice(start, cur.pos);
    }
    if (excluded) {
      none.push(term);
    } else {
      if (!group) {
        group = [];
        groups.push(group);
      }
      group.push(term);
    }
  }
  const hasAll = (m: string, terms: string[]): boolean => {
    for (const t of terms) if (!m.includes(t)) return false;
    return true;
  };
  return (m) => {
    for (const t of none) if (m.includes(t)) return false;
    if (groups.length === 0) return true;
    for (const g of groups) if (hasAll(m, g)) return true;
    return false;
  };
}

/** A standalone `%regex%` pattern; `text` is trimmed and starts and ends with `%`. */
export function parseRegexPattern(text: string): (message: string) => boolean {
  const re = compileRegex(text, text.slice(1, -1), 1);
  return (m) => re.test(m);
}
