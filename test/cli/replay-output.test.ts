import { BufferedOutput } from '../../src/cli/buffered-output';
import { CliStream } from '../../src/cli/command';
import { JsonOutput, RunSummary, TableOutput } from '../../src/cli/replay-output';

/** A stream that says it is full after every write until it is drained. */
class SlowStream implements CliStream {
  public text = '';
  public drains = 0;
  private listener?: () => void;
  public write(chunk: string): boolean {
    this.text += chunk;
    setImmediate(() => {
      const listener = this.listener;
      this.listener = undefined;
      if (listener) {
        this.drains++;
        listener();
      }
    });
    return false;
  }
  public once(_event: 'drain', listener: () => void): this {
    this.listener = listener;
    return this;
  }
}

const SUMMARY: RunSummary = { templates: ['t.json'], files: 1, records: 0, problems: [], problemCount: 0 };

describe('replay output', () => {
  test('lists every matched record in the table, past what it keeps in memory', async () => {
    const stream = new SlowStream();
    const table = new TableOutput(new BufferedOutput(stream), 'matched');
    for (let i = 0; i < 25_000; i++) table.event('log.json', i, 'CreateUser', ['UserCreated']);
    await table.finish([], SUMMARY);
    const rows = stream.text.split('\n').filter((l) => /^log\.json#\d+ +CreateUser +UserCreated$/.test(l));
    expect(rows.length).toBe(25_000);
  });

  test('keeps the records in their order when it lists them from a temporary file', async () => {
    const stream = new SlowStream();
    const table = new TableOutput(new BufferedOutput(stream), 'matched');
    for (let i = 0; i < 12_000; i++) table.event('log.json', i, 'CreateUser', ['UserCreated']);
    await table.finish([], SUMMARY);
    const last = stream.text.trim().split('\n').pop();
    expect(last).toMatch(/^log\.json#11999 /);
  });

  test('waits for a slow reader of stdout while streaming JSON events', async () => {
    const stream = new SlowStream();
    const out = new BufferedOutput(stream);
    const json = new JsonOutput(out, 'all');
    for (let i = 0; i < 5000; i++) {
      json.event('log.json', i, 'GetUser', []);
      if (i % 500 === 0) await out.drain();
    }
    await json.finish([], SUMMARY);
    expect({ events: JSON.parse(stream.text).events.length, waited: stream.drains > 0 })
      .toEqual({ events: 5000, waited: true });
  });

  test('escapes sources and ids in the JSON events', async () => {
    const stream = new SlowStream();
    const json = new JsonOutput(new BufferedOutput(stream), 'all');
    json.event('dir "x"/a.json', -1, 'Get"User', ['Id\\1']);
    json.event('dir "x"/a.json', 2, 'GetUser', []);
    await json.finish([], SUMMARY);
    expect(JSON.parse(stream.text).events).toEqual([
      { source: 'dir "x"/a.json', eventName: 'Get"User', detections: ['Id\\1'] },
      { source: 'dir "x"/a.json#2', eventName: 'GetUser', detections: [] },
    ]);
  });
});
