import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BufferedOutput } from './buffered-output';
import { plural } from '../private/plural';
import { sourceLabel } from '../replay/cloudtrail-reader';
import { alertSummary } from '../replay/correlation';
import { DetectionResult, ReplayAlert } from '../replay/engine';
import { LeftOutResource } from '../replay/model';
import { DETECTION_METADATA } from '../replay/template-reader';

/** Which records the output lists. */
export type EventsShown = 'all' | 'matched' | 'none';

/** What the replay says about the whole run, printed with the detections. */
export interface RunSummary {
  readonly templates: string[];
  readonly files: number;
  readonly records: number;
  readonly firstEventTime?: string;
  readonly lastEventTime?: string;
  readonly region?: string;
  readonly problems: string[];
  readonly problemCount: number;
  /** Rules and metric filters left out as not detections (see `ReplayModel`). */
  readonly notDetections: LeftOutResource[];
}

/** Receives the replay as it goes and prints it. */
export interface ReplayOutput {
  /**
   * One record: its file and index (as `sourceLabel` takes them), event name, detections
   * and the alerts correlations raised on it.
   */
  event(file: string, index: number, eventName: string, detections: readonly string[],
    alerts?: readonly ReplayAlert[]): void;
  finish(detections: DetectionResult[], summary: RunSummary): Promise<void>;
}

/**
 * One JSON document: `events` streamed as records are replayed (with `alerts` on a record
 * a correlation alerted on), then `detections`, `summary` and `problems`.
 */
export class JsonOutput implements ReplayOutput {
  private first = true;
  private readonly quoted = new Map<string, string>();
  /** The last file seen and its JSON string without the closing quote. */
  private file?: string;
  private openFile = '';

  constructor(private readonly out: BufferedOutput, private readonly shown: EventsShown) {
    out.write('{"events":[');
  }

  public event(file: string, index: number, eventName: string, detections: readonly string[],
    alerts: readonly ReplayAlert[] = []): void {
    if (this.shown === 'none' || (this.shown === 'matched' && detections.length === 0)) return;
    // Built by hand: this runs once per record, and JSON.stringify of an object costs more.
    let list = '';
    for (let i = 0; i < detections.length; i++) {
      list += (i === 0 ? '' : ',') + this.quote(detections[i]);
    }
    if (file !== this.file) {
      this.file = file;
      this.openFile = JSON.stringify(file).slice(0, -1);
    }
    const source = index < 0 ? `${this.openFile}"` : `${this.openFile}#${index}"`;
    const raised = alerts.length === 0 ? ''
      : `,"alerts":${JSON.stringify(alerts.map((a) => ({ detection: a.detectionId, ...a.alert })))}`;
    this.out.write(`${this.first ? '\n' : ',\n'}{"source":${source},`
      + `"eventName":${this.quote(eventName)},"detections":[${list}]${raised}}`);
    this.first = false;
  }

  private quote(text: string): string {
    let quoted = this.quoted.get(text);
    if (quoted === undefined) {
      quoted = JSON.stringify(text);
      if (this.quoted.size < 10_000) this.quoted.set(text, quoted);
    }
    return quoted;
  }

  public async finish(detections: DetectionResult[], summary: RunSummary): Promise<void> {
    const { problems, ...rest } = summary;
    this.out.write(`\n],\n"detections":${JSON.stringify(detections, undefined, 1)},\n`);
    this.out.write(`"summary":${JSON.stringify(rest)},\n"problems":${JSON.stringify(problems)}}\n`);
    await this.out.drain();
  }
}

/** Records kept in memory for the table before they go to a temporary file. */
const IN_MEMORY_ROWS = 10_000;
/** Characters of rows gathered before one write to the temporary file. */
const SPILL_CHUNK = 64 * 1024;

/**
 * The readable report: per detection (matches, alarm), then per record. Records arrive
 * before the detection totals are known, so they wait in memory, or in a temporary
 * file once there are many.
 */
export class TableOutput implements ReplayOutput {
  private readonly rows: string[] = [];
  private spill?: { file: string; fd: number; dir: string; pending: string };
  private widths = [6, 10];
  private rowCount = 0;

  constructor(private readonly out: BufferedOutput, private readonly shown: EventsShown) {}

  public event(file: string, index: number, eventName: string, detections: readonly string[],
    alerts: readonly ReplayAlert[] = []): void {
    if (this.shown === 'none' || (this.shown === 'matched' && detections.length === 0)) return;
    const source = sourceLabel(file, index);
    this.widths[0] = Math.max(this.widths[0], source.length);
    this.widths[1] = Math.max(this.widths[1], eventName.length);
    // A correlation's detection names what it correlated: the principal and the grant.
    const named = alerts.length === 0 ? detections : detections.map((id) => {
      const own = alerts.filter((a) => a.detectionId === id).map((a) => alertSummary(a.alert));
      return own.length === 0 ? id : `${id} (${own.join('; ')})`;
    });
    const row = `${source}\t${eventName}\t${named.length ? named.join(', ') : '-'}`;
    this.rowCount++;
    if (!this.spill && this.rows.length < IN_MEMORY_ROWS) {
      this.rows.push(row);
      return;
    }
    if (!this.spill) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-iam-guardrails-replay-'));
      const spillFile = path.join(dir, 'events.tsv');
      this.spill = {
        dir, file: spillFile, fd: fs.openSync(spillFile, 'w'), pending: this.rows.join('\n') + '\n',
      };
      this.rows.length = 0;
    }
    this.spill.pending += row + '\n';
    if (this.spill.pending.length >= SPILL_CHUNK) {
      fs.writeSync(this.spill.fd, this.spill.pending);
      this.spill.pending = '';
    }
  }

  public async finish(detections: DetectionResult[], summary: RunSummary): Promise<void> {
    const out = this.out;
    out.write(`Replayed ${plural(summary.records, 'record')} from ${plural(summary.files, 'file')}`);
    if (summary.firstEventTime) {
      out.write(` (${summary.firstEventTime} to ${summary.lastEventTime})`);
    }
    out.write(summary.region ? `; rules see ${summary.region} only\n` : '; rules see every Region\n');
    if (summary.problemCount > 0) {
      out.write(`${plural(summary.problemCount, 'problem')} reported on stderr\n`);
    }
    if (summary.notDetections.length > 0) out.write(`${notDetectionsLine(summary.notDetections)}\n`);
    out.write('\n');
    const idWidth = Math.max(9, ...detections.map((d) => d.id.length));
    out.write(`${'DETECTION'.padEnd(idWidth)}  ${'MATCHES'.padStart(7)}  ALARM\n`);
    for (const d of detections) {
      out.write(`${d.id.padEnd(idWidth)}  ${String(d.matches).padStart(7)}  ${alarmText(d)}\n`);
    }
    if (this.shown !== 'none') {
      out.write(`\n${this.shown === 'all' ? 'Records' : 'Records that matched'}`
        + ` (${this.rowCount})\n`);
      if (this.rowCount > 0) {
        out.write(`${'SOURCE'.padEnd(this.widths[0])}  ${'EVENT NAME'.padEnd(this.widths[1])}`
          + '  DETECTIONS\n');
      }
      await this.printRows();
    }
    await out.drain();
  }

  private async printRows(): Promise<void> {
    const format = (row: string) => {
      const [source, eventName, detections] = row.split('\t');
      this.out.write(`${source.padEnd(this.widths[0])}  ${eventName.padEnd(this.widths[1])}`
        + `  ${detections}\n`);
    };
    if (!this.spill) {
      this.rows.forEach(format);
      return;
    }
    if (this.spill.pending !== '') fs.writeSync(this.spill.fd, this.spill.pending);
    fs.closeSync(this.spill.fd);
    try {
      let rest = '';
      for await (const chunk of fs.createReadStream(this.spill.file, { encoding: 'utf8' })) {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(format);
        await this.out.drain();
      }
      if (rest !== '') format(rest);
    } finally {
      fs.rmSync(this.spill.dir, { recursive: true, force: true });
    }
  }
}

/**
 * The ALARM column: how many times the alarm went to ALARM, the first and last time, and
 * its state at the end of the input, e.g. `ALARM 2 times, 2025-03-05T22:45Z to
 * 2025-09-22T10:05Z; OK at end`.
 */
function alarmText(d: DetectionResult): string {
  const alarm = d.alarm;
  if (d.correlation) return `notifies on each match (${d.correlation.windowSeconds / 3600} h window)`;
  if (!alarm) return '-';
  const more = d.alarms.length > 1 ? ` (+${d.alarms.length - 1} more)` : '';
  if (!alarm.simulated) return `${alarm.state}, ${plural(d.matches, 'match', 'matches')}${more}`;
  if (!alarm.wentToAlarm) return `no ALARM; ${alarm.state} at end${more}`;
  const first = minute(alarm.firstAlarmAt!);
  const times = alarm.alarmCount === 1 ? `once, ${first}`
    : `${alarm.alarmCount} times, ${first} to ${minute(alarm.lastAlarmAt!)}`;
  return `ALARM ${times}; ${alarm.state} at end${more}`;
}

/** The one line that says how many rules and metric filters were left out. */
function notDetectionsLine(resources: LeftOutResource[]): string {
  const rules = resources.filter((r) => r.type === 'AWS::Events::Rule').length;
  const counts = [plural(rules, 'event rule'), plural(resources.length - rules, 'metric filter')];
  return `Left out, as not detections (no ${DETECTION_METADATA} metadata): `
    + counts.filter((c) => !c.startsWith('0 ')).join(', ');
}

/** An ISO time to the minute (to the second when it has seconds): `2025-03-05T22:45Z`. */
function minute(iso: string): string {
  return iso.replace(/(:00)?\.000Z$/, 'Z');
}
