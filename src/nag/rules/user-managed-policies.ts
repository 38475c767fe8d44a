import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { readResource } from '../private/resource-reader';
import { RuleDefinition } from '../private/rule-definition';

function userManagedPolicies(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type !== 'AWS::IAM::User' && type !== 'AWS::IAM::ManagedPolicy') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = readResource(node).properties;
  const attached = type === 'AWS::IAM::User' ? properties.ManagedPolicyArns : properties.Users;
  return Array.isArray(attached) && attached.length > 0
    ? NagRuleCompliance.NON_COMPLIANT
    : NagRuleCompliance.COMPLIANT;
}

/** A managed policy is attached directly to an IAM user. */
export const UserManagedPolicies: RuleDefinition = {
  id: 'IG6',
  level: NagMessageLevel.ERROR,
  info: 'A managed policy is attached directly to an IAM user.',
  explanation: 'Permissions attached user by user drift apart and are missed in reviews. '
    + 'Attach the policy to a group and add the user to it, or better, give people roles '
    + 'through IAM Identity Center.',
  rule: userManagedPolicies,
};
