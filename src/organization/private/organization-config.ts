import { Validations, aws_config as config, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkAccountId, checkRange } from './validation';
import { resolvePasswordPolicy } from '../../account/password-policy-settings';
import { IAM_CONFIG_RULE_TABLE, iamConfigRuleParameters } from '../../compliance/private/iam-config-rule-table';
import type { OrganizationConfigRulesOptions } from '../organization-auto-enable';

/**
 * An organization configuration aggregator over every account and Region, with the role
 * AWS Config assumes to list the organization's accounts (read-only Organizations calls).
 */
export function organizationAggregator(scope: Construct): config.CfnConfigurationAggregator {
  const role = new iam.Role(scope, 'ConfigAggregatorRole', {
    assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
    description: 'Lets AWS Config list the organization\'s accounts for the aggregator.',
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations'),
    ],
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
    reason: 'AWS Config documents this policy for organization aggregators; it allows only '
      + 'organizations:ListAccounts, DescribeOrganization, ListAWSServiceAccessForOrganization '
      + 'and ListDelegatedAdministrators.',
  });
  const aggregator = new config.CfnConfigurationAggregator(scope, 'ConfigAggregator', {
    organizationAggregationSource: { roleArn: role.roleArn, allAwsRegions: true },
  });
  // AWS Config checks the role when the aggregator is created.
  aggregator.node.addDependency(role);
  return aggregator;
}

/**
 * The AWS Config managed rules of `IamConfigRule` as organization rules named
 * `iam-guardrails-<rule>`, with the parameters `IamConfigRules` would give them.
 */
export function organizationConfigRules(scope: Construct,
  options: OrganizationConfigRulesOptions): config.CfnOrganizationConfigRule[] {
  const excludedAccounts = options.excludedAccounts;
  excludedAccounts?.forEach((account) => checkAccountId(scope, 'excludedAccounts', account));
  checkRange(scope, 'maxAccessKeyAge', options.maxAccessKeyAge, 1, 365);
  checkRange(scope, 'maxCredentialUsageAge', options.maxCredentialUsageAge, 1, 365);
  const parameters = iamConfigRuleParameters(
    resolvePasswordPolicy(scope.node.path, options.passwordPolicy),
    options.maxAccessKeyAge ?? 90, options.maxCredentialUsageAge ?? 45);
  const disabled = new Set(options.disabledRules ?? []);

  return IAM_CONFIG_RULE_TABLE.filter((spec) => !disabled.has(spec.rule)).map((spec) => {
    const inputParameters = parameters[spec.rule];
    return new config.CfnOrganizationConfigRule(scope, `OrganizationRule${spec.constructId}`, {
      organizationConfigRuleName: `iam-guardrails-${spec.rule}`,
      excludedAccounts,
      organizationManagedRuleMetadata: {
        ruleIdentifier: spec.identifier,
        inputParameters: inputParameters && JSON.stringify(inputParameters),
        resourceTypesScope: spec.scope?.map((type) => type.complianceResourceType),
        maximumExecutionFrequency: spec.scope ? undefined : 'TwentyFour_Hours',
      },
    });
  });
}
