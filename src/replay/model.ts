/** The shapes the replay reads from templates, shared by its parts. */

/** A compiled CloudWatch Logs filter pattern. */
export interface CompiledFilter {
  /**
   * The eventName values a record must have to match, or undefined when the pattern
   * does not restrict eventName to a fixed set.
   */
  readonly eventNames?: readonly string[];
  /** Whether the pattern matches the record (a parsed CloudTrail record). */
  matchesRecord(record: any): boolean;
}

/** A compiled EventBridge event pattern. */
export interface CompiledRulePattern {
  /** The eventName values the pattern requires (`detail.eventName`), if a fixed set. */
  readonly eventNames?: readonly string[];
  /** Whether the pattern matches the event (a parsed EventBridge event). */
  matchesEvent(event: any): boolean;
  /**
   * False when the pattern cannot match the event of this record (a parsed CloudTrail
   * record); true when it may, and `matchesEvent` must decide.
   */
  mayMatchRecord(record: any): boolean;
}

/** Where a resource comes from, for messages. */
export interface ResourceOrigin {
  readonly template: string;
  readonly logicalId: string;
}

/** An `AWS::Logs::MetricFilter`, compiled. */
export interface MetricFilterSpec extends ResourceOrigin {
  readonly detectionId: string;
  readonly patternText: string;
  readonly pattern: CompiledFilter;
  readonly namespace: string;
  readonly metricName: string;
  /** A number, or a `$.` selector whose value in the record is published. */
  readonly metricValue: string;
  /** Published for records that do not match, when set. */
  readonly defaultValue?: number;
}

/** An `AWS::Events::Rule` with an event pattern, compiled. */
export interface RuleSpec extends ResourceOrigin {
  readonly detectionId: string;
  readonly description?: string;
  readonly state: string;
  readonly pattern: CompiledRulePattern;
  /** Matches must also grant full privileges in `detail.requestParameters.policyDocument`. */
  readonly fullPrivilegeGrant: boolean;
  /**
   * Matches go to a `GrantedThenUsedMonitor`'s correlation, and only its alerts count as
   * matches of the detection.
   */
  readonly correlation?: CorrelationSpec;
}

/** The granted-then-used correlation a rule's target function runs. */
export interface CorrelationSpec {
  /** How long a grantee is watched, in seconds (the function's `WINDOW_SECONDS`). */
  readonly windowSeconds: number;
}

/** An `AWS::CloudWatch::Alarm` on one metric (plain or anomaly detection). */
export interface AlarmSpec extends ResourceOrigin {
  readonly alarmName?: string;
  readonly namespace: string;
  readonly metricName: string;
  /** Why the alarm cannot be simulated, when it cannot. */
  readonly notSimulated?: string;
  readonly statistic: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: string;
  readonly treatMissingData: string;
}

/** A rule or metric filter the replay left out. */
export interface LeftOutResource extends ResourceOrigin {
  /** `AWS::Events::Rule` or `AWS::Logs::MetricFilter`. */
  readonly type: string;
}

/** Everything the replay evaluates, from one or more templates. */
export interface ReplayModel {
  readonly filters: MetricFilterSpec[];
  readonly rules: RuleSpec[];
  readonly alarms: AlarmSpec[];
  /**
   * Rules and metric filters that are not detections: in a template where some resources
   * carry the library's detection metadata, those without it (an event forwarder's rule,
   * an Access Analyzer findings rule). Filled in when present.
   */
  notDetections?: LeftOutResource[];
}

