import { NagMessageLevel } from 'cdk-nag';
import { cfnBoolean, RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** A trail does not sign its log files. */
export const TrailWithoutLogFileValidation: RuleDefinition = {
  id: 'IG13',
  level: NagMessageLevel.ERROR,
  info: 'The CloudTrail trail does not validate log files (EnableLogFileValidation is not true).',
  explanation: 'Without digest files nobody can prove the logs were not edited or deleted '
    + 'after delivery. Set EnableLogFileValidation to true.',
  rule: resourceRule('TrailWithoutLogFileValidation', ['AWS::CloudTrail::Trail'],
    (p) => cfnBoolean(p.EnableLogFileValidation) === false
      || p.EnableLogFileValidation === undefined),
};
