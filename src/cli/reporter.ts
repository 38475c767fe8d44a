import * as cliProgress from 'cli-progress';
import { CliStream } from './command';
import { ProblemSink } from '../replay/problems';

/** Problems kept for the JSON document; the rest are only counted. */
const KEPT_PROBLEMS = 1000;

/**
 * The one place the command line writes diagnostics: problems and errors to stderr,
 * and the progress bar while a large input is read.
 */
export class Reporter implements ProblemSink {
  public count = 0;
  public readonly kept: string[] = [];
  private bars?: cliProgress.MultiBar;
  private bar?: cliProgress.SingleBar;

  constructor(private readonly stderr: CliStream, private readonly prefix: string) {}

  public problem(message: string): void {
    this.count++;
    if (this.kept.length < KEPT_PROBLEMS) this.kept.push(message);
    this.line(`${this.prefix}: ${message}`);
  }

  /** A note that is not a problem (for example, what an option changed). */
  public note(message: string): void {
    this.line(`${this.prefix}: ${message}`);
  }

  /** Shows a progress bar of `total` bytes when stderr is a terminal. */
  public startProgress(total: number): void {
    if (!this.stderr.isTTY) return;
    this.bars = new cliProgress.MultiBar({
      stream: this.stderr as unknown as NodeJS.WritableStream,
      format: 'replay [{bar}] {percentage}% | {read} of {size} MB | {records} records',
      hideCursor: false,
      clearOnComplete: true,
      fps: 5,
    }, cliProgress.Presets.shades_classic);
    this.bar = this.bars.create(total, 0, { read: '0', size: mb(total), records: 0 });
  }

  public progress(bytes: number, records: number): void {
    this.bar?.update(bytes, { read: mb(bytes), records });
  }

  public stopProgress(): void {
    // A last redraw writes the problems logged since the previous one.
    this.bars?.update();
    this.bars?.stop();
    this.bars = undefined;
    this.bar = undefined;
  }

  private line(text: string): void {
    if (this.bars) this.bars.log(`${text}\n`);
    else this.stderr.write(`${text}\n`);
  }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
