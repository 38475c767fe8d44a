import { Readable } from 'stream';

/** A writable stream as the command line uses it (standard output or error). */
export interface CliStream {
  readonly isTTY?: boolean;
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** The streams a command reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly stdin: Readable;
}

/** A subcommand of the `cdk-iam-guardrails` command line. */
export interface CliCommand {
  /** What the command does, in one line, for the top-level help. */
  readonly summary: string;
  /** The command's help text. */
  readonly usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Misuse of the command line: printed as one line, exit code 1. */
export class UsageError extends Error {}
