import { NagMessageLevel } from 'cdk-nag';
import { cfnBoolean, isIntrinsic, RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** Whether an alarm's AlarmActions is missing or an empty list (an intrinsic is not judged). */
function noAlarmActions(actions: unknown): boolean {
  if (isIntrinsic(actions)) return false;
  return !Array.isArray(actions) || actions.length === 0;
}

/** An alarm notifies nobody. */
export const AlarmWithoutActions: RuleDefinition = {
  id: 'IG17',
  level: NagMessageLevel.WARN,
  info: 'The CloudWatch alarm has no alarm action, or its actions are disabled.',
  explanation: 'An alarm that notifies nobody detects nothing. Add an SNS topic (or another '
    + 'action) to AlarmActions and leave ActionsEnabled true.',
  rule: resourceRule('AlarmWithoutActions',
    ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
    (p) => cfnBoolean(p.ActionsEnabled) === false || noAlarmActions(p.AlarmActions)),
};
