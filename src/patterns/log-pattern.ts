import { CompiledLogPattern, compileLogPattern } from './compiled-log-pattern';
import { LogPatternKind } from './log-pattern-kind';
import { COMPILED } from './log-pattern-registry';

/**
 * A CloudWatch Logs filter pattern, parsed and compiled once, that can be tested
 * against log events: the same judgement a metric filter or subscription filter
 * makes, offline.
 *
 * Supports the empty pattern, terms (`ERROR ?WARN -DEBUG "quoted phrase"`), JSON
 * patterns (`{ $.eventName = "ConsoleLogin" && $.errorMessage = "Failed*" }`),
 * space-delimited patterns (`[ip, user, ..., status_code = 4*, bytes > 1000]`) and
 * standalone regular expressions (`%[Ee]rror%`).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export class LogPattern {
  /**
   * Parses a filter pattern.
   *
   * @throws Error naming the character offset, the text around it and the reason,
   * when the pattern does not parse.
   */
  public static parse(pattern: string): LogPattern {
    return new LogPattern(pattern, compileLogPattern(pattern));
  }

  /**
   * Checks a filter pattern without keeping it.
   *
   * @returns the message `parse` would throw, or undefined when the pattern is valid.
   */
  public static problem(pattern: string): string | undefined {
    try {
      compileLogPattern(pattern);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  /** The pattern as written. */
  public readonly text: string;

  /** Which kind of pattern this is. */
  public readonly kind: LogPatternKind;

  private constructor(text: string, compiled: CompiledLogPattern) {
    this.text = text;
    this.kind = compiled.kind;
    COMPILED.set(this, compiled);
  }

  /**
   * Whether a log event matches.
   *
   * @param message the log event's text; for CloudTrail, the record as JSON.
   */
  public matches(message: string): boolean {
    return COMPILED.get(this)!.matchText(message);
  }

  /**
   * Whether an already parsed JSON log event matches. JSON patterns read the
   * object directly; text patterns test its JSON serialization.
   *
   * @param record a parsed JSON value, such as one CloudTrail record.
   */
  public matchesRecord(record: any): boolean {
    return COMPILED.get(this)!.matchParsed(record);
  }
}
