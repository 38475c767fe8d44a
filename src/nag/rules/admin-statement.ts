import { NagMessageLevel } from 'cdk-nag';
import { allowsEverythingOnEverything } from '../../policy/private/statement-analysis';
import { RuleDefinition } from '../private/rule-definition';
import { statementRule } from '../private/statement-rule';

/** A statement allows every action on every resource. */
export const AdminStatement: RuleDefinition = {
  id: 'IG1',
  level: NagMessageLevel.ERROR,
  info: 'The policy statement allows every action (*) on every resource (*).',
  explanation: 'A principal holding it is an administrator of the account, including of IAM '
    + 'itself. Grant the actions and resources the workload uses; for break-glass access use '
    + 'a role with MFA in its trust policy and the AdministratorAccess managed policy.',
  rule: statementRule('AdminStatement', allowsEverythingOnEverything),
};
