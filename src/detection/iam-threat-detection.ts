import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmTopic } from './alarm-topic';
import { DetectionOverride, SeverityRoute } from './detection-override';
import { resolveAlarm } from './private/alarm-settings';
import { checkFilterPattern } from './private/check-filter-pattern';
import {
  createAlarm,
  createMetricFilter,
  createRule,
  DetectionResourceOptions,
  InvestigationUrl,
} from './private/detection-resources';
import { RulePlacement } from './private/rule-placement';
import { Detection } from '../detections/detection';
import { DetectionCatalog } from '../detections/detection-catalog';
import { ADMIN_PRIVILEGES_GRANTED } from '../detections/privilege-detections';
import { Severity } from '../detections/severity';
import { InvestigationLink } from '../investigation/investigation-link';
import { logGroupNameKnown } from '../investigation/private/log-group-name';
import { FullPrivilegeGrantMonitor } from '../policy/full-privilege-grant-monitor';

/** What `IamThreatDetection` watches for and whom it tells, whatever log group it reads. */
export interface ThreatDetectionOptions {
  /**
   * CloudWatch namespace of the detection metrics.
   *
   * @default 'IamGuardrails'
   */
  readonly metricNamespace?: string;

  /**
   * Topic that alarms and rules notify. It must let CloudWatch and EventBridge publish,
   * and its key must let them encrypt.
   *
   * @default - an encrypted `AlarmTopic`
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Email addresses subscribed to the topic the construct creates.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * Include the IAM-attack track.
   *
   * @default true
   */
  readonly iamAttack?: boolean;

  /**
   * Include the CIS track: the Security Hub CloudWatch.1-14 patterns and CIS 4.15, with
   * one alarm each (about $6 a month for the 15 metrics and alarms).
   *
   * @default false
   */
  readonly cis?: boolean;

  /**
   * Detections to leave out, by id.
   *
   * @default - none
   */
  readonly disabledDetections?: string[];

  /**
   * Per-detection changes, keyed by detection id.
   *
   * @default - the catalog's settings
   */
  readonly overrides?: { [id: string]: DetectionOverride };

  /**
   * Topics per severity.
   *
   * @default - every severity notifies the default topic
   */
  readonly severityRoutes?: SeverityRoute[];

  /**
   * Detections of your own, added next to the catalog's. `addDetection` adds more later.
   *
   * @default - none
   */
  readonly detections?: Detection[];

  /**
   * Create EventBridge rules for single-event detections (the CIS track's only with
   * `cisEventRules`): they notify within seconds with a message naming the principal and
   * source address, but see only this Region's events. The alarms stay in place either way
   * and cover every Region of a multi-Region trail.
   *
   * With the rules comes the `FullPrivilegeGrantMonitor` that judges inline policies and
   * policy versions for `AdminPrivilegesGranted` (a function that runs only on IAM policy
   * writes, and a key at about $1 a month).
   *
   * @default true
   */
  readonly eventRules?: boolean;

  /**
   * Create EventBridge rules for the CIS track too, from each control's event pattern (the
   * exact equivalent of its Security Hub filter). Off by default: the CIS alarms are what
   * Security Hub checks, and a rule per event of the noisier controls (denied calls,
   * security group and network changes) notifies once for every change. Rules are free.
   *
   * @default false
   */
  readonly cisEventRules?: boolean;

  /**
   * Whether this Region's default event bus receives the events of global services (IAM,
   * STS's global endpoint, root sign-in). They are delivered in us-east-1 only; elsewhere
   * their rules would never fire unless a `GlobalEventForwarder` in us-east-1 sends them on.
   *
   * @default - true in us-east-1, false elsewhere
   */
  readonly receivesGlobalServiceEvents?: boolean;

  /**
   * Create a CloudWatch dashboard with every detection metric ($3 a month).
   *
   * @default true
   */
  readonly dashboard?: boolean;

  /**
   * Prefix of the alarm names; each alarm is named prefix + detection id. Two stacks in one
   * account and Region need different prefixes.
   *
   * @default 'IamGuardrails-'
   */
  readonly alarmNamePrefix?: string;

  /**
   * Put in each notification a link that opens the detection's CloudWatch Logs Insights
   * query on the log group, in the stack's Region (see `InvestigationLink`). Rule messages
   * carry it before the runbook. Alarm descriptions (1,024 characters at most) carry it
   * before the runbook when title and link fit, with the runbook cut to the room left;
   * otherwise they keep title and runbook and leave the link out. They leave it out too
   * when the log group's name is known only at deployment, as its length is then unknown.
   * The link costs nothing; running the query costs 0.005 USD per GB of log data scanned.
   *
   * @default true
   */
  readonly investigationLinks?: boolean;

  /**
   * How far back the query opened from a notification link looks. The range ends when the
   * link is opened, not when the event happened: make it longer than a notification may
   * wait to be read.
   *
   * @default Duration.hours(24)
   */
  readonly investigationLookback?: Duration;
}

/** Properties of `IamThreatDetection`. */
export interface IamThreatDetectionProps extends ThreatDetectionOptions {
  /**
   * The log group CloudTrail delivers to: an `AuditTrail`'s, or an existing one such as
   * the Control Tower trail's. Each metric filter is evaluated on it.
   */
  readonly logGroup: logs.ILogGroup;
}

/** What one detection became. */
interface DetectionResources {
  readonly metricFilter: logs.MetricFilter;
  readonly alarm: cloudwatch.IAlarm;
  readonly rule?: events.Rule;
}

/**
 * Turns the detection catalog into CloudWatch Logs metric filters and alarms on a
 * CloudTrail log group, plus EventBridge rules for single-event detections, all notifying
 * an encrypted SNS topic; and a dashboard of every detection metric.
 *
 * Every metric filter is named by its detection id (the metric name), every alarm by
 * prefix + id, every rule's description starts with the id, and each resource carries the
 * id in its `cdk-iam-guardrails:detection` metadata, so a template reads back detection by
 * detection (`replay` relies on it).
 */
export class IamThreatDetection extends Construct {
  /** The topic alarms and rules notify by default. */
  public readonly alarmTopic: sns.ITopic;

  /** The CloudWatch namespace of the detection metrics. */
  public readonly metricNamespace: string;

  /** The dashboard, unless turned off. */
  public readonly dashboard?: cloudwatch.Dashboard;

  private readonly props: IamThreatDetectionProps;
  private readonly created = new Map<string, DetectionResources>();
  private readonly detectionList: Detection[] = [];
  private readonly rules: RulePlacement;

  constructor(scope: Construct, id: string, props: IamThreatDetectionProps) {
    super(scope, id);
    this.props = props;
    this.metricNamespace = props.metricNamespace ?? 'IamGuardrails';

    this.alarmTopic =
      props.alarmTopic ?? new AlarmTopic(this, 'AlarmTopic', { emails: props.emails }).topic;
    if (props.alarmTopic && props.emails?.length) {
      throw new Error(
        `${this.node.path}: emails apply only to the topic the construct creates; subscribe ` +
          'them to the alarmTopic you pass in, or leave alarmTopic unset.',
      );
    }

    if (props.investigationLinks === false && props.investigationLookback !== undefined) {
      throw new Error(
        `${this.node.path}: investigationLookback is ${props.investigationLookback.toHumanString()} but ` +
          'investigationLinks is false, so no link uses it. Remove investigationLookback, or turn the links on.',
      );
    }
    const lookback = props.investigationLookback;
    if (lookback && !lookback.isUnresolved() && lookback.toSeconds({ integral: false }) < 60) {
      throw new Error(
        `${this.node.path}: investigationLookback is ${lookback.toHumanString()}; give at least Duration.minutes(1).`,
      );
    }

    if (props.cisEventRules && !(props.cis && (props.eventRules ?? true))) {
      throw new Error(
        `${this.node.path}: cisEventRules is true but ${props.cis ? 'eventRules is false' : 'cis is not true'}, ` +
          'so no CIS rule would be created. Set cis: true and leave eventRules on, or remove cisEventRules.',
      );
    }
    this.rules = new RulePlacement(this, {
      eventRules: props.eventRules ?? true,
      cisEventRules: props.cisEventRules ?? false,
      receivesGlobalServiceEvents: props.receivesGlobalServiceEvents,
    });

    if (props.dashboard ?? true) {
      this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
        defaultInterval: Duration.days(7),
      });
    }

    const chosen = [
      ...((props.iamAttack ?? true) ? DetectionCatalog.iamAttack() : []),
      ...((props.cis ?? false) ? DetectionCatalog.cis() : []),
      ...(props.detections ?? []),
    ];
    this.validateIds(chosen);
    const disabled = new Set(props.disabledDetections ?? []);
    for (const detection of chosen) {
      const override = props.overrides?.[detection.id];
      if (disabled.has(detection.id) || override?.enabled === false) continue;
      this.addDetection(detection);
    }

    this.rules.warnAboutSkippedGlobalRules();
  }

  /** The detections this construct turned into resources. */
  public get detections(): Detection[] {
    return [...this.detectionList];
  }

  /**
   * Adds a detection: a metric filter and an alarm, plus a rule when one serves.
   *
   * @throws when a detection with the same id is already present, or its pattern does not parse
   */
  public addDetection(detection: Detection): void {
    if (this.created.has(detection.id)) {
      throw new Error(
        `${this.node.path}: a detection with id '${detection.id}' is already present. ` +
          'Give your detection another id, or disable the catalog one with disabledDetections.',
      );
    }
    checkFilterPattern(this.node.path, detection);

    const override = this.props.overrides?.[detection.id] ?? {};
    const severity = override.severity ?? detection.severity;
    const options: DetectionResourceOptions = {
      detection,
      severity,
      logGroup: this.props.logGroup,
      namespace: this.metricNamespace,
      alarmName: `${this.props.alarmNamePrefix ?? 'IamGuardrails-'}${detection.id}`,
      alarm: resolveAlarm(`${this.node.path}/${detection.id}`, detection, override),
      topic: override.topic ?? this.routedTopic(severity),
      investigation: this.investigationUrl(detection),
    };

    const scope = new Construct(this, detection.id);
    const metricFilter = createMetricFilter(scope, options);
    const alarm = createAlarm(scope, metricFilter.metric(), options);
    const rule = this.rules.servesWithRule(detection, options.alarm) ? createRule(scope, options) : undefined;
    if (rule && detection === ADMIN_PRIVILEGES_GRANTED) {
      // Inline policies and policy versions need their document judged, which only code can do.
      new FullPrivilegeGrantMonitor(scope, 'PolicyDocuments', {
        alarmTopic: options.topic,
        metricNamespace: this.metricNamespace,
      });
    }

    this.created.set(detection.id, { metricFilter, alarm, rule });
    this.detectionList.push(detection);
    this.dashboard?.addWidgets(
      new cloudwatch.GraphWidget({
        title: `${detection.id} (${severity})`,
        left: [metricFilter.metric({ statistic: 'Sum', period: options.alarm.period })],
        width: 6,
        height: 5,
      }),
    );
  }

  private investigationUrl(detection: Detection): InvestigationUrl | undefined {
    if (!(this.props.investigationLinks ?? true)) return undefined;
    const { logGroup, investigationLookback } = this.props;
    return {
      url: InvestigationLink.consoleUrl(this, detection, logGroup, investigationLookback),
      lengthKnown: logGroupNameKnown(logGroup),
    };
  }

  private routedTopic(severity: Severity): sns.ITopic {
    const route = this.props.severityRoutes?.find((candidate) => candidate.severity === severity);
    return route?.topic ?? this.alarmTopic;
  }

  /** The metric filter of a detection. */
  public metricFilter(id: string): logs.MetricFilter {
    return this.resourcesOf(id).metricFilter;
  }

  /** The alarm of a detection. */
  public alarm(id: string): cloudwatch.IAlarm {
    return this.resourcesOf(id).alarm;
  }

  /** The EventBridge rule of a detection, if one serves it. */
  public rule(id: string): events.Rule | undefined {
    return this.resourcesOf(id).rule;
  }

  private resourcesOf(id: string): DetectionResources {
    const found = this.created.get(id);
    if (!found) {
      throw new Error(
        `${this.node.path}: no detection '${id}' here. Present: ${[...this.created.keys()].join(', ')}.`,
      );
    }
    return found;
  }

  private validateIds(chosen: Detection[]): void {
    const seen = new Set<string>();
    for (const detection of chosen) {
      if (seen.has(detection.id)) {
        throw new Error(
          `${this.node.path}: two detections have the id '${detection.id}'. Ids are metric ` +
            'names and must be unique: rename one.',
        );
      }
      seen.add(detection.id);
    }
    const known = (ids: string[] | undefined, property: string) => {
      for (const id of ids ?? []) {
        if (!seen.has(id)) {
          throw new Error(
            `${this.node.path}: ${property} names '${id}', which is not a detection here. ` +
              `Known ids: ${[...seen].join(', ')}.`,
          );
        }
      }
    };
    known(this.props.disabledDetections, 'disabledDetections');
    known(Object.keys(this.props.overrides ?? {}), 'overrides');
  }
}
