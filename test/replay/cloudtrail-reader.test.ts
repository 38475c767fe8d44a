import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as zlib from 'zlib';
import { listInputs, readCloudTrail, sourceLabel } from '../../src/replay/cloudtrail-reader';
import { ProblemList } from '../../src/replay/problems';

const record = (eventName: string, extra: object = {}) =>
  ({ eventVersion: '1.08', eventTime: '2025-01-01T00:00:00Z', eventName, ...extra });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-reader-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

async function read(paths: string[], stdin?: PassThrough, wholeFileLimit?: number) {
  const problems = new ProblemList();
  const seen: Array<{ source: string; eventName: string }> = [];
  const inputs = await listInputs(paths, problems);
  const count = await readCloudTrail(inputs, problems, (file, index, r) => {
    seen.push({ source: sourceLabel(file, index), eventName: r.eventName });
  }, { stdin, wholeFileLimit });
  return { seen, problems: problems.messages, count };
}

describe('CloudTrail input', () => {
  test('labels a single-record file with the file name alone', async () => {
    const file = write('one.json', JSON.stringify(record('GetUser'), undefined, 2));
    const { seen } = await read([file]);
    expect(seen).toEqual([{ source: file, eventName: 'GetUser' }]);
  });

  test('reads a CloudTrail log file and labels records by their index in Records', async () => {
    const file = write('log.json', JSON.stringify({ Records: [record('A'), record('B')] }));
    const { seen } = await read([file]);
    expect(seen.map((s) => s.source)).toEqual([`${file}#0`, `${file}#1`]);
  });

  test('reads gzipped log files', async () => {
    const file = write('log.json.gz', zlib.gzipSync(JSON.stringify({ Records: [record('A')] })));
    const { seen } = await read([file]);
    expect(seen).toEqual([{ source: `${file}#0`, eventName: 'A' }]);
  });

  test('reads JSON lines and labels records by line number', async () => {
    const file = write('lines.json', [record('A'), record('B')].map((r) => JSON.stringify(r)).join('\n'));
    const { seen } = await read([file]);
    expect(seen.map((s) => s.source)).toEqual([`${file}#1`, `${file}#2`]);
  });

  test('walks directories recursively, .json and .json.gz only, in name order', async () => {
    write('b/two.json', JSON.stringify(record('Two')));
    write('a/one.json.gz', zlib.gzipSync(JSON.stringify(record('One'))));
    write('a/notes.txt', 'not CloudTrail');
    const { seen } = await read([dir]);
    expect(seen.map((s) => s.eventName)).toEqual(['One', 'Two']);
  });

  test('reads a large one-line log file as a stream and labels records by index', async () => {
    const records = Array.from({ length: 300 }, (_, i) => record(`E${i}`, { pad: 'y'.repeat(500) }));
    const file = write('big.json.gz', zlib.gzipSync(JSON.stringify({ Records: records })));
    const { seen } = await read([file], undefined, 0);
    expect(seen.map((s) => s.source)).toEqual(records.map((_, i) => `${file}#${i}`));
  });

  test('reads a large JSON lines file line by line', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify(record(`E${i}`)));
    const file = write('big.json', lines.join('\r\n'));
    const { seen } = await read([file], undefined, 0);
    expect(seen.map((s) => s.eventName)).toEqual(lines.map((_, i) => `E${i}`));
  });

  test('reports the bytes it has read, to the last one, for progress', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(record(`E${i}`)));
    const big = write('big.json', lines.join('\n'));
    const small = write('small.json', JSON.stringify(record('A')));
    const problems = new ProblemList();
    const inputs = await listInputs([big, small], problems);
    const steps: number[] = [];
    await readCloudTrail(inputs, problems, () => undefined, {
      wholeFileLimit: 1000, onBytes: (n) => steps.push(n),
    });
    const total = fs.statSync(big).size + fs.statSync(small).size;
    expect({ sum: steps.reduce((a, b) => a + b, 0), several: steps.length > 2 }).toEqual({ sum: total, several: true });
  });

  test('reads standard input, JSON lines or gzipped', async () => {
    const stdin = new PassThrough();
    stdin.end(zlib.gzipSync(`${JSON.stringify(record('A'))}\n${JSON.stringify(record('B'))}\n`));
    const { seen } = await read(['-'], stdin);
    expect(seen).toEqual([{ source: 'stdin#1', eventName: 'A' }, { source: 'stdin#2', eventName: 'B' }]);
  });

  test('reads a pretty-printed Records document from standard input', async () => {
    const stdin = new PassThrough();
    stdin.end(JSON.stringify({ Records: [record('A'), record('B')] }, undefined, 2));
    const { seen } = await read(['-'], stdin);
    expect(seen.map((s) => s.source)).toEqual(['stdin#0', 'stdin#1']);
  });
});

describe('CloudTrail input that is malformed', () => {
  test('reports a truncated gzip file and still reads the next file', async () => {
    const full = zlib.gzipSync(JSON.stringify({ Records: [record('Lost')] }));
    const broken = write('a.json.gz', full.subarray(0, full.length - 10));
    write('b.json', JSON.stringify(record('Kept')));
    const { seen, problems } = await read([dir]);
    expect(seen.map((s) => s.eventName)).toEqual(['Kept']);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${broken}: .*gzip`))]);
  });

  test('reports a truncated gzip file between two good ones, in its place', async () => {
    write('a.json', JSON.stringify(record('First')));
    const full = zlib.gzipSync(JSON.stringify({ Records: [record('Lost')] }));
    const broken = write('b.json.gz', full.subarray(0, full.length - 10));
    write('c.json', JSON.stringify(record('Last')));
    const order: string[] = [];
    const problems = { problem: (m: string) => order.push(m.startsWith(broken) ? 'problem' : m) };
    await readCloudTrail(await listInputs([dir], problems), problems, (_f, _i, r) => order.push(r.eventName));
    expect(order).toEqual(['First', 'problem', 'Last']);
  });

  test('reports a line that is not JSON and reads the other lines', async () => {
    const file = write('lines.json',
      `${JSON.stringify(record('A'))}\n{"eventName": "Broken"\n${JSON.stringify(record('C'))}\n`);
    const { seen, problems } = await read([file]);
    expect(seen.map((s) => s.eventName)).toEqual(['A', 'C']);
    expect(problems).toEqual([expect.stringContaining(`${file}#2: line is not valid JSON`)]);
  });

  test('reports a record without eventName, naming it, and reads the others', async () => {
    const file = write('log.json', JSON.stringify({ Records: [record('A'), { eventTime: 'x' }, record('C')] }));
    const { seen, problems } = await read([file]);
    expect(seen.map((s) => s.eventName)).toEqual(['A', 'C']);
    expect(problems).toEqual([`${file}#1: record has no eventName; skipped`]);
  });

  test('reports a Records that is not an array', async () => {
    const file = write('log.json', JSON.stringify({ Records: record('A') }));
    write('next.json', JSON.stringify(record('Next')));
    const { seen, problems } = await read([dir]);
    expect(seen.map((s) => s.eventName)).toEqual(['Next']);
    expect(problems).toEqual([`${file}: "Records" is not an array; skipped`]);
  });

  test('reports a truncated JSON document', async () => {
    const file = write('one.json', JSON.stringify(record('A'), undefined, 2).slice(0, 40));
    const { count, problems } = await read([file]);
    expect(count).toBe(0);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${file}: not valid JSON`))]);
  });

  test('reports a path that does not exist and reads the others', async () => {
    const file = write('one.json', JSON.stringify(record('A')));
    const missing = path.join(dir, 'missing.json');
    const { seen, problems } = await read([missing, file]);
    expect(seen.map((s) => s.eventName)).toEqual(['A']);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${missing}: cannot read`))]);
  });

  test('keeps the records before the break of a truncated gzip file read line by line', async () => {
    const lines = ['A', 'B', 'C', 'D'].map((n) => JSON.stringify(record(n, { pad: 'x'.repeat(5000) })));
    const full = zlib.gzipSync(lines.join('\n'), { level: 0 });
    const file = write('big.json.gz', full.subarray(0, Math.floor(full.length * 0.6)));
    const { seen, problems } = await read([file], undefined, 0);
    expect(seen.map((s) => s.eventName)).toEqual(['A', 'B']);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${file}: .*not a valid gzip file`))]);
  });

  test('reports a value that is not a record', async () => {
    const file = write('lines.json', `${JSON.stringify(record('A'))}\n42\n`);
    const { seen, problems } = await read([file]);
    expect(seen.map((s) => s.eventName)).toEqual(['A']);
    expect(problems).toEqual([`${file}#2: not a CloudTrail record (a JSON number); skipped`]);
  });
});
