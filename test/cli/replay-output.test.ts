import { BufferedOutput } from '../../src/cli/buffered-output';
import { CliStream } from '../../src/cli/command';
import { JsonOutput, RunSummary, TableOutput } from '../../src/cli/replay-output';
import { AlarmResult, DetectionResult } from '../../src/replay/engine';

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

const SUMMARY: RunSummary = {
  templates: ['t.json'], files: 1, records: 0, problems: [], problemCount: 0, notDetections: [],
};

/** A detection with one simulated alarm. */
function detection(alarm: Partial<AlarmResult>, matches = 2): DetectionResult {
  const result: AlarmResult = {
    logicalId: 'Alarm',
    template: 't.json',
    state: 'OK',
    wentToAlarm: false,
    alarmCount: 0,
    simulated: true,
    ...alarm,
  };
  return { id: 'RootActivity', matches, metricFilterMatches: matches, ruleMatches: 0, alarm: result, alarms: [result] };
}

/** The table with these detections and summary, without records. */
async function tableOf(detections: DetectionResult[], summary: Partial<RunSummary> = {}) {
  const stream = new SlowStream();
  await new TableOutput(new BufferedOutput(stream), 'none').finish(detections, { ...SUMMARY, ...summary });
  return stream.text;
}

/** An alarm that went to ALARM `alarmCount` times, first and last at these times. */
function went(alarmCount: number, firstAlarmAt: string, lastAlarmAt: string, state: string): Partial<AlarmResult> {
  return { state, wentToAlarm: true, alarmCount, firstAlarmAt, lastAlarmAt };
}

async function alarmColumn(alarm: Partial<AlarmResult>, matches?: number): Promise<string> {
  const row = (await tableOf([detection(alarm, matches)])).split('\n').find((l) => l.startsWith('RootActivity'));
  return row!.replace(/^RootActivity +\d+ {2}/, '');
}

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

describe('replay table ALARM column', () => {
  test('says how many times the alarm went to ALARM, the first and last time, and the state at the end', async () => {
    expect(await alarmColumn(went(4, '2025-03-05T22:45:00.000Z', '2025-09-22T10:05:00.000Z', 'OK')))
      .toBe('ALARM 4 times, 2025-03-05T22:45Z to 2025-09-22T10:05Z; OK at end');
  });

  test('says when the alarm was still in ALARM at the end of the input', async () => {
    expect(await alarmColumn(went(1, '2025-08-04T02:20:00.000Z', '2025-08-04T02:20:00.000Z', 'ALARM')))
      .toBe('ALARM once, 2025-08-04T02:20Z; ALARM at end');
  });

  test('keeps the seconds of a time that has them', async () => {
    expect(await alarmColumn(went(1, '2025-08-04T02:20:10.000Z', '2025-08-04T02:20:10.000Z', 'OK')))
      .toBe('ALARM once, 2025-08-04T02:20:10Z; OK at end');
  });

  test('says an alarm that never went to ALARM did not, with its state at the end', async () => {
    expect(await alarmColumn({ state: 'INSUFFICIENT_DATA' })).toBe('no ALARM; INSUFFICIENT_DATA at end');
  });

  test('writes one match in the singular for an alarm it does not simulate', async () => {
    expect(await alarmColumn({ state: 'not simulated (anomaly detection)', simulated: false }, 1))
      .toBe('not simulated (anomaly detection), 1 match');
  });
});

describe('replay table summary', () => {
  test('writes one record, one file and one problem in the singular', async () => {
    const text = await tableOf([], { records: 1, files: 1, problemCount: 1 });
    expect(text).toMatch(/^Replayed 1 record from 1 file; rules see every Region\n1 problem reported on stderr\n/);
  });

  test('writes several in the plural', async () => {
    const text = await tableOf([], { records: 2, files: 3 });
    expect(text).toMatch(/^Replayed 2 records from 3 files;/);
  });

  test('says in one line how many rules and metric filters it left out as not detections', async () => {
    const text = await tableOf([], {
      notDetections: [
        { template: 't.json', logicalId: 'ForwarderRule', type: 'AWS::Events::Rule' },
        { template: 't.json', logicalId: 'FindingsRule', type: 'AWS::Events::Rule' },
        { template: 't.json', logicalId: 'Filter', type: 'AWS::Logs::MetricFilter' },
      ],
    });
    expect(text.split('\n').filter((l) => l.startsWith('Left out'))).toEqual([
      'Left out, as not detections (no cdk-iam-guardrails:detection metadata): 2 event rules, 1 metric filter',
    ]);
  });
});
