import { NagMessageLevel } from 'cdk-nag';
import { isAllow } from '../../policy/private/statement-analysis';
import { RuleDefinition } from '../private/rule-definition';
import { statementRule } from '../private/statement-rule';

/** An Allow statement uses NotAction. */
export const AllowNotAction: RuleDefinition = {
  id: 'IG3',
  level: NagMessageLevel.ERROR,
  info: 'The policy statement allows with NotAction.',
  explanation: 'Allow with NotAction grants every action except those listed, including '
    + 'actions of services launched later; Allow NotAction iam:* on * is nearly administrator '
    + 'access. List the allowed actions with Action instead.',
  rule: statementRule('AllowNotAction', (s) => isAllow(s) && s.notActions !== undefined),
};
