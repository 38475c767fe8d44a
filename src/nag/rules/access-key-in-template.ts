import { NagMessageLevel } from 'cdk-nag';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** The template creates an IAM access key. */
export const AccessKeyInTemplate: RuleDefinition = {
  id: 'IG8',
  level: NagMessageLevel.ERROR,
  info: 'The template creates a long-term IAM access key (AWS::IAM::AccessKey).',
  explanation: 'A long-term key lives until someone deletes it, and its secret passes through '
    + 'CloudFormation outputs or a secret store. Use a role: IAM Roles Anywhere, OIDC '
    + 'federation for CI, or instance and task roles.',
  rule: resourceRule('AccessKeyInTemplate', ['AWS::IAM::AccessKey'], () => true),
};
