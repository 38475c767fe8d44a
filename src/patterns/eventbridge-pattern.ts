import { EventTest, compileEventPattern } from './event-pattern-compiler';

/**
 * An Amazon EventBridge event pattern, compiled once, that can be tested against
 * events offline: exact values, arrays, null and empty strings, prefix, suffix,
 * equals-ignore-case, wildcard, anything-but (values, lists, prefix, suffix,
 * equals-ignore-case, wildcard), numeric ranges, exists, cidr (IPv4 and IPv6),
 * `$or`, nested objects and arrays of objects.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
export class EventBridgePattern {
  /**
   * Parses a pattern from its JSON text.
   *
   * @throws Error when the text is not JSON or the pattern is not valid.
   */
  public static fromJson(json: string): EventBridgePattern {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new Error(`Invalid event pattern: not valid JSON (${(e as Error).message})`);
    }
    return new EventBridgePattern(parsed);
  }

  /**
   * Compiles a pattern given as an object.
   *
   * @throws Error naming the path of the offending field when the pattern is not valid.
   */
  public static fromObject(pattern: any): EventBridgePattern {
    return new EventBridgePattern(pattern);
  }

  /** The pattern as JSON text. */
  public readonly json: string;

  private readonly test: EventTest;

  private constructor(pattern: any) {
    this.test = compileEventPattern(pattern);
    this.json = JSON.stringify(pattern);
  }

  /**
   * Whether an event, given as JSON text, matches. Text that is not JSON does not match.
   */
  public matches(eventJson: string): boolean {
    let event: unknown;
    try {
      event = JSON.parse(eventJson);
    } catch {
      return false;
    }
    return this.test(event);
  }

  /** Whether an already parsed event matches. */
  public matchesEvent(event: any): boolean {
    return this.test(event);
  }
}
