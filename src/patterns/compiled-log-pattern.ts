import { parseDelimitedPattern } from './delimited-filter';
import { JsonExpr, compileJsonPattern, parseJsonPattern } from './json-filter';
import { LogPatternKind } from './log-pattern-kind';
import { PatternSyntaxError } from './pattern-error';
import { parseRegexPattern, parseTermPattern } from './term-filter';

/**
 * A filter pattern compiled once into closures. Internal: the public face is
 * `LogPattern`; replay reaches this through `log-pattern-internals.ts`.
 */
export interface CompiledLogPattern {
  readonly kind: LogPatternKind;
  /** The parsed JSON expression, for JSON patterns. */
  readonly json?: JsonExpr;
  /** Tests a log event's text. */
  matchText(message: string): boolean;
  /**
   * Tests an already parsed JSON log event. `text` is its serialized form when
   * the caller has it; text patterns serialize the record only when it is absent.
   */
  matchParsed(record: any, text?: string): boolean;
}

/** Compiles a filter pattern; throws PatternSyntaxError when it does not parse. */
export function compileLogPattern(pattern: string): CompiledLogPattern {
  const leading = pattern.length - pattern.trimStart().length;
  const trimmed = pattern.trim();
  // Offsets in errors refer to the pattern as given, blanks included.
  const rebase = (e: unknown): never => {
    if (e instanceof PatternSyntaxError) {
      throw new PatternSyntaxError(pattern, e.offset + leading, e.why);
    }
    throw e;
  };
  try {
    if (trimmed.startsWith('{')) return jsonPattern(parseJsonPattern(trimmed));
    if (trimmed.startsWith('[')) return textPattern(LogPatternKind.SPACE_DELIMITED, parseDelimitedPattern(trimmed));
    if (trimmed.startsWith('%')) {
      if (trimmed.length < 2 || !trimmed.endsWith('%')) {
        throw new PatternSyntaxError(trimmed, trimmed.length,
          "a regular expression pattern must be the whole pattern, between two '%' signs");
      }
      return textPattern(LogPatternKind.REGEX, parseRegexPattern(trimmed));
    }
    if (trimmed.length === 0) return textPattern(LogPatternKind.ALL_EVENTS, () => true);
    return textPattern(LogPatternKind.TERMS, parseTermPattern(trimmed));
  } catch (e) {
    return rebase(e);
  }
}

function jsonPattern(json: JsonExpr): CompiledLogPattern {
  const test = compileJsonPattern(json);
  const matchParsed = (record: any): boolean =>
    record !== null && typeof record === 'object' && !Array.isArray(record) && test(record);
  return {
    kind: LogPatternKind.JSON,
    json,
    matchParsed,
    matchText(message: string): boolean {
      let record: unknown;
      try {
        record = JSON.parse(message);
      } catch {
        return false;
      }
      return matchParsed(record);
    },
  };
}

function textPattern(kind: LogPatternKind, test: (message: string) => boolean): CompiledLogPattern {
  return {
    kind,
    matchText: test,
    matchParsed(record: any, text?: string): boolean {
      if (kind === LogPatternKind.ALL_EVENTS) return true;
      return test(text ?? (typeof record === 'string' ? record : JSON.stringify(record)));
    },
  };
}
