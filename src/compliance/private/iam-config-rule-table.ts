/**
 * The managed rules behind `IamConfigRule`: identifier, evaluation trigger and parameters.
 * Internal: not exported from the package.
 */
import { aws_config as config } from 'aws-cdk-lib';
import { ResolvedPasswordPolicy } from '../../account/password-policy-settings';
import { IamConfigRule } from '../iam-config-rule';

/** What a rule needs to be created. */
export interface IamConfigRuleSpec {
  readonly rule: IamConfigRule;
  /** The AWS Config managed rule identifier (a `config.ManagedRuleIdentifiers` value). */
  readonly identifier: string;
  /** The short id used in construct ids. */
  readonly constructId: string;
  /** Periodic rules run every 24 hours; the others run when a resource of `scope` changes. */
  readonly scope?: config.ResourceType[];
}

const ids = config.ManagedRuleIdentifiers;
const IAM = config.ResourceType;

export const IAM_CONFIG_RULE_TABLE: IamConfigRuleSpec[] = [
  { rule: IamConfigRule.IAM_PASSWORD_POLICY, identifier: ids.IAM_PASSWORD_POLICY, constructId: 'PasswordPolicy' },
  {
    rule: IamConfigRule.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS,
    identifier: ids.MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS,
    constructId: 'ConsoleMfa',
  },
  { rule: IamConfigRule.IAM_USER_MFA_ENABLED, identifier: ids.IAM_USER_MFA_ENABLED, constructId: 'UserMfa' },
  { rule: IamConfigRule.ROOT_ACCOUNT_MFA_ENABLED, identifier: ids.ROOT_ACCOUNT_MFA_ENABLED, constructId: 'RootMfa' },
  {
    rule: IamConfigRule.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED,
    identifier: ids.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED,
    constructId: 'RootHardwareMfa',
  },
  {
    rule: IamConfigRule.IAM_ROOT_ACCESS_KEY_CHECK,
    identifier: ids.IAM_ROOT_ACCESS_KEY_CHECK,
    constructId: 'RootAccessKey',
  },
  { rule: IamConfigRule.ACCESS_KEYS_ROTATED, identifier: ids.ACCESS_KEYS_ROTATED, constructId: 'AccessKeysRotated' },
  {
    rule: IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK,
    identifier: ids.IAM_USER_UNUSED_CREDENTIALS_CHECK,
    constructId: 'UnusedCredentials',
  },
  {
    rule: IamConfigRule.IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS,
    identifier: ids.IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS,
    constructId: 'NoAdminPolicies',
    scope: [IAM.IAM_POLICY],
  },
  {
    rule: IamConfigRule.IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS,
    identifier: ids.IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS,
    constructId: 'NoFullAccessPolicies',
    scope: [IAM.IAM_POLICY],
  },
  {
    rule: IamConfigRule.IAM_NO_INLINE_POLICY_CHECK,
    identifier: ids.IAM_NO_INLINE_POLICY_CHECK,
    constructId: 'NoInlinePolicies',
    scope: [IAM.IAM_USER, IAM.IAM_GROUP, IAM.IAM_ROLE],
  },
  {
    rule: IamConfigRule.IAM_USER_NO_POLICIES_CHECK,
    identifier: ids.IAM_USER_NO_POLICIES_CHECK,
    constructId: 'UserNoPolicies',
    scope: [IAM.IAM_USER],
  },
  {
    rule: IamConfigRule.IAM_USER_GROUP_MEMBERSHIP_CHECK,
    identifier: ids.IAM_USER_GROUP_MEMBERSHIP_CHECK,
    constructId: 'UserGroupMembership',
    scope: [IAM.IAM_USER],
  },
  {
    rule: IamConfigRule.MULTI_REGION_CLOUD_TRAIL_ENABLED,
    identifier: ids.CLOUDTRAIL_MULTI_REGION_ENABLED,
    constructId: 'MultiRegionTrail',
  },
  {
    rule: IamConfigRule.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED,
    identifier: ids.CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED,
    constructId: 'TrailLogFileValidation',
  },
  {
    rule: IamConfigRule.CLOUD_TRAIL_ENCRYPTION_ENABLED,
    identifier: ids.CLOUD_TRAIL_ENCRYPTION_ENABLED,
    constructId: 'TrailEncryption',
  },
  {
    rule: IamConfigRule.CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED,
    identifier: ids.CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED,
    constructId: 'TrailCloudWatchLogs',
  },
];

/** The input parameters of the rules that take some, from the settings given. */
export function iamConfigRuleParameters(policy: ResolvedPasswordPolicy, maxAccessKeyAge: number,
  maxCredentialUsageAge: number): Partial<Record<IamConfigRule, Record<string, string>>> {
  return {
    [IamConfigRule.IAM_PASSWORD_POLICY]: {
      RequireUppercaseCharacters: String(policy.requireUppercaseCharacters),
      RequireLowercaseCharacters: String(policy.requireLowercaseCharacters),
      RequireSymbols: String(policy.requireSymbols),
      RequireNumbers: String(policy.requireNumbers),
      MinimumPasswordLength: String(policy.minimumPasswordLength),
      PasswordReusePrevention: String(policy.passwordReusePrevention),
      MaxPasswordAge: String(policy.maxPasswordAge),
    },
    [IamConfigRule.ACCESS_KEYS_ROTATED]: { maxAccessKeyAge: String(maxAccessKeyAge) },
    [IamConfigRule.IAM_USER_UNUSED_CREDENTIALS_CHECK]: {
      maxCredentialUsageAge: String(maxCredentialUsageAge),
    },
  };
}
