// Internal: the KMS key policy statements an audit trail needs. Not exported from the barrel.
import { Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** What the key policy statements are scoped to. */
export interface TrailKeyPolicyScope {
  /** ARN of the trail that encrypts with the key. */
  readonly trailArn: string;
  /** ARN of the log group encrypted with the key, when the construct created it. */
  readonly logGroupArn?: string;
}

/**
 * Statements that let CloudTrail encrypt log and digest files, let the account's principals
 * decrypt them, and let CloudWatch Logs use the key for the trail's log group.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export function trailKeyPolicyStatements(stack: Stack, scope: TrailKeyPolicyScope): iam.PolicyStatement[] {
  const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  // Any trail of this account, in any Region: the encryption context CloudTrail sends.
  const accountTrails = stack.formatArn({
    service: 'cloudtrail',
    region: '*',
    resource: 'trail',
    resourceName: '*',
  });

  const statements = [
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToEncryptLogs',
      principals: [cloudtrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': scope.trailArn },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': accountTrails },
      },
    }),
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailToDescribeKey',
      principals: [cloudtrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': scope.trailArn } },
    }),
    // Readers still need IAM permissions; the key only admits this account's principals,
    // and only for CloudTrail-encrypted data.
    new iam.PolicyStatement({
      sid: 'AllowAccountPrincipalsToDecryptLogs',
      principals: [new iam.AccountRootPrincipal()],
      actions: ['kms:Decrypt', 'kms:ReEncryptFrom'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:CallerAccount': stack.account },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': accountTrails },
      },
    }),
  ];

  if (scope.logGroupArn) {
    statements.push(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsForTrailLogGroup',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      resources: ['*'],
      conditions: {
        ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': scope.logGroupArn },
      },
    }));
  }
  return statements;
}
