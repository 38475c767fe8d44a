import { NagMessageLevel } from 'cdk-nag';
import { SENSITIVE_SERVICES } from '../../policy/private/escalation-actions';
import {
  allowsAllActions,
  servicesFullyAllowed,
} from '../../policy/private/statement-analysis';
import { RuleDefinition } from '../private/rule-definition';
import { statementRule } from '../private/statement-rule';

/** A statement allows every action of iam, sts, organizations or kms on every resource. */
export const ServiceFullAccess: RuleDefinition = {
  id: 'IG2',
  level: NagMessageLevel.ERROR,
  info: 'The policy statement allows iam:*, sts:*, organizations:* or kms:* on every resource.',
  explanation: 'Full access to these services is administrator access by another name: the '
    + 'principal can grant itself any permission, assume any role, leave the organization or '
    + 'decrypt any data. List the actions needed and scope Resource to the ARNs used.',
  rule: statementRule('ServiceFullAccess', (statement) => !allowsAllActions(statement)
    && servicesFullyAllowed(statement, SENSITIVE_SERVICES).length > 0),
};
