// Internal: the buckets an AuditTrail creates. Not exported from the barrel.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AuditTrailObjectLockMode, AuditTrailProps } from './audit-trail-props';
import { ResolvedLifecycle } from './validate-props';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';

/** What both buckets share. */
interface CommonBucketOptions {
  readonly removalPolicy: RemovalPolicy;
  readonly autoDeleteObjects: boolean;
}

function secureBucketProps(options: CommonBucketOptions): s3.BucketProps {
  return {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    removalPolicy: options.removalPolicy,
    autoDeleteObjects: options.autoDeleteObjects,
  };
}

/**
 * The bucket that receives the log bucket's server access logs.
 *
 * It is encrypted with SSE-S3: S3 writes access logs as its logging service, and SSE-S3
 * needs no key policy for it. The bucket logs nothing itself (logging to itself would loop).
 */
export function createAccessLogsBucket(
  scope: Construct,
  lifecycle: ResolvedLifecycle,
  options: CommonBucketOptions,
): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogsBucket', {
    ...secureBucketProps(options),
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{
      id: 'ExpireAccessLogs',
      expiration: Duration.days(lifecycle.accessLogsExpireAfterDays),
      noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpireAfterDays),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    }],
  });
  acknowledgeInCompliancePacks(bucket, 'S3DefaultEncryptionKMS',
    'Receives the S3 server access logs of the trail bucket; SSE-S3 lets the S3 ' +
      'logging service write them without a key policy grant. The trail logs themselves ' +
      'are SSE-KMS in the trail bucket.');
  acknowledgeInCompliancePacks(bucket, 'S3BucketLoggingEnabled',
    'This is the server access log destination; logging it into itself would loop.');
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This is the server access log destination; logging it into itself would loop.',
  });
  acknowledgeInCompliancePacks(bucket, 'S3BucketReplicationEnabled',
    'Holds request logs about the trail bucket, not the audit evidence itself; ' +
      'a copy in another Region belongs to the trail bucket.');
  return bucket;
}

function objectLockRetention(props: AuditTrailProps, days: number): s3.ObjectLockRetention | undefined {
  switch (props.objectLockMode) {
    case AuditTrailObjectLockMode.GOVERNANCE:
      return s3.ObjectLockRetention.governance(Duration.days(days));
    case AuditTrailObjectLockMode.COMPLIANCE:
      return s3.ObjectLockRetention.compliance(Duration.days(days));
    default:
      return undefined;
  }
}

/** The bucket that receives the trail's log and digest files. */
export function createLogBucket(scope: Construct, props: AuditTrailProps, input: {
  readonly key: kms.IKey;
  readonly accessLogsBucket: s3.IBucket;
  readonly lifecycle: ResolvedLifecycle;
  readonly options: CommonBucketOptions;
}): s3.Bucket {
  const { lifecycle } = input;
  const lockRetention = objectLockRetention(props, lifecycle.objectLockRetentionDays);

  const bucket = new s3.Bucket(scope, 'Bucket', {
    ...secureBucketProps(input.options),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: input.key,
    bucketKeyEnabled: true,
    serverAccessLogsBucket: input.accessLogsBucket,
    serverAccessLogsPrefix: 'trail-bucket/',
    objectLockEnabled: lockRetention !== undefined ? true : undefined,
    objectLockDefaultRetention: lockRetention,
    lifecycleRules: [{
      id: 'TransitionAndExpireLogFiles',
      transitions: [{
        storageClass: props.transitionStorageClass ?? s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
        transitionAfter: Duration.days(lifecycle.transitionAfterDays),
      }],
      expiration: Duration.days(lifecycle.expireAfterDays),
      noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpireAfterDays),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    }],
  });
  acknowledgeInCompliancePacks(bucket, 'S3BucketReplicationEnabled',
    'The trail log files are protected in place by versioning, CloudTrail digest ' +
      'files, retention on stack deletion and optional Object Lock; a replica needs a second ' +
      'bucket in another Region, which one stack cannot create. Add a replication rule to ' +
      'trail.bucket if your recovery plan needs one.');
  return bucket;
}
