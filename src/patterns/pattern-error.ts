/**
 * Builds the message of a filter-pattern syntax error: what is wrong, the
 * character offset, and an excerpt of the pattern with a caret under the spot.
 *
 * Internal helper: not exported from the package barrel.
 */
export function syntaxMessage(text: string, offset: number, why: string): string {
  const at = Math.max(0, Math.min(offset, text.length));
  const radius = 30;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + radius);
  const head = start > 0 ? '...' : '';
  const tail = end < text.length ? '...' : '';
  const excerpt = head + text.slice(start, end).replace(/[\r\n\t]/g, ' ') + tail;
  const caret = ' '.repeat(head.length + at - start) + '^';
  return `Invalid filter pattern: ${why} (at offset ${at})\n  ${excerpt}\n  ${caret}`;
}

/** Thrown while parsing; carries the offset so callers can build one message. */
export class PatternSyntaxError extends Error {
  constructor(text: string, public readonly offset: number, public readonly why: string) {
    super(syntaxMessage(text, offset, why));
    this.name = 'PatternSyntaxError';
  }
}
