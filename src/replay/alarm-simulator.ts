import { AlarmSpec } from './model';

/**
 * The datapoints a metric filter publishes, summed up per period. Only periods that
 * received data hold a bucket, so a long input with sparse matches stays small.
 */
export class MetricSeries {
  /** Period index (epoch seconds / period) -> count, sum, minimum, maximum. */
  public readonly buckets = new Map<number, Float64Array>();

  constructor(public readonly period: number) {}

  /** Adds one datapoint published at `timeMs`. */
  public add(timeMs: number, value: number): void {
    const key = Math.floor(timeMs / 1000 / this.period);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Float64Array([0, 0, Infinity, -Infinity]);
      this.buckets.set(key, bucket);
    }
    bucket[0]++;
    bucket[1] += value;
    if (value < bucket[2]) bucket[2] = value;
    if (value > bucket[3]) bucket[3] = value;
  }
}

/** The state CloudWatch would have put the alarm in. */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

/** What the simulation says about one alarm. */
export interface AlarmOutcome {
  /** Whether the alarm would have gone to ALARM at some point of the input's time range. */
  readonly wentToAlarm: boolean;
  /** When it would first have gone to ALARM (end of the period that completed it). */
  readonly firstAlarmAt?: string;
  /** When it would last have gone to ALARM (the same as `firstAlarmAt` when it went once). */
  readonly lastAlarmAt?: string;
  /** How many times it would have gone to ALARM from another state. */
  readonly alarmCount: number;
  /** Its state after the last period of the input. */
  readonly finalState: AlarmState;
  /** Periods (inside the time range) whose datapoint breached the threshold. */
  readonly breachingPeriods: number;
}

/** The time range the input covers, in epoch milliseconds. */
export interface TimeRange {
  readonly first: number;
  readonly last: number;
}

const STATISTICS: Record<string, (b: Float64Array) => number> = {
  SampleCount: (b) => b[0],
  Sum: (b) => b[1],
  Average: (b) => b[1] / b[0],
  Minimum: (b) => b[2],
  Maximum: (b) => b[3],
};

const COMPARISONS: Record<string, (v: number, t: number) => boolean> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

/** Why an alarm cannot be simulated, or undefined when it can. */
export function unsupportedReason(alarm: AlarmSpec): string | undefined {
  if (alarm.notSimulated) return alarm.notSimulated;
  if (!(alarm.statistic in STATISTICS)) return `statistic ${alarm.statistic}`;
  if (!(alarm.comparison in COMPARISONS)) return `comparison ${alarm.comparison}`;
  if (!(alarm.period > 0) || !(alarm.evaluationPeriods >= 1)) return 'period';
  return undefined;
}

/**
 * Replays an alarm's evaluation over the input's time range: every period from the one
 * holding the first record to the one holding the last, windows of `evaluationPeriods`
 * periods, ALARM when `datapointsToAlarm` of them breach. Missing periods follow
 * TreatMissingData. Periods before the first record are outside the replay and are
 * not counted (CloudWatch would have seen whatever happened then).
 */
export function simulateAlarm(alarm: AlarmSpec, series: MetricSeries | undefined,
  range: TimeRange): AlarmOutcome {
  const reason = unsupportedReason(alarm);
  if (reason) throw new Error(`alarm ${alarm.logicalId} cannot be simulated: ${reason}`);
  const period = alarm.period;
  const buckets = series?.buckets ?? new Map<number, Float64Array>();
  const p0 = Math.floor(range.first / 1000 / period);
  const p1 = Math.floor(range.last / 1000 / period);
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm;
  const stat = STATISTICS[alarm.statistic];
  const compare = COMPARISONS[alarm.comparison];
  const treat = alarm.treatMissingData;

  const breaching = new Set<number>();
  for (const [key, bucket] of buckets) {
    if (key >= p0 && key <= p1 && compare(stat(bucket), alarm.threshold)) breaching.add(key);
  }

  // The state of the window that ends with period p, or undefined to keep the last one.
  const evaluate = (p: number): AlarmState | undefined => {
    let present = 0;
    let breaches = 0;
    for (let q = Math.max(p - n + 1, p0); q <= p; q++) {
      if (buckets.has(q)) {
        present++;
        if (breaching.has(q)) breaches++;
      } else if (treat === 'breaching') {
        breaches++;
      }
    }
    if (breaches >= m) return 'ALARM';
    if (present === 0 && treat === 'missing') return 'INSUFFICIENT_DATA';
    if (present === 0 && treat === 'ignore') return undefined;
    return 'OK';
  };

  let state: AlarmState = 'INSUFFICIENT_DATA';
  let firstAlarm: number | undefined;
  let lastAlarm: number | undefined;
  let alarmCount = 0;
  const visit = (p: number) => {
    const next = evaluate(p) ?? state;
    if (next === 'ALARM' && state !== 'ALARM') {
      alarmCount++;
      firstAlarm ??= p;
      lastAlarm = p;
    }
    state = next;
  };

  // Windows that can change state: all of them when missing data breaches, otherwise
  // those that hold data, the first one after (every later window without data
  // evaluates the same), and the last one.
  if (treat === 'breaching') {
    for (let p = p0; p <= p1; p++) visit(p);
  } else {
    const candidates = new Set<number>();
    for (const key of buckets.keys()) {
      for (let p = Math.max(key, p0); p <= Math.min(key + n, p1); p++) candidates.add(p);
    }
    candidates.add(p1);
    [...candidates].sort((a, b) => a - b).forEach(visit);
  }
  const endOf = (p: number | undefined) =>
    (p === undefined ? undefined : new Date((p + 1) * period * 1000).toISOString());
  return {
    wentToAlarm: alarmCount > 0,
    firstAlarmAt: endOf(firstAlarm),
    lastAlarmAt: endOf(lastAlarm),
    alarmCount,
    finalState: state,
    breachingPeriods: breaching.size,
  };
}
