import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * How S3 Object Lock protects the log files.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
 */
export enum AuditTrailObjectLockMode {
  /**
   * Principals with `s3:BypassGovernanceRetention` can still delete or shorten the lock.
   */
  GOVERNANCE = 'GOVERNANCE',

  /**
   * Nobody, the root user included, can delete a locked version before its retention ends.
   */
  COMPLIANCE = 'COMPLIANCE',
}

/**
 * Properties of an `AuditTrail`. Every property is optional.
 */
export interface AuditTrailProps {
  /**
   * Name of the trail.
   *
   * The key and bucket policies name the trail ARN in their `aws:SourceArn` conditions, so
   * the trail always has a fixed name.
   *
   * @default - a name derived from the construct path
   */
  readonly trailName?: string;

  /**
   * Make this an organization trail that records every account of the AWS Organization.
   *
   * An organization trail can only be created in the organization's management account or
   * in a delegated administrator account for CloudTrail; elsewhere the deployment fails.
   * Requires `organizationId`.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
   */
  readonly organizationTrail?: boolean;

  /**
   * ID of the AWS Organization (`o-` followed by 10 to 32 lower-case letters or digits).
   *
   * Required when `organizationTrail` is true: the bucket policy lets CloudTrail write the
   * member accounts' logs under `AWSLogs/<organizationId>/`.
   *
   * @default - none; only read when `organizationTrail` is true
   */
  readonly organizationId?: string;

  /**
   * KMS key that encrypts the log files, the bucket and the log group.
   *
   * A key you pass must be in the trail's Region. When it is defined in this app its policy
   * receives the statements CloudTrail and CloudWatch Logs need; an imported key's policy
   * cannot be changed, so you must add them yourself.
   *
   * @default - a new customer managed key with yearly rotation ($1 a month plus requests)
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Bucket that receives the log files.
   *
   * A bucket you pass keeps its own encryption, lifecycle, logging and Object Lock settings;
   * setting the access-log, lifecycle or Object Lock properties with it throws. An imported
   * bucket's policy cannot be changed, so it must already allow CloudTrail to write.
   *
   * @default - a new bucket: public access blocked, TLS only, versioned, SSE-KMS with
   * `encryptionKey` and an S3 Bucket Key, server access logs on
   */
  readonly bucket?: s3.IBucket;

  /**
   * Bucket that receives the server access logs of the log bucket.
   *
   * Only used when this construct creates the log bucket.
   *
   * @default - a new bucket: public access blocked, TLS only, versioned, SSE-S3
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * Days after which log files move to `transitionStorageClass`.
   *
   * @default 90
   */
  readonly transitionAfterDays?: number;

  /**
   * Storage class log files move to after `transitionAfterDays`.
   *
   * S3 does not transition objects under 128 KiB by default, and many log files are
   * smaller; the others cost less to keep (Glacier Instant Retrieval: about $0.004 per
   * GB-month against $0.023 for S3 Standard in us-east-1).
   *
   * @default s3.StorageClass.GLACIER_INSTANT_RETRIEVAL
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
   */
  readonly transitionStorageClass?: s3.StorageClass;

  /**
   * Days after which log files expire (become noncurrent versions).
   *
   * Must be greater than `transitionAfterDays`.
   *
   * @default 2557 (seven years)
   */
  readonly expireAfterDays?: number;

  /**
   * Days a noncurrent (overwritten or expired) log file version is kept.
   *
   * @default 90
   */
  readonly noncurrentVersionExpireAfterDays?: number;

  /**
   * Days after which server access log files expire, when this construct creates the
   * access logs bucket.
   *
   * @default 365
   */
  readonly accessLogsExpireAfterDays?: number;

  /**
   * Turn on S3 Object Lock with this default retention mode.
   *
   * Set it at the first deployment: Object Lock is chosen when a bucket is created, and
   * once on it can never be turned off nor versioning suspended. Turning it on for an
   * already deployed bucket is not supported here; review the change set if you try.
   * Locked versions cannot be deleted, so `autoDeleteObjects` cannot be used with it.
   * Only for a bucket this construct creates.
   *
   * @default - no Object Lock
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
   */
  readonly objectLockMode?: AuditTrailObjectLockMode;

  /**
   * Days each log file version stays locked; only with `objectLockMode`.
   *
   * @default 365
   */
  readonly objectLockRetentionDays?: number;

  /**
   * Log group the trail delivers to.
   *
   * A log group you pass keeps its own retention and encryption.
   *
   * @default - a new log group encrypted with `encryptionKey`, retention `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * Retention of the log group this construct creates.
   *
   * Shorter than one year throws unless `acknowledgeShortRetention` is true: CIS and NIST
   * controls expect a year of searchable history. Ingestion costs about $0.50 per GB and
   * storage about $0.03 per GB-month (us-east-1).
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Accept a `logRetention` shorter than one year.
   *
   * @default false
   */
  readonly acknowledgeShortRetention?: boolean;

  /**
   * Record CloudTrail Insights events for unusual API call and error rates.
   *
   * Costs $0.35 per 100,000 management events analysed, per insight type.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-insights-events-with-cloudtrail.html
   */
  readonly insights?: boolean;

  /**
   * Which insight types to record when `insights` is true.
   *
   * @default - both `InsightType.API_CALL_RATE` and `InsightType.API_ERROR_RATE`
   */
  readonly insightTypes?: cloudtrail.InsightType[];

  /**
   * Record S3 object-level data events for every bucket.
   *
   * Costs $0.10 per 100,000 data events delivered; busy buckets produce millions a day.
   *
   * @default false
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
   */
  readonly s3DataEvents?: boolean;

  /**
   * Record Lambda invoke data events for every function.
   *
   * Costs $0.10 per 100,000 data events delivered.
   *
   * @default false
   */
  readonly lambdaDataEvents?: boolean;

  /**
   * Topic notified each time CloudTrail delivers a log file.
   *
   * CloudTrail publishes to it; an encrypted topic's key must let CloudTrail use it.
   *
   * @default - no notifications
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/configure-sns-notifications-for-cloudtrail.html
   */
  readonly snsTopic?: sns.ITopic;

  /**
   * What happens to the buckets, the log group and the key when they leave the stack.
   *
   * Only `RemovalPolicy.RETAIN` and `RemovalPolicy.DESTROY` are accepted. With `DESTROY`,
   * a bucket that still holds log files makes the stack deletion fail unless
   * `autoDeleteObjects` is true.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Empty the buckets this construct creates when they are removed (adds a Lambda-backed
   * custom resource). Only with `removalPolicy: RemovalPolicy.DESTROY`.
   *
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
}
