/**
 * Where the replay sends what it could not read or use: a file that does not parse,
 * a record without an eventName, a pattern that does not compile. The replay keeps
 * going after each one; the command line prints them to stderr through one reporter.
 */
export interface ProblemSink {
  /** Records one problem; `message` names the file, record or resource it concerns. */
  problem(message: string): void;
}

/** A sink that keeps every message, for callers that read them afterwards. */
export class ProblemList implements ProblemSink {
  public readonly messages: string[] = [];

  public problem(message: string): void {
    this.messages.push(message);
  }
}

/** The first line of an error's message, without a stack trace. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}
