import { CliStream } from './command';

const FLUSH_AT = 64 * 1024;

/**
 * Collects output text and writes it in large pieces, waiting for the stream to drain
 * between input files so a slow reader of stdout does not make memory grow.
 */
export class BufferedOutput {
  private buffer = '';
  private congested = false;

  constructor(private readonly stream: CliStream) {}

  public write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Writes what is buffered and waits until the stream has taken it. */
  public async drain(): Promise<void> {
    this.flush();
    if (this.congested) {
      await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
      this.congested = false;
    }
  }

  private flush(): void {
    if (this.buffer === '') return;
    if (!this.stream.write(this.buffer)) this.congested = true;
    this.buffer = '';
  }
}
