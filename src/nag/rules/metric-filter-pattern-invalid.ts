import { NagMessageLevel } from 'cdk-nag';
import { LogPattern } from '../../patterns/log-pattern';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** A metric filter's pattern does not parse. */
export const MetricFilterPatternInvalid: RuleDefinition = {
  id: 'IG18',
  level: NagMessageLevel.ERROR,
  info: 'The metric filter pattern does not parse as a CloudWatch Logs filter pattern.',
  explanation: 'CloudWatch Logs rejects the stack, or, for patterns it reads differently than '
    + 'intended, the filter never counts an event. Check the pattern with LogPattern.parse, '
    + 'whose error names the position and the problem, and fix the syntax.',
  // A pattern given as an intrinsic function is not checked.
  rule: resourceRule('MetricFilterPatternInvalid', ['AWS::Logs::MetricFilter'],
    (p) => typeof p.FilterPattern === 'string' && LogPattern.problem(p.FilterPattern) !== undefined),
};
