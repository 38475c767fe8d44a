import { NagMessageLevel } from 'cdk-nag';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** A trail does not deliver to CloudWatch Logs. */
export const TrailWithoutCloudWatchLogs: RuleDefinition = {
  id: 'IG15',
  level: NagMessageLevel.ERROR,
  info: 'The CloudTrail trail does not deliver to CloudWatch Logs (no CloudWatchLogsLogGroupArn).',
  explanation: 'Metric filters and alarms on IAM activity need the events in a log group. Set '
    + 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (AuditTrail does by default).',
  rule: resourceRule('TrailWithoutCloudWatchLogs', ['AWS::CloudTrail::Trail'],
    (p) => p.CloudWatchLogsLogGroupArn === undefined || p.CloudWatchLogsLogGroupArn === ''),
};
