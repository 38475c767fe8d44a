import {
  Duration, RemovalPolicy, Stack, Validations, aws_iam as iam,
  aws_kinesisfirehose as firehose, aws_kms as kms, aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import { SiemDestination } from './siem-destination';
import { SiemRecordFilter } from './siem-record-filter';
import { acknowledgeInCompliancePacks } from '../private/compliance-packs';
import { wildcardResourceFinding } from '../private/nag-finding';

/** Properties of `SiemForwarding`. */
export interface SiemForwardingProps {
  /** The log group to forward: the trail's (`AuditTrail.logGroup`). */
  readonly logGroup: logs.ILogGroup;

  /** Where the records go. */
  readonly destination: SiemDestination;

  /**
   * Which records go.
   *
   * @default SiemRecordFilter.allRecords()
   */
  readonly recordFilter?: SiemRecordFilter;

  /**
   * The key that encrypts the delivery stream, the buckets and the error log group.
   *
   * @default - a key with rotation on, kept when the stack is deleted ($1 a month)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * The bucket that receives S3 server access logs of the buckets this construct creates.
   *
   * @default - a bucket is created
   */
  readonly accessLogsBucket?: s3.IBucket;

  /**
   * What happens to the buckets, the key and the error log group when the stack is deleted.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Forwards the trail's records from CloudWatch Logs to a SIEM: a subscription filter on the
 * log group feeds an encrypted Kinesis Data Firehose delivery stream that delivers to S3,
 * Splunk or an HTTPS endpoint. Failed deliveries are kept in S3, never dropped.
 *
 * CloudWatch Logs allows two subscription filters per log group; this construct uses one.
 *
 * Cost: Firehose ingestion is billed per GB ($0.029 per GB in us-east-1 for the first
 * 500 TB a month, each record rounded up to 5 KB), plus the customer-managed key ($1 a month
 * and requests), S3 storage, and data transfer to an endpoint outside AWS.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample
 */
export class SiemForwarding extends Construct {
  /** The delivery stream. */
  public readonly deliveryStream: firehose.DeliveryStream;

  /** The subscription filter on the log group. */
  public readonly subscriptionFilter: logs.SubscriptionFilter;

  /** The bucket that holds the records (S3) or the failed deliveries (Splunk, HTTPS). */
  public readonly bucket: s3.IBucket;

  /** The key that encrypts the stream, the buckets and the error log group. */
  public readonly encryptionKey: kms.IKey;

  /** The log group that receives Firehose delivery errors. */
  public readonly errorLogGroup: logs.LogGroup;

  /** The subscription filter pattern in use (empty: every record). */
  public readonly filterPattern: string;

  private readonly removalPolicy: RemovalPolicy;
  private accessLogsBucket?: s3.IBucket;

  constructor(scope: Construct, id: string, props: SiemForwardingProps) {
    super(scope, id);
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.accessLogsBucket = props.accessLogsBucket;
    const stack = Stack.of(this);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: 'Encrypts the SIEM forwarding stream, buckets and error logs',
      enableKeyRotation: true,
      removalPolicy: this.removalPolicy,
    });
    this.encryptionKey.grantEncryptDecrypt(
      new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));

    this.errorLogGroup = new logs.LogGroup(this, 'DeliveryErrors', {
      encryptionKey: this.encryptionKey,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: this.removalPolicy,
    });

    const bound = props.destination._bind(this, {
      encryptionKey: this.encryptionKey,
      errorLogGroup: this.errorLogGroup,
      createBucket: (bucketId) => this.createBucket(bucketId),
    });
    this.bucket = bound.bucket;

    this.deliveryStream = new firehose.DeliveryStream(this, 'Stream', {
      destination: bound.destination,
      encryption: firehose.StreamEncryption.customerManagedKey(this.encryptionKey),
    });

    this.acknowledgeStreamFindings();

    const recordFilter = props.recordFilter ?? SiemRecordFilter.allRecords();
    this.filterPattern = recordFilter.filterPattern;
    this.subscriptionFilter = new logs.SubscriptionFilter(this, 'Subscription', {
      logGroup: props.logGroup,
      destination: new destinations.FirehoseDestination(this.deliveryStream),
      filterPattern: logs.FilterPattern.literal(recordFilter.filterPattern),
    });
    acknowledgeInCompliancePacks(this.subscriptionFilter, 'IAMNoInlinePolicy',
      'The CloudWatch Logs role holds only firehose:PutRecord(Batch) on this stream, '
        + 'written inline by aws-logs-destinations.');
  }

  /**
   * The aws-kinesisfirehose delivery roles get their grants as inline policies with the
   * standard S3 and KMS action groups (`s3:GetObject*`, `kms:GenerateDataKey*`), on this
   * stream's own bucket and key only: each role's policy is acknowledged for exactly that.
   */
  private acknowledgeStreamFindings(): void {
    const actions = ['kms:ReEncrypt*', 'kms:GenerateDataKey*', 's3:GetObject*', 's3:GetBucket*',
      's3:List*', 's3:DeleteObject*', 's3:Abort*'];
    const findings = actions.map((action) => `AwsSolutions-IAM5[Action::${action}]`);
    findings.push(wildcardResourceFinding(this, this.bucket.arnForObjects('*')));
    const reason = 'Firehose grants from aws-kinesisfirehose: standard S3 and KMS action groups '
      + 'on the delivery bucket and the forwarding key only.';
    const policies = this.deliveryStream.node.findAll().filter((c) => c instanceof iam.Policy);
    for (const policy of policies) {
      for (const id of findings) Validations.of(policy).acknowledge({ id, reason });
      acknowledgeInCompliancePacks(policy, 'IAMNoInlinePolicy',
        'aws-kinesisfirehose writes this delivery role\'s grants inline; they name only this '
          + 'stream\'s bucket, key, log group and secret.');
    }
  }

  private createBucket(id: string): s3.IBucket {
    const bucket = new s3.Bucket(this, id, {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      removalPolicy: this.removalPolicy,
      serverAccessLogsBucket: this.logsBucket(),
      serverAccessLogsPrefix: `${id}/`,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    acknowledgeInCompliancePacks(bucket, 'S3BucketReplicationEnabled',
      'SIEM copies are a second copy of the trail, whose own bucket holds the evidence; '
        + 'replicate it with your backup plan if you need a third.');
    return bucket;
  }

  private logsBucket(): s3.IBucket {
    if (!this.accessLogsBucket) {
      const bucket = new s3.Bucket(this, 'AccessLogs', {
        // Server access log delivery supports only S3-managed keys.
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
        removalPolicy: this.removalPolicy,
      });
      Validations.of(bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'This bucket receives the server access logs; logging it would loop.',
      });
      const acknowledgements: Array<[string, string]> = [
        ['S3BucketLoggingEnabled', 'This bucket receives the server access logs; logging it would loop.'],
        ['S3DefaultEncryptionKMS', 'S3 server access log delivery supports only S3-managed encryption.'],
        ['S3BucketReplicationEnabled', 'Access logs of the SIEM buckets; the trail bucket keeps the evidence.'],
      ];
      for (const [rule, reason] of acknowledgements) acknowledgeInCompliancePacks(bucket, rule, reason);
      this.accessLogsBucket = bucket;
    }
    return this.accessLogsBucket;
  }
}
