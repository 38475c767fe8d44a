/**
 * The AWS Config managed rules `IamConfigRules` creates, named as AWS Config names them.
 *
 * @see https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html
 */
export enum IamConfigRule {
  /** The account password policy meets the settings of `passwordPolicy`. */
  IAM_PASSWORD_POLICY = 'iam-password-policy',
  /** IAM users with a console password have MFA. */
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS = 'mfa-enabled-for-iam-console-access',
  /** Every IAM user has MFA. */
  IAM_USER_MFA_ENABLED = 'iam-user-mfa-enabled',
  /** The root user has MFA. */
  ROOT_ACCOUNT_MFA_ENABLED = 'root-account-mfa-enabled',
  /** The root user has a hardware MFA device. */
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED = 'root-account-hardware-mfa-enabled',
  /** The root user has no access key. */
  IAM_ROOT_ACCESS_KEY_CHECK = 'iam-root-access-key-check',
  /** Active access keys are younger than `maxAccessKeyAge` days. */
  ACCESS_KEYS_ROTATED = 'access-keys-rotated',
  /** Passwords and access keys were used within `maxCredentialUsageAge` days. */
  IAM_USER_UNUSED_CREDENTIALS_CHECK = 'iam-user-unused-credentials-check',
  /** No customer managed policy allows `*` on `*`. */
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS = 'iam-policy-no-statements-with-admin-access',
  /** No customer managed policy allows `<service>:*`. */
  IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS = 'iam-policy-no-statements-with-full-access',
  /** No user, group or role has an inline policy. */
  IAM_NO_INLINE_POLICY_CHECK = 'iam-no-inline-policy-check',
  /** No IAM user has a policy attached directly. */
  IAM_USER_NO_POLICIES_CHECK = 'iam-user-no-policies-check',
  /** Every IAM user belongs to at least one group. */
  IAM_USER_GROUP_MEMBERSHIP_CHECK = 'iam-user-group-membership-check',
  /** At least one multi-Region trail records management events. */
  MULTI_REGION_CLOUD_TRAIL_ENABLED = 'multi-region-cloudtrail-enabled',
  /** Trails validate their log files. */
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED = 'cloud-trail-log-file-validation-enabled',
  /** Trails encrypt their logs with AWS KMS. */
  CLOUD_TRAIL_ENCRYPTION_ENABLED = 'cloud-trail-encryption-enabled',
  /** Trails deliver to CloudWatch Logs. */
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED = 'cloud-trail-cloud-watch-logs-enabled',
}

/** Whether `IamConfigRules` creates the AWS Config recorder and delivery channel. */
export enum ConfigRecorderMode {
  /**
   * Create the configuration recorder and delivery channel.
   *
   * AWS Config allows one recorder per account and Region: choose this only where none
   * exists yet (`aws configservice describe-configuration-recorders` lists none).
   */
  CREATE = 'CREATE',
  /**
   * Use the recorder and delivery channel already in the account and Region (for example
   * one set up by AWS Control Tower or an organization baseline). Only the rules are created.
   */
  USE_EXISTING = 'USE_EXISTING',
}
