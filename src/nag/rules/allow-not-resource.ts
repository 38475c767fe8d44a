import { NagMessageLevel } from 'cdk-nag';
import { isAllow } from '../../policy/private/statement-analysis';
import { RuleDefinition } from '../private/rule-definition';
import { statementRule } from '../private/statement-rule';

/** An Allow statement uses NotResource. */
export const AllowNotResource: RuleDefinition = {
  id: 'IG4',
  level: NagMessageLevel.ERROR,
  info: 'The policy statement allows with NotResource.',
  explanation: 'Allow with NotResource grants the actions on every resource except those '
    + 'listed, including resources created later and in other accounts. List the resources '
    + 'with Resource instead.',
  rule: statementRule('AllowNotResource', (s) => isAllow(s) && s.notResources !== undefined),
};
