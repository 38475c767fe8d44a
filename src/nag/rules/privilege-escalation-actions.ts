import { NagMessageLevel } from 'cdk-nag';
import { PRIVILEGE_ESCALATION_ACTIONS } from '../../policy/private/escalation-actions';
import {
  actionsAllowedOnAllResources,
  allowsAllActions,
} from '../../policy/private/statement-analysis';
import { RuleDefinition } from '../private/rule-definition';
import { statementRule } from '../private/statement-rule';

/** A statement allows a privilege-escalation action on every resource. */
export const PrivilegeEscalationActions: RuleDefinition = {
  id: 'IG5',
  level: NagMessageLevel.ERROR,
  info: 'The policy statement allows a privilege-escalation action (such as iam:PassRole, '
    + 'iam:CreatePolicyVersion, iam:Put*Policy, iam:Attach*Policy, iam:CreateAccessKey, '
    + 'lambda:UpdateFunctionCode) on every resource.',
  explanation: 'Each of these lets a principal give itself more permissions than it holds: '
    + 'rewrite a policy it is subject to, pass an administrator role to a service it controls, '
    + 'or mint credentials for another user. Scope Resource to the exact ARNs, and for '
    + 'iam:PassRole add an iam:PassedToService condition.',
  rule: statementRule('PrivilegeEscalationActions', (statement) => !allowsAllActions(statement)
    && actionsAllowedOnAllResources(statement, PRIVILEGE_ESCALATION_ACTIONS).length > 0),
};
