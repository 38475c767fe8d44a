import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventPattern } from 'aws-cdk-lib/aws-events';
import { Severity } from './severity';
import { DetectionTrack } from './track';

/**
 * How a detection's alarm decides that an attack is under way.
 */
export interface DetectionAlarmOptions {
  /**
   * Matching events within one period that put the alarm in ALARM.
   *
   * @default 1
   */
  readonly threshold?: number;

  /**
   * Length of one evaluation period; a whole number of minutes.
   *
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;

  /**
   * Periods the alarm looks back over.
   *
   * @default 1
   */
  readonly evaluationPeriods?: number;

  /**
   * Periods among `evaluationPeriods` that must breach for ALARM (M of N).
   *
   * @default - equal to `evaluationPeriods`
   */
  readonly datapointsToAlarm?: number;

  /**
   * What a period without matching events means.
   *
   * @default TreatMissingData.NOT_BREACHING (no event, no attack)
   */
  readonly treatMissingData?: TreatMissingData;

  /**
   * Alarm on a CloudWatch anomaly-detection band instead of a fixed threshold; the value
   * is the band's width in standard deviations.
   *
   * An anomaly detector needs about two weeks of data before its band settles. A band
   * alarm costs three standard metrics ($0.30 a month) instead of one.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Anomaly_Detection.html
   * @default - a fixed threshold
   */
  readonly anomalyBandWidth?: number;
}

/**
 * What a detection is: the attack it sees, how it sees it in CloudTrail, and how it alarms.
 */
export interface DetectionProps {
  /**
   * Stable identifier; also the CloudWatch metric name and part of every resource name the
   * detection creates. Letters, digits, `.`, `-` and `_`, 1 to 100 characters.
   */
  readonly id: string;

  /**
   * One line that says what was seen.
   *
   * @default - the id
   */
  readonly title?: string;

  /**
   * How urgent a finding is.
   *
   * @default Severity.MEDIUM
   */
  readonly severity?: Severity;

  /**
   * MITRE ATT&CK technique ids the detection covers, e.g. `T1098.001`.
   *
   * @default - none
   */
  readonly techniques?: string[];

  /**
   * What a responder does first when it fires.
   *
   * @default - none
   */
  readonly runbook?: string;

  /**
   * The CloudWatch Logs filter pattern that matches one CloudTrail record of the attack.
   * At most 1024 characters.
   *
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
   */
  readonly filterPattern: string;

  /**
   * The EventBridge pattern that matches the same events as they reach a rule.
   *
   * @default - no event rule can serve this detection
   */
  readonly eventPattern?: EventPattern;

  /**
   * Whether some of the events are read-only, which reach an EventBridge rule only in state
   * `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
   *
   * @default false
   */
  readonly includesReadOnlyEvents?: boolean;

  /**
   * Whether the events come only from global services (IAM, STS's global endpoint, root
   * sign-in), which deliver to EventBridge in us-east-1 alone.
   *
   * @default false
   */
  readonly globalServiceEvents?: boolean;

  /**
   * Alarm settings.
   *
   * @default - one matching event in five minutes
   */
  readonly alarm?: DetectionAlarmOptions;

  /**
   * The family the detection belongs to.
   *
   * @default DetectionTrack.CUSTOM
   */
  readonly track?: DetectionTrack;

  /**
   * The Security Hub control or CIS recommendation the detection satisfies, if any.
   *
   * @default - none
   */
  readonly control?: string;
}

const ID_FORMAT = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_FILTER_PATTERN_LENGTH = 1024;

/**
 * One detection of the catalog, as data: no constructs are created until an
 * `IamThreatDetection` turns it into metric filters, alarms and rules.
 */
export class Detection {
  /**
   * A detection of your own, added next to the catalog's.
   *
   * @example
   * Detection.custom({
   *   id: 'BreakGlassRoleUsed',
   *   severity: Severity.CRITICAL,
   *   filterPattern: '{ $.userIdentity.sessionContext.sessionIssuer.userName = "BreakGlass" }',
   * });
   */
  public static custom(props: DetectionProps): Detection {
    return new Detection({ track: DetectionTrack.CUSTOM, ...props });
  }

  /** @internal */
  public static _catalog(props: DetectionProps): Detection {
    return new Detection(props);
  }

  public readonly id: string;
  public readonly title: string;
  public readonly severity: Severity;
  public readonly techniques: string[];
  public readonly runbook: string;
  public readonly filterPattern: string;
  public readonly eventPattern?: EventPattern;
  public readonly includesReadOnlyEvents: boolean;
  public readonly globalServiceEvents: boolean;
  public readonly alarm: DetectionAlarmOptions;
  public readonly track: DetectionTrack;
  public readonly control?: string;

  private constructor(props: DetectionProps) {
    if (!ID_FORMAT.test(props.id)) {
      throw new Error(
        `Detection id '${props.id}' is not valid: use 1 to 100 letters, digits, '.', '-' or '_' ` +
          '(it becomes a CloudWatch metric name).',
      );
    }
    const pattern = props.filterPattern.trim();
    if (pattern.length === 0 || pattern.length > MAX_FILTER_PATTERN_LENGTH) {
      throw new Error(
        `Detection '${props.id}': filterPattern is ${pattern.length} characters long; ` +
          `CloudWatch Logs accepts 1 to ${MAX_FILTER_PATTERN_LENGTH}. Split it into two detections.`,
      );
    }
    this.id = props.id;
    this.title = props.title ?? props.id;
    this.severity = props.severity ?? Severity.MEDIUM;
    this.techniques = props.techniques ?? [];
    this.runbook = props.runbook ?? '';
    this.filterPattern = props.filterPattern;
    this.eventPattern = props.eventPattern;
    this.includesReadOnlyEvents = props.includesReadOnlyEvents ?? false;
    this.globalServiceEvents = props.globalServiceEvents ?? false;
    this.alarm = props.alarm ?? {};
    this.track = props.track ?? DetectionTrack.CUSTOM;
    this.control = props.control;
  }
}
