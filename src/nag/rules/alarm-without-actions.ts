import { NagMessageLevel } from 'cdk-nag';
import { cfnBoolean, RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** An alarm notifies nobody. */
export const AlarmWithoutActions: RuleDefinition = {
  id: 'IG17',
  level: NagMessageLevel.WARN,
  info: 'The CloudWatch alarm has no alarm action, or its actions are disabled.',
  explanation: 'An alarm that notifies nobody detects nothing. Add an SNS topic (or another '
    + 'action) to AlarmActions and leave ActionsEnabled true.',
  rule: resourceRule('AlarmWithoutActions',
    ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
    (p) => cfnBoolean(p.ActionsEnabled) === false
      || !Array.isArray(p.AlarmActions) || p.AlarmActions.length === 0),
};
