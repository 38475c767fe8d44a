import * as fs from 'fs';
import { expandTemplatePaths } from './cloud-assembly';
import { DEFAULT_CORRELATION_WINDOW } from './correlation';
import { compileFilterPattern, compileRulePattern } from './evaluators';
import {
  AlarmSpec, CompiledFilter, CompiledRulePattern, CorrelationSpec, MetricFilterSpec, ReplayModel,
  ResourceOrigin, RuleSpec,
} from './model';
import { describeError, ProblemSink } from './problems';
import { numberValue, resolveLiteral, stringValue } from './template-values';

/** Metadata key naming the detection a resource belongs to. */
export const DETECTION_METADATA = 'cdk-iam-guardrails:detection';
/** Metadata key naming the check a rule's matches must also pass. */
export const POST_FILTER_METADATA = 'cdk-iam-guardrails:post-filter';
/** The post-filter that sends `detail.requestParameters.policyDocument` to the analyzer. */
export const FULL_PRIVILEGE_GRANT = 'FullPrivilegeGrant';
/** Metadata key naming the correlation the function a rule targets runs on its matches. */
export const CORRELATION_METADATA = 'cdk-iam-guardrails:correlation';
/** The correlation of a `GrantedThenUsedMonitor`. */
export const GRANTED_THEN_USED = 'GrantedThenUsed';

/**
 * Reads the metric filters, event rules and alarms of the templates (files, or cloud
 * assembly directories such as cdk.out). Resources that cannot be used (a pattern that
 * does not parse, a value only known after deployment) are reported to `sink`, naming the
 * template and logical id, and skipped.
 */
export function readTemplates(paths: string[], sink: ProblemSink): ReplayModel {
  const model: ReplayModel = { filters: [], rules: [], alarms: [], notDetections: [] };
  for (const { file, fromAssembly } of expandTemplatePaths(paths, sink)) {
    let template: any;
    try {
      template = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      sink.problem(`${file}: cannot read the template (${describeError(error)})`);
      continue;
    }
    const sources = readTemplate(file, template, model, sink);
    // A stack of an assembly without detections is expected; a template named alone is not.
    if (sources === 0 && !fromAssembly) {
      sink.problem(`${file}: has no AWS::Logs::MetricFilter or AWS::Events::Rule resources; `
        + 'nothing in it can match CloudTrail records');
    }
  }
  return model;
}

/**
 * Adds the resources of one parsed template to `model`. In a template where some resource
 * carries detection metadata (made with the library), the rules and metric filters without
 * it are not detections: they go to `model.notDetections`, not replayed. In a template
 * without any, every rule and metric filter is a detection.
 * @returns the number of metric filters and event rules it holds, read or not; -1 when it
 *   is not a template (reported)
 */
export function readTemplate(file: string, template: any, model: ReplayModel, sink: ProblemSink): number {
  const resources = template?.Resources;
  if (resources === null || typeof resources !== 'object') {
    sink.problem(`${file}: not a CloudFormation template (no Resources section)`);
    return -1;
  }
  const marked = Object.values<any>(resources).some((r) => detectionMetadata(r) !== undefined);
  let sources = 0;
  for (const [logicalId, resource] of Object.entries<any>(resources)) {
    const origin = { template: file, logicalId };
    const type = resource?.Type;
    if (type !== 'AWS::Logs::MetricFilter' && type !== 'AWS::Events::Rule'
      && type !== 'AWS::CloudWatch::Alarm') continue;
    if (type !== 'AWS::CloudWatch::Alarm') sources++;
    if (marked && type !== 'AWS::CloudWatch::Alarm' && detectionMetadata(resource) === undefined) {
      // A scheduled rule matches no record: it is not replayed either way.
      const scheduled = type === 'AWS::Events::Rule' && resource.Properties?.EventPattern === undefined;
      if (!scheduled) (model.notDetections ??= []).push({ ...origin, type });
      continue;
    }
    try {
      if (type === 'AWS::Logs::MetricFilter') {
        model.filters.push(...readMetricFilter(origin, resource));
      } else if (type === 'AWS::Events::Rule') {
        const rule = readRule(origin, resource, resources);
        if (rule) model.rules.push(rule);
      } else {
        model.alarms.push(readAlarm(origin, resource));
      }
    } catch (error) {
      sink.problem(`${file}: ${logicalId} (${type}): ${describeError(error)}; skipped`);
    }
  }
  return sources;
}

function detectionMetadata(resource: any): string | undefined {
  const id = resource?.Metadata?.[DETECTION_METADATA];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function readMetricFilter(origin: ResourceOrigin, resource: any): MetricFilterSpec[] {
  const props = resource.Properties ?? {};
  const patternText = stringValue(props.FilterPattern, 'FilterPattern') ?? '';
  let pattern: CompiledFilter;
  try {
    pattern = compileFilterPattern(patternText);
  } catch (error) {
    throw new Error(`FilterPattern does not parse: ${describeError(error)}`);
  }
  const transformations = props.MetricTransformations;
  if (!Array.isArray(transformations) || transformations.length === 0) {
    throw new Error('MetricTransformations is missing');
  }
  return transformations.map((t: any) => {
    const metricName = stringValue(t.MetricName, 'MetricName') ?? '';
    const metricValue = resolveLiteral(t.MetricValue);
    return {
      ...origin,
      detectionId: detectionMetadata(resource) ?? metricName,
      patternText,
      pattern,
      namespace: stringValue(t.MetricNamespace, 'MetricNamespace') ?? '',
      metricName,
      metricValue: metricValue === undefined ? '1' : String(metricValue),
      defaultValue: numberValue(t.DefaultValue, 'DefaultValue'),
    };
  });
}

function readRule(origin: ResourceOrigin, resource: any, resources: any): RuleSpec | undefined {
  const props = resource.Properties ?? {};
  if (props.EventPattern === undefined) return undefined; // a scheduled rule
  let eventPattern = resolveLiteral(props.EventPattern);
  if (typeof eventPattern === 'string') eventPattern = JSON.parse(eventPattern);
  let pattern: CompiledRulePattern;
  try {
    pattern = compileRulePattern(eventPattern);
  } catch (error) {
    throw new Error(`EventPattern is not valid: ${describeError(error)}`);
  }
  const postFilter = resource.Metadata?.[POST_FILTER_METADATA];
  if (postFilter !== undefined && postFilter !== FULL_PRIVILEGE_GRANT) {
    throw new Error(`unknown ${POST_FILTER_METADATA} ${JSON.stringify(postFilter)}`);
  }
  return {
    ...origin,
    detectionId: detectionMetadata(resource) ?? origin.logicalId,
    description: stringValue(props.Description, 'Description'),
    state: stringValue(props.State, 'State') ?? 'ENABLED',
    pattern,
    fullPrivilegeGrant: postFilter === FULL_PRIVILEGE_GRANT,
    correlation: readCorrelation(resource, resources),
  };
}

/**
 * The correlation named in a rule's metadata, with the window of the function the rule
 * targets in the same template: the value that function is deployed with.
 */
function readCorrelation(resource: any, resources: any): CorrelationSpec | undefined {
  const kind = resource.Metadata?.[CORRELATION_METADATA];
  if (kind === undefined) return undefined;
  if (kind !== GRANTED_THEN_USED) throw new Error(`unknown ${CORRELATION_METADATA} ${JSON.stringify(kind)}`);
  const targets = Array.isArray(resource.Properties?.Targets) ? resource.Properties.Targets : [];
  const functions = targets
    .map((target: any) => target?.Arn?.['Fn::GetAtt'])
    .filter((att: any) => Array.isArray(att) && att[1] === 'Arn')
    .map((att: any) => resources[att[0]])
    .filter((target: any) => target?.Type === 'AWS::Lambda::Function');
  if (functions.length !== 1) {
    throw new Error(`the ${kind} correlation needs the rule's one function target in the same template`);
  }
  const variables = functions[0].Properties?.Environment?.Variables;
  const window = numberValue(variables?.WINDOW_SECONDS, 'WINDOW_SECONDS');
  if (window !== undefined && !(Number.isInteger(window) && window > 0)) {
    throw new Error(`WINDOW_SECONDS is ${window}, not a whole number of seconds`);
  }
  return { windowSeconds: window ?? DEFAULT_CORRELATION_WINDOW };
}

function readAlarm(origin: ResourceOrigin, resource: any): AlarmSpec {
  const props = resource.Properties ?? {};
  const common = {
    ...origin,
    alarmName: stringValue(props.AlarmName, 'AlarmName'),
    evaluationPeriods: numberValue(props.EvaluationPeriods, 'EvaluationPeriods') ?? 1,
    comparison: stringValue(props.ComparisonOperator, 'ComparisonOperator') ?? '',
    treatMissingData: stringValue(props.TreatMissingData, 'TreatMissingData') ?? 'missing',
  };
  const datapointsToAlarm = numberValue(props.DatapointsToAlarm, 'DatapointsToAlarm')
    ?? common.evaluationPeriods;
  if (Array.isArray(props.Metrics)) {
    const stat = props.Metrics.find((m: any) => m?.MetricStat?.Metric);
    if (!stat) throw new Error('Metrics has no MetricStat');
    const anomaly = props.Metrics.some((m: any) =>
      typeof m?.Expression === 'string' && m.Expression.includes('ANOMALY_DETECTION_BAND'));
    return {
      ...common,
      datapointsToAlarm,
      namespace: stringValue(stat.MetricStat.Metric.Namespace, 'Namespace') ?? '',
      metricName: stringValue(stat.MetricStat.Metric.MetricName, 'MetricName') ?? '',
      statistic: stringValue(stat.MetricStat.Stat, 'Stat') ?? '',
      period: numberValue(stat.MetricStat.Period, 'Period') ?? 60,
      threshold: 0,
      notSimulated: anomaly ? 'anomaly detection' : 'metric math',
    };
  }
  const statistic = stringValue(props.Statistic, 'Statistic');
  const extended = stringValue(props.ExtendedStatistic, 'ExtendedStatistic');
  return {
    ...common,
    datapointsToAlarm,
    namespace: stringValue(props.Namespace, 'Namespace') ?? '',
    metricName: stringValue(props.MetricName, 'MetricName') ?? '',
    statistic: statistic ?? extended ?? '',
    period: numberValue(props.Period, 'Period') ?? 60,
    threshold: numberValue(props.Threshold, 'Threshold') ?? 0,
    notSimulated: statistic === undefined
      ? `extended statistic ${extended ?? '(none)'}` : undefined,
  };
}
