import { CfnResource, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { Detection } from '../../detections/detection';
import { Severity } from '../../detections/severity';

/** Metadata key naming the detection a resource belongs to; `replay` reads it back. */
export const DETECTION_METADATA = 'cdk-iam-guardrails:detection';

/** The alarm settings of one detection after catalog defaults and overrides. */
export interface ResolvedAlarm {
  readonly threshold: number;
  readonly period: Duration;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: cloudwatch.TreatMissingData;
  readonly anomalyBandWidth?: number;
}

/** The console address of a detection's Logs Insights query, for its notifications. */
export interface InvestigationUrl {
  readonly url: string;
  /** Whether `url` is as long at synthesis as deployed, or longer (no deploy-time log group name). */
  readonly lengthKnown: boolean;
}

export interface DetectionResourceOptions {
  readonly detection: Detection;
  readonly severity: Severity;
  readonly logGroup: logs.ILogGroup;
  readonly namespace: string;
  readonly alarmName: string;
  readonly alarm: ResolvedAlarm;
  readonly topic: sns.ITopic;
  /** Put in alarm descriptions and rule messages, when set. */
  readonly investigation?: InvestigationUrl;
}

/** CloudWatch's limit on an alarm description. */
const MAX_ALARM_DESCRIPTION = 1024;
/** EventBridge's limit on an input template. */
const MAX_RULE_INPUT = 8192;
/** A log group name of 512 characters, each encoded as `*xx`. */
const MAX_ENCODED_LOG_GROUP_NAME = 512 * 3;

/** Marks a resource with the detection it serves. */
export function markDetection(construct: IConstruct, id: string): void {
  const resource = construct.node.defaultChild ?? construct;
  if (CfnResource.isCfnResource(resource)) {
    resource.addMetadata(DETECTION_METADATA, id);
  }
}

export function createMetricFilter(scope: Construct, options: DetectionResourceOptions): logs.MetricFilter {
  const { detection } = options;
  const filter = new logs.MetricFilter(scope, 'MetricFilter', {
    logGroup: options.logGroup,
    filterPattern: logs.FilterPattern.literal(detection.filterPattern),
    metricNamespace: options.namespace,
    metricName: detection.id,
    metricValue: '1',
    // An anomaly band needs the quiet periods too, or it learns only from the busy ones.
    defaultValue: options.alarm.anomalyBandWidth === undefined ? undefined : 0,
  });
  markDetection(filter, detection.id);
  return filter;
}

export function createAlarm(
  scope: Construct,
  metric: cloudwatch.Metric,
  options: DetectionResourceOptions,
): cloudwatch.IAlarm {
  const { detection, alarm } = options;
  const description = alarmDescription(detection, options.severity, options.investigation);
  if (alarm.anomalyBandWidth !== undefined) {
    const band = createAnomalyAlarm(scope, metric, description, options);
    markDetection(band, detection.id);
    return cloudwatch.Alarm.fromAlarmArn(scope, 'AlarmReference', band.attrArn);
  }
  const created = new cloudwatch.Alarm(scope, 'Alarm', {
    alarmName: options.alarmName,
    alarmDescription: description,
    metric: metric.with({ statistic: 'Sum', period: alarm.period }),
    threshold: alarm.threshold,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    treatMissingData: alarm.treatMissingData,
  });
  created.addAlarmAction(new actions.SnsAction(options.topic));
  markDetection(created, detection.id);
  return created;
}

/**
 * Title, then the investigation link, then as much of the runbook as fits in 1,024
 * characters. The link is left out when it does not fit whole after the title (a cut
 * address opens nothing) or when its length is unknown until deployment (a description
 * past the limit fails the deployment); the runbook is cut at a word.
 */
export function alarmDescription(detection: Detection, severity: Severity, investigation?: InvestigationUrl): string {
  const head = `${detection.id} (${severity}): ${detection.title}.`.slice(0, MAX_ALARM_DESCRIPTION);
  const link = investigation?.lengthKnown ? ` Investigate: ${investigation.url}` : '';
  if (link && head.length + link.length <= MAX_ALARM_DESCRIPTION) {
    const runbook = cutAtWord(detection.runbook, MAX_ALARM_DESCRIPTION - head.length - link.length - ' Runbook: '.length);
    return runbook ? `${head}${link} Runbook: ${runbook}` : `${head}${link}`;
  }
  const runbook = cutAtWord(detection.runbook, MAX_ALARM_DESCRIPTION - head.length - 1);
  return runbook ? `${head} ${runbook}` : head;
}

/** The text if it fits in `room` characters, else its words that fit followed by `...`. */
function cutAtWord(text: string, room: number): string {
  if (text.length <= room) return text;
  const cut = text.slice(0, Math.max(0, room - 3));
  const space = cut.lastIndexOf(' ');
  return space > 0 ? `${cut.slice(0, space).replace(/[\s,;:.]+$/, '')}...` : '';
}

// CloudFormation's Metrics form: the metric, its band, and an upper-bound comparison.
function createAnomalyAlarm(
  scope: Construct,
  metric: cloudwatch.Metric,
  description: string,
  options: DetectionResourceOptions,
): cloudwatch.CfnAlarm {
  const { alarm } = options;
  return new cloudwatch.CfnAlarm(scope, 'Alarm', {
    alarmName: options.alarmName,
    alarmDescription: description,
    comparisonOperator: 'GreaterThanUpperThreshold',
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    treatMissingData: alarm.treatMissingData,
    thresholdMetricId: 'band',
    alarmActions: [options.topic.topicArn],
    metrics: [
      {
        id: 'm1',
        returnData: true,
        metricStat: {
          metric: { namespace: options.namespace, metricName: metric.metricName },
          period: alarm.period.toSeconds(),
          stat: 'Sum',
        },
      },
      {
        id: 'band',
        label: `${options.detection.id} expected range`,
        returnData: true,
        expression: `ANOMALY_DETECTION_BAND(m1, ${alarm.anomalyBandWidth})`,
      },
    ],
  });
}

/**
 * The message a rule sends: who did what, from where, in which account and Region, the
 * link to the detection's query, and the runbook. The link is left out of a message that
 * it would take past the 8,192 characters of an input template, counting a deploy-time log
 * group name at its longest encoded length.
 */
function ruleMessage(detection: Detection, severity: Severity, investigation?: InvestigationUrl): events.RuleTargetInput {
  const field = events.EventField.fromPath;
  const text = (link: string) =>
    `[${severity}] ${detection.id}: ${detection.title}. ` +
    `Event ${field('$.detail.eventName')} (${field('$.detail.eventSource')}) ` +
    `by ${field('$.detail.userIdentity.arn')} (${field('$.detail.userIdentity.type')}) ` +
    `from ${field('$.detail.sourceIPAddress')} ` +
    `in account ${events.EventField.account}, Region ${events.EventField.region}, ` +
    `at ${events.EventField.time}. ${link}Runbook: ${detection.runbook}`;
  const withLink = investigation ? text(`Investigate: ${investigation.url} `) : undefined;
  const unknown = investigation?.lengthKnown === false ? MAX_ENCODED_LOG_GROUP_NAME : 0;
  const fits = withLink !== undefined && withLink.length + unknown <= MAX_RULE_INPUT;
  return events.RuleTargetInput.fromText(fits ? withLink : text(''));
}

export function createRule(scope: Construct, options: DetectionResourceOptions): events.Rule {
  const { detection } = options;
  const rule = new events.Rule(scope, 'Rule', {
    description: `${detection.id}: ${detection.title}`.slice(0, 512),
    eventPattern: detection.eventPattern,
    targets: [
      new targets.SnsTopic(options.topic, { message: ruleMessage(detection, options.severity, options.investigation) }),
    ],
  });
  if (detection.includesReadOnlyEvents) {
    // Read-only management events reach a rule only in this state.
    (rule.node.defaultChild as events.CfnRule).state = 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
  }
  markDetection(rule, detection.id);
  return rule;
}
