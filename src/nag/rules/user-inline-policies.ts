import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { readResource } from '../private/resource-reader';
import { RuleDefinition } from '../private/rule-definition';

function userInlinePolicies(node: CfnResource): NagRuleResult {
  const type = node.cfnResourceType;
  if (type === 'AWS::IAM::UserPolicy') return NagRuleCompliance.NON_COMPLIANT;
  if (type !== 'AWS::IAM::User' && type !== 'AWS::IAM::Policy') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const properties = readResource(node).properties;
  const inline = type === 'AWS::IAM::User' ? properties.Policies : properties.Users;
  return Array.isArray(inline) && inline.length > 0
    ? NagRuleCompliance.NON_COMPLIANT
    : NagRuleCompliance.COMPLIANT;
}

/** An inline policy is given to an IAM user. */
export const UserInlinePolicies: RuleDefinition = {
  id: 'IG7',
  level: NagMessageLevel.ERROR,
  info: 'An inline policy is given to an IAM user.',
  explanation: 'Inline user policies are invisible in the policy list, cannot be reused and '
    + 'are a favourite persistence spot. Put the statements in a managed policy attached to a '
    + 'group, or use roles.',
  rule: userInlinePolicies,
};
