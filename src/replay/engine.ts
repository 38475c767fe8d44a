import { AlarmOutcome, MetricSeries, simulateAlarm, unsupportedReason } from './alarm-simulator';
import { GrantedThenUsedAlert, ReplayCorrelation } from './correlation';
import { grantsFullPrivileges, reachesRule, toEvent } from './evaluators';
import { AlarmSpec, MetricFilterSpec, ReplayModel, RuleSpec } from './model';

/** Options of the replay engine. */
export interface EngineOptions {
  /**
   * Only records of this awsRegion reach the event rules. By default rules see the
   * records of every Region, as they do when the library forwards events to one Region.
   * Metric filters always see every record (a multi-Region trail logs them all).
   */
  readonly region?: string;
}

/** The summary of one alarm after the replay. */
export interface AlarmResult {
  readonly logicalId: string;
  readonly template: string;
  readonly alarmName?: string;
  /** At the end of the input: `ALARM`, `OK`, `INSUFFICIENT_DATA`, or `not simulated (<why>)`. */
  readonly state: string;
  readonly wentToAlarm: boolean;
  /** How many times it went to ALARM over the input; 0 when not simulated. */
  readonly alarmCount: number;
  readonly firstAlarmAt?: string;
  readonly lastAlarmAt?: string;
  readonly breachingPeriods?: number;
  readonly simulated: boolean;
}

/** The summary of one detection after the replay. */
export interface DetectionResult {
  readonly id: string;
  /** Records that matched any of its metric filters or rules. */
  readonly matches: number;
  readonly metricFilterMatches: number;
  readonly ruleMatches: number;
  /** Summary of its alarms: the first to go to ALARM, or the first one; null without alarm. */
  readonly alarm: AlarmResult | null;
  readonly alarms: AlarmResult[];
  /**
   * For a `GrantedThenUsedMonitor`: its window. Each match is an alert the function would
   * have sent on its own, without an alarm.
   */
  readonly correlation?: { readonly windowSeconds: number };
}

/** An alert a correlation raised on a record. */
export interface ReplayAlert {
  readonly detectionId: string;
  readonly alert: GrantedThenUsedAlert;
}

interface Detection {
  readonly id: string;
  matches: number;
  filterMatches: number;
  ruleMatches: number;
  stamp: number;
  readonly alarms: AlarmSpec[];
  readonly series: Map<AlarmSpec, MetricSeries>;
  windowSeconds?: number;
}

interface FilterEntry {
  readonly spec: MetricFilterSpec;
  readonly detection: Detection;
  readonly series: MetricSeries[];
  readonly constant?: number;
  readonly selector?: string[];
}

interface RuleEntry {
  readonly spec: RuleSpec;
  readonly detection: Detection;
  readonly correlation?: ReplayCorrelation;
}

const NONE: readonly string[] = Object.freeze([]);
const NO_ALERTS: readonly ReplayAlert[] = Object.freeze([]);

/**
 * Runs parsed CloudTrail records through the metric filters and rules of a model and
 * keeps, per detection, the match count and the metric datapoints its alarms need.
 * Patterns are indexed by the eventName they require, so a record is tested only
 * against the patterns that can match it. The matches of a `GrantedThenUsedMonitor`'s rule
 * go through its correlation, and only the alerts it raises count.
 */
export class ReplayEngine {
  private readonly detections = new Map<string, Detection>();
  private readonly filtersByName = new Map<string, FilterEntry[]>();
  private readonly filtersAnyName: FilterEntry[] = [];
  private readonly filtersWithDefault: FilterEntry[] = [];
  private readonly rulesByName = new Map<string, RuleEntry[]>();
  private readonly rulesAnyName: RuleEntry[] = [];
  private readonly region?: string;
  private recordNo = 0;
  private recordAlerts = NO_ALERTS;
  private firstTime?: string;
  private lastTime?: string;
  /** Records whose eventTime could not be read (their datapoints are lost). */
  public untimedRecords = 0;

  constructor(model: ReplayModel, options: EngineOptions = {}) {
    this.region = options.region;
    const seriesByKey = new Map<string, MetricSeries>();
    for (const spec of model.filters) {
      const detection = this.detection(spec.detectionId);
      const series: MetricSeries[] = [];
      for (const alarm of model.alarms) {
        if (alarm.namespace !== spec.namespace || alarm.metricName !== spec.metricName) continue;
        if (!detection.alarms.includes(alarm)) detection.alarms.push(alarm);
        if (unsupportedReason(alarm)) continue;
        const key = `${alarm.namespace}\u0000${alarm.metricName}\u0000${alarm.period}`;
        let s = seriesByKey.get(key);
        if (!s) {
          s = new MetricSeries(alarm.period);
          seriesByKey.set(key, s);
        }
        detection.series.set(alarm, s);
        if (!series.includes(s)) series.push(s);
      }
      const value = spec.metricValue.trim();
      const entry: FilterEntry = {
        spec,
        detection,
        series,
        constant: value.startsWith('$.') ? undefined : Number(value),
        selector: value.startsWith('$.') ? value.slice(2).split('.') : undefined,
      };
      index(this.filtersByName, this.filtersAnyName, spec.pattern.eventNames, entry);
      if (spec.defaultValue !== undefined && series.length > 0) this.filtersWithDefault.push(entry);
    }
    for (const spec of model.rules) {
      const entry: RuleEntry = {
        spec,
        detection: this.detection(spec.detectionId),
        correlation: spec.correlation && new ReplayCorrelation(spec.correlation.windowSeconds),
      };
      if (spec.correlation) entry.detection.windowSeconds = spec.correlation.windowSeconds;
      index(this.rulesByName, this.rulesAnyName, spec.pattern.eventNames, entry);
    }
  }

  /** Records processed so far. */
  public get recordCount(): number {
    return this.recordNo;
  }

  /** The detection ids, in the order they appear in the templates. */
  public get detectionIds(): string[] {
    return [...this.detections.keys()];
  }

  /** The alerts the correlations raised on the record processed last. */
  public get alerts(): readonly ReplayAlert[] {
    return this.recordAlerts;
  }

  /**
   * Runs one record (with a string eventName) through every pattern that can match it.
   * @returns the ids of the detections it matched; a shared empty array when none
   */
  public process(record: any): readonly string[] {
    const stamp = ++this.recordNo;
    this.recordAlerts = NO_ALERTS;
    const time = record.eventTime;
    if (typeof time === 'string') {
      if (this.firstTime === undefined || time < this.firstTime) this.firstTime = time;
      if (this.lastTime === undefined || time > this.lastTime) this.lastTime = time;
    }
    const name: string = record.eventName;
    let matched: string[] | undefined;
    let timeMs = NaN;

    const named = this.filtersByName.get(name);
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? named : this.filtersAnyName;
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const entry = list[i];
        if (!entry.spec.pattern.matchesRecord(record)) continue;
        const d = entry.detection;
        if (d.stamp !== stamp) {
          d.stamp = stamp;
          d.matches++;
          (matched ??= []).push(d.id);
        }
        d.filterMatches++;
        if (entry.series.length > 0) {
          if (timeMs !== timeMs) timeMs = this.timeOf(record);
          this.publish(entry, record, timeMs);
        }
      }
    }
    for (const entry of this.filtersWithDefault) {
      if (entry.detection.stamp === stamp && entry.spec.pattern.matchesRecord(record)) continue;
      if (timeMs !== timeMs) timeMs = this.timeOf(record);
      if (timeMs === timeMs) for (const s of entry.series) s.add(timeMs, entry.spec.defaultValue!);
    }

    if (this.region === undefined || record.awsRegion === this.region) {
      const ruleMatches = this.matchRules(record, name, stamp);
      if (ruleMatches) {
        if (matched) matched.push(...ruleMatches);
        else matched = ruleMatches;
      }
    }
    return matched ?? NONE;
  }

  /** The time range of the records processed so far, in epoch milliseconds. */
  public timeRange(): { first: number; last: number } | undefined {
    if (this.firstTime === undefined || this.lastTime === undefined) return undefined;
    const first = Date.parse(this.firstTime);
    const last = Date.parse(this.lastTime);
    if (Number.isNaN(first) || Number.isNaN(last)) return undefined;
    return { first, last };
  }

  /** The per-detection results, alarms simulated over the input's time range. */
  public results(): DetectionResult[] {
    const range = this.timeRange();
    return [...this.detections.values()].map((d) => {
      const alarms = d.alarms.map((alarm) => this.alarmResult(d, alarm, range));
      return {
        id: d.id,
        matches: d.matches,
        metricFilterMatches: d.filterMatches,
        ruleMatches: d.ruleMatches,
        alarm: alarms.find((a) => a.wentToAlarm) ?? alarms[0] ?? null,
        alarms,
        ...(d.windowSeconds === undefined ? {} : { correlation: { windowSeconds: d.windowSeconds } }),
      };
    });
  }

  private alarmResult(d: Detection, alarm: AlarmSpec,
    range: { first: number; last: number } | undefined): AlarmResult {
    const base = {
      logicalId: alarm.logicalId,
      template: alarm.template,
      alarmName: alarm.alarmName,
      wentToAlarm: false,
      alarmCount: 0,
    };
    const reason = unsupportedReason(alarm);
    if (reason) return { ...base, state: `not simulated (${reason})`, simulated: false };
    if (!range) return { ...base, state: 'INSUFFICIENT_DATA', simulated: true };
    const outcome: AlarmOutcome = simulateAlarm(alarm, d.series.get(alarm), range);
    return {
      ...base,
      state: outcome.finalState,
      wentToAlarm: outcome.wentToAlarm,
      alarmCount: outcome.alarmCount,
      firstAlarmAt: outcome.firstAlarmAt,
      lastAlarmAt: outcome.lastAlarmAt,
      breachingPeriods: outcome.breachingPeriods,
      simulated: true,
    };
  }

  private matchRules(record: any, name: string, stamp: number): string[] | undefined {
    const named = this.rulesByName.get(name);
    if (!named && this.rulesAnyName.length === 0) return undefined;
    let matched: string[] | undefined;
    let event: any;
    let reachEnabled: boolean | undefined;
    let reachAll: boolean | undefined;
    for (let pass = 0; pass < 2; pass++) {
      const list = pass === 0 ? named : this.rulesAnyName;
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const { spec, detection: d, correlation } = list[i];
        if (!spec.pattern.mayMatchRecord(record)) continue;
        let reaches: boolean;
        if (spec.state === 'ENABLED') {
          reaches = reachEnabled ??= reachesRule(record, spec.state);
        } else if (spec.state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') {
          reaches = reachAll ??= reachesRule(record, spec.state);
        } else {
          reaches = reachesRule(record, spec.state);
        }
        if (!reaches) continue;
        event ??= toEvent(record);
        if (!spec.pattern.matchesEvent(event)) continue;
        if (spec.fullPrivilegeGrant
          && !grantsFullPrivileges(event?.detail?.requestParameters?.policyDocument)) continue;
        if (correlation && !this.correlate(correlation, d, record)) continue;
        d.ruleMatches++;
        if (d.stamp !== stamp) {
          d.stamp = stamp;
          d.matches++;
          (matched ??= []).push(d.id);
        }
      }
    }
    return matched;
  }

  /** Runs the record through the correlation; true when it raised an alert. */
  private correlate(correlation: ReplayCorrelation, d: Detection, record: any): boolean {
    const alerts = correlation.process(record);
    if (alerts.length === 0) return false;
    const raised = alerts.map((alert) => ({ detectionId: d.id, alert }));
    this.recordAlerts = this.recordAlerts.length === 0 ? raised : [...this.recordAlerts, ...raised];
    return true;
  }

  private publish(entry: FilterEntry, record: any, timeMs: number): void {
    if (timeMs !== timeMs) return;
    let value: any = entry.constant;
    if (entry.selector) {
      value = record;
      for (const key of entry.selector) value = value?.[key];
      if (typeof value === 'string' && value.trim() !== '') value = Number(value);
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    for (const s of entry.series) s.add(timeMs, value);
  }

  private timeOf(record: any): number {
    const t = typeof record.eventTime === 'string' ? Date.parse(record.eventTime) : NaN;
    if (t !== t) this.untimedRecords++;
    return t;
  }

  private detection(id: string): Detection {
    let d = this.detections.get(id);
    if (!d) {
      d = { id, matches: 0, filterMatches: 0, ruleMatches: 0, stamp: 0, alarms: [], series: new Map() };
      this.detections.set(id, d);
    }
    return d;
  }
}

function index<T>(byName: Map<string, T[]>, anyName: T[], names: readonly string[] | undefined,
  entry: T): void {
  if (!names) {
    anyName.push(entry);
    return;
  }
  for (const name of new Set(names)) {
    const list = byName.get(name);
    if (list) list.push(entry);
    else byName.set(name, [entry]);
  }
}
