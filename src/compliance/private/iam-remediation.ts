/**
 * Automatic remediation of `IamConfigRules` through the AWS-owned SSM Automation runbooks
 * `AWSConfigRemediation-SetIAMPasswordPolicy` and
 * `AWSConfigRemediation-RevokeUnusedIAMUserCredentials`, each with a role limited to what
 * its runbook needs. Internal: not exported from the package.
 */
import { ArnFormat, Stack, Token, Validations, aws_config as config, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ResolvedPasswordPolicy } from '../../account/password-policy-settings';

const RETRY_SECONDS = 60;
const MAX_ATTEMPTS = 5;

function automationRole(scope: Construct, id: string, document: string,
  statements: iam.PolicyStatement[]): iam.Role {
  const stack = Stack.of(scope);
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com'),
    description: `Runs the ${document} runbook for AWS Config remediation`,
  });
  // A managed policy rather than an inline one: NIST 800-53 R5 checks forbid inline policies.
  new iam.ManagedPolicy(scope, `${id}Policy`, {
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        actions: ['ssm:StartAutomationExecution'],
        resources: [stack.formatArn({
          service: 'ssm',
          account: '',
          resource: 'automation-definition',
          resourceName: `${document}:*`,
        })],
      }),
      new iam.PolicyStatement({
        actions: ['ssm:GetAutomationExecution'],
        resources: [stack.formatArn({
          service: 'ssm', resource: 'automation-execution', resourceName: '*',
        })],
      }),
      ...statements,
    ],
  });
  return role;
}

/**
 * The ARN as cdk-nag names it in a finding id: pseudo parameters that the stack leaves
 * unresolved appear as `<AWS::Region>`, known ones as their value.
 */
function nagArn(scope: Construct, service: string, rest: string, withAccount: boolean): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const where = service === 'iam' ? `:${account}` : `${region}:${withAccount ? account : ''}`;
  return `arn:<AWS::Partition>:${service}:${where}:${rest}`;
}

function acknowledge(scope: Construct, findings: Array<[string, string]>): void {
  for (const [id, reason] of findings) Validations.of(scope).acknowledge({ id, reason });
}

function runbookFindings(scope: Construct, document: string): Array<[string, string]> {
  return [
    [`AwsSolutions-IAM5[Resource::${nagArn(scope, 'ssm', `automation-definition/${document}:*`, false)}]`,
      'Any version of the one AWS-owned runbook this role runs.'],
    [`AwsSolutions-IAM5[Resource::${nagArn(scope, 'ssm', 'automation-execution/*', true)}]`,
      'Execution ids are generated per run; the runbook reads its own execution.'],
  ];
}

function staticValue(value: string) {
  return { StaticValue: { Values: [value] } };
}

export function remediatePasswordPolicy(scope: Construct, ruleName: string,
  policy: ResolvedPasswordPolicy): [iam.Role, config.CfnRemediationConfiguration] {
  const document = 'AWSConfigRemediation-SetIAMPasswordPolicy';
  const role = automationRole(scope, 'PasswordPolicyRemediationRole', document, [
    new iam.PolicyStatement({
      actions: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy'],
      resources: ['*'],
    }),
  ]);
  acknowledge(scope.node.findChild('PasswordPolicyRemediationRolePolicy'), [
    ['AwsSolutions-IAM5[Resource::*]', 'The account password policy has no ARN: IAM only ' +
      'accepts * as the resource of Get/UpdateAccountPasswordPolicy.'],
    ...runbookFindings(scope, document),
  ]);
  const remediation = new config.CfnRemediationConfiguration(scope, 'PasswordPolicyRemediation', {
    configRuleName: ruleName,
    targetType: 'SSM_DOCUMENT',
    targetId: document,
    automatic: true,
    maximumAutomaticAttempts: MAX_ATTEMPTS,
    retryAttemptSeconds: RETRY_SECONDS,
    parameters: {
      AutomationAssumeRole: staticValue(role.roleArn),
      MinimumPasswordLength: staticValue(String(policy.minimumPasswordLength)),
      RequireUppercaseCharacters: staticValue(String(policy.requireUppercaseCharacters)),
      RequireLowercaseCharacters: staticValue(String(policy.requireLowercaseCharacters)),
      RequireNumbers: staticValue(String(policy.requireNumbers)),
      RequireSymbols: staticValue(String(policy.requireSymbols)),
      PasswordReusePrevention: staticValue(String(policy.passwordReusePrevention)),
      MaxPasswordAge: staticValue(String(policy.maxPasswordAge)),
      AllowUsersToChangePassword: staticValue(String(policy.allowUsersToChangePassword)),
      HardExpiry: staticValue(String(policy.hardExpiry)),
    },
  });
  return [role, remediation];
}

export function revokeUnusedCredentials(scope: Construct, ruleName: string,
  maxCredentialUsageAge: number): [iam.Role, config.CfnRemediationConfiguration] {
  const document = 'AWSConfigRemediation-RevokeUnusedIAMUserCredentials';
  const users = Stack.of(scope).formatArn({
    service: 'iam',
    region: '',
    resource: 'user',
    resourceName: '*',
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
  });
  const role = automationRole(scope, 'UnusedCredentialsRemediationRole', document, [
    new iam.PolicyStatement({
      actions: ['config:ListDiscoveredResources'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      actions: [
        'iam:DeleteAccessKey', 'iam:DeleteLoginProfile', 'iam:GetAccessKeyLastUsed',
        'iam:GetLoginProfile', 'iam:GetUser', 'iam:ListAccessKeys', 'iam:UpdateAccessKey',
      ],
      resources: [users],
    }),
  ]);
  acknowledge(scope.node.findChild('UnusedCredentialsRemediationRolePolicy'), [
    ['AwsSolutions-IAM5[Resource::*]', 'config:ListDiscoveredResources has no resource-level ' +
      'permissions; the runbook uses it to map the IAM resource id to a user name.'],
    [`AwsSolutions-IAM5[Resource::${nagArn(scope, 'iam', 'user/*', true)}]`,
      'The runbook acts on whichever IAM user AWS Config found with unused credentials.'],
    ...runbookFindings(scope, document),
  ]);
  const remediation = new config.CfnRemediationConfiguration(scope, 'UnusedCredentialsRemediation', {
    configRuleName: ruleName,
    targetType: 'SSM_DOCUMENT',
    targetId: document,
    resourceType: 'AWS::IAM::User',
    automatic: true,
    maximumAutomaticAttempts: MAX_ATTEMPTS,
    retryAttemptSeconds: RETRY_SECONDS,
    parameters: {
      AutomationAssumeRole: staticValue(role.roleArn),
      IAMResourceId: { ResourceValue: { Value: 'RESOURCE_ID' } },
      MaxCredentialUsageAge: staticValue(String(maxCredentialUsageAge)),
    },
  });
  return [role, remediation];
}
