import { NagMessageLevel } from 'cdk-nag';
import { isRecord } from '../private/resource-reader';
import { RuleDefinition } from '../private/rule-definition';
import { resourceRule } from '../private/statement-rule';

/** An IAM user in the template gets a console password. */
export const LoginProfileInTemplate: RuleDefinition = {
  id: 'IG9',
  level: NagMessageLevel.ERROR,
  info: 'The IAM user is given a console password (LoginProfile) in the template.',
  explanation: 'The password sits in the template or a parameter, and the user is a '
    + 'long-lived console identity. Give people access through IAM Identity Center; if a user '
    + 'is unavoidable, let them set the password themselves and enforce MFA.',
  rule: resourceRule('LoginProfileInTemplate', ['AWS::IAM::User'],
    (properties) => isRecord(properties.LoginProfile)),
};
