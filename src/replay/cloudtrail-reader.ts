import * as fs from 'fs';
import * as path from 'path';
import { pipeline, Readable } from 'stream';
import * as util from 'util';
import * as zlib from 'zlib';
import { describeError, ProblemSink } from './problems';

const gunzip = util.promisify(zlib.gunzip);

/**
 * Files larger than this (on disk) are read line by line instead of in one piece; gzip
 * files count ten times their size, about what they hold once decompressed.
 */
const WHOLE_FILE_LIMIT = 32 * 1024 * 1024;
const GZIP_EXPANSION = 10;
/** Files up to this size (decompressed, estimated) are read ahead while the previous one is parsed. */
const PREFETCH_LIMIT = 8 * 1024 * 1024;

/** One input: a file, or `-` for standard input. */
export interface CloudTrailInput {
  /** The path as the user wrote it (joined with the directory it was found in). */
  readonly path: string;
  /** Bytes on disk; 0 for standard input. */
  readonly size: number;
}

/**
 * Receives each record read. `index` is the position in `Records` (from 0), or the line
 * number in a JSON lines file (from 1), or -1 for a file that holds a single record.
 */
export type RecordHandler = (file: string, index: number, record: any) => void;

/** Source label of a record: `<file>#<index>`, or `<file>` for a single-record file. */
export function sourceLabel(file: string, index: number): string {
  return index < 0 ? file : `${file}#${index}`;
}

/**
 * Expands files and directories (recursively, `.json` and `.json.gz`, sorted) into the
 * list of inputs; `-` stands for standard input. Paths that do not exist are reported.
 */
export async function listInputs(paths: string[], sink: ProblemSink): Promise<CloudTrailInput[]> {
  const inputs: CloudTrailInput[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ path: '-', size: 0 });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(p);
    } catch (error) {
      sink.problem(`${p}: cannot read (${describeError(error)})`);
      continue;
    }
    if (stat.isDirectory()) {
      await walk(p, inputs, sink);
    } else {
      inputs.push({ path: p, size: stat.size });
    }
  }
  return inputs;
}

async function walk(dir: string, into: CloudTrailInput[], sink: ProblemSink): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    sink.problem(`${dir}: cannot read directory (${describeError(error)})`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, into, sink);
    } else if (entry.name.endsWith('.json') || entry.name.endsWith('.json.gz')) {
      try {
        into.push({ path: full, size: (await fs.promises.stat(full)).size });
      } catch (error) {
        sink.problem(`${full}: cannot read (${describeError(error)})`);
      }
    }
  }
}

/** Options for {@link readCloudTrail}. */
export interface ReadOptions {
  /** Called with each number of input bytes (as on disk) consumed since the last call. */
  readonly onBytes?: (bytes: number) => void;
  /** Standard input; defaults to `process.stdin`. */
  readonly stdin?: Readable;
  /**
   * Called after each file, and after each chunk of a file read line by line, so the
   * caller can flush its output before more is read; awaited.
   */
  readonly flush?: () => Promise<void> | void;
  /**
   * Files up to this size (on disk) are read in one piece, larger ones line by line.
   * @default 32 MiB
   */
  readonly wholeFileLimit?: number;
}

/**
 * Reads every input one after the other and hands each valid record to `onRecord`.
 * A file is held in memory one at a time at most, plus the next one when it is small (JSON
 * lines and large files are read line by line); whatever cannot be read is reported to
 * `sink` and skipped.
 * @returns the number of records handed over
 */
export async function readCloudTrail(
  inputs: CloudTrailInput[],
  sink: ProblemSink,
  onRecord: RecordHandler,
  options: ReadOptions = {},
): Promise<number> {
  const emitter = new RecordEmitter(sink, onRecord);
  const limit = options.wholeFileLimit ?? WHOLE_FILE_LIMIT;
  const whole = (input: CloudTrailInput) => input.path !== '-' && expandedSize(input) <= limit;
  let prefetched: Promise<Loaded> | undefined;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    let streamed = 0;
    const onChunk = (bytes: number) => {
      streamed += bytes;
      options.onBytes?.(bytes);
    };
    try {
      if (whole(input)) {
        const loaded = await (prefetched ?? loadWhole(input.path));
        prefetched = undefined;
        // The next file is read and decompressed (on another thread) while this one is parsed.
        const next = inputs[i + 1];
        if (next && whole(next) && expandedSize(next) <= PREFETCH_LIMIT) prefetched = loadWhole(next.path);
        if ('error' in loaded) throw loaded.error;
        parseWhole(input.path, loaded.buffer, emitter);
      } else {
        const stream = input.path === '-'
          ? (options.stdin ?? process.stdin)
          : fs.createReadStream(input.path);
        await readStreaming(input.path, stream, emitter, onChunk, options.flush);
      }
    } catch (error) {
      const name = input.path === '-' ? 'standard input' : input.path;
      sink.problem(`${name}: cannot read (${describeError(error)}); skipped`);
    }
    if (input.size > streamed) options.onBytes?.(input.size - streamed);
    await options.flush?.();
  }
  return emitter.count;
}

/** The size of an input once decompressed, as far as its size on disk tells. */
function expandedSize(input: CloudTrailInput): number {
  return input.path.endsWith('.gz') ? input.size * GZIP_EXPANSION : input.size;
}

function isGzip(buffer: Buffer): boolean {
  return buffer.length >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
}

/** A whole file read and decompressed, or why it could not be. */
type Loaded = { readonly buffer: Buffer } | { readonly error: unknown };

/** Reads and decompresses a file; never rejects, so it can be started ahead of time. */
async function loadWhole(file: string): Promise<Loaded> {
  try {
    const buffer = await fs.promises.readFile(file);
    if (!isGzip(buffer)) return { buffer };
    try {
      return { buffer: await gunzip(buffer) };
    } catch (error) {
      throw new Error(`not a valid gzip file: ${describeError(error)}`);
    }
  } catch (error) {
    return { error };
  }
}

function parseWhole(file: string, buffer: Buffer, emitter: RecordEmitter): void {
  const text = buffer.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not one JSON document: JSON lines, or broken.
    const lines = new LineParser(file, emitter);
    let lineNo = 0;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      lines.push(text.slice(start, end), ++lineNo);
      start = end + 1;
    }
    lines.end();
    return;
  }
  emitter.document(file, value);
}

async function readStreaming(file: string, input: Readable, emitter: RecordEmitter,
  onChunk: (bytes: number) => void, flush?: () => Promise<void> | void): Promise<void> {
  const name = file === '-' ? 'stdin' : file;
  const { stream: source, gzip } = await gunzipIfNeeded(input, onChunk);
  const lines = new LineParser(name, emitter);
  let lineNo = 0;
  // Pieces of the line not yet ended; joined once when its newline arrives, so a very
  // long line (a one-line Records file) is not copied again for every chunk.
  const pending: string[] = [];
  source.setEncoding('utf8');
  try {
    for await (const chunk of source) {
      const text = chunk as string;
      let start = 0;
      let end = text.indexOf('\n');
      while (end >= 0) {
        pending.push(text.slice(start, end));
        lines.push(pending.join(''), ++lineNo);
        pending.length = 0;
        start = end + 1;
        end = text.indexOf('\n', start);
      }
      if (start < text.length) pending.push(text.slice(start));
      await flush?.();
    }
    if (pending.length > 0) lines.push(pending.join(''), ++lineNo);
  } catch (error) {
    throw new Error(`${gzip ? 'not a valid gzip file' : 'read failed'} after line ${lineNo}: ${
      describeError(error)}`);
  } finally {
    // A truncated input still yields the records read before the break.
    lines.end();
  }
}

/** Looks at the first bytes and puts a gunzip stage in front when they are gzip's. */
async function gunzipIfNeeded(input: Readable, onChunk: (bytes: number) => void):
Promise<{ stream: Readable; gzip: boolean }> {
  const chunks = input[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return { stream: Readable.from([]), gzip: false };
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(String(first.value));
  async function* all() {
    onChunk(head.length);
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      onChunk(next.value.length);
      yield next.value;
    }
  }
  const stream = Readable.from(all(), { objectMode: false });
  if (!isGzip(head)) return { stream, gzip: false };
  const unzip = zlib.createGunzip();
  pipeline(stream, unzip, () => undefined);
  return { stream: unzip, gzip: true };
}

/**
 * Splits JSON lines from a multi-line document. When the first non-empty line is a JSON
 * value by itself the input is JSON lines; otherwise the lines form one document.
 */
class LineParser {
  private mode: 'unknown' | 'lines' | 'document' = 'unknown';
  private readonly documentLines: string[] = [];
  private held?: { value: unknown; lineNo: number };

  constructor(private readonly file: string, private readonly emitter: RecordEmitter) {}

  public push(line: string, lineNo: number): void {
    if (this.mode === 'document') {
      this.documentLines.push(line);
      return;
    }
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (this.mode === 'unknown') {
        this.mode = 'document';
        this.documentLines.push(line);
      } else {
        this.emitter.sink.problem(
          `${this.file}#${lineNo}: line is not valid JSON (${describeError(error)}); skipped`);
      }
      return;
    }
    if (this.mode === 'unknown') {
      // A file of one line is a document (CloudTrail writes its files on one line).
      this.mode = 'lines';
      this.held = { value, lineNo };
      return;
    }
    this.releaseHeld();
    this.emitter.line(this.file, value, lineNo);
  }

  public end(): void {
    if (this.mode === 'document') {
      const text = this.documentLines.join('\n');
      this.documentLines.length = 0;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        this.emitter.sink.problem(
          `${this.file}: not valid JSON nor JSON lines (${describeError(error)}); skipped`);
        return;
      }
      this.emitter.document(this.file, value);
    } else if (this.held) {
      this.emitter.document(this.file, this.held.value);
      this.held = undefined;
    }
  }

  private releaseHeld(): void {
    if (this.held) {
      this.emitter.line(this.file, this.held.value, this.held.lineNo);
      this.held = undefined;
    }
  }
}

/** Checks the shape of parsed values and hands valid records on. */
class RecordEmitter {
  public count = 0;

  constructor(public readonly sink: ProblemSink, private readonly onRecord: RecordHandler) {}

  /** A whole file: a single record, `{"Records": [...]}` or an array of records. */
  public document(file: string, value: any): void {
    if (Array.isArray(value)) {
      this.records(file, value);
    } else if (value !== null && typeof value === 'object' && 'Records' in value) {
      if (Array.isArray(value.Records)) {
        this.records(file, value.Records);
      } else {
        this.sink.problem(`${file}: "Records" is not an array; skipped`);
      }
    } else {
      this.record(file, -1, value);
    }
  }

  /** One line of a JSON lines file. */
  public line(file: string, value: any, lineNo: number): void {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)
      && 'Records' in value) {
      this.sink.problem(`${file}#${lineNo}: a "Records" document inside JSON lines; skipped`);
      return;
    }
    this.record(file, lineNo, value);
  }

  private records(file: string, records: any[]): void {
    for (let i = 0; i < records.length; i++) this.record(file, i, records[i]);
  }

  private record(file: string, index: number, value: any): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.sink.problem(`${sourceLabel(file, index)}: not a CloudTrail record (a JSON ${
        value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}); skipped`);
      return;
    }
    if (typeof value.eventName !== 'string') {
      this.sink.problem(`${sourceLabel(file, index)}: record has no eventName; skipped`);
      return;
    }
    this.count++;
    this.onRecord(file, index, value);
  }
}
