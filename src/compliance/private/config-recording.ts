/**
 * The AWS Config recorder, delivery channel and delivery bucket of `IamConfigRules`.
 * Internal: not exported from the package.
 */
import {
  Annotations, Aws, RemovalPolicy, Stack, Validations, aws_config as config, aws_iam as iam,
  aws_kms as kms, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../../private/compliance-packs';

export interface ConfigRecordingProps {
  readonly recordGlobalResources: boolean;
  readonly createServiceLinkedRole: boolean;
  readonly deliveryBucket?: s3.IBucket;
  readonly deliveryKey?: kms.IKey;
  readonly removalPolicy: RemovalPolicy;
}

export class ConfigRecording extends Construct {
  public readonly recorder: config.CfnConfigurationRecorder;
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  public readonly bucket: s3.IBucket;
  public readonly key?: kms.IKey;
  public readonly accessLogBucket?: s3.Bucket;

  constructor(scope: Construct, id: string, props: ConfigRecordingProps) {
    super(scope, id);

    if (props.deliveryBucket) {
      this.bucket = props.deliveryBucket;
      this.key = props.deliveryKey;
    } else {
      this.key = new kms.Key(this, 'DeliveryKey', {
        description: 'Encrypts AWS Config configuration history and snapshots',
        enableKeyRotation: true,
        removalPolicy: props.removalPolicy,
      });
      this.accessLogBucket = this.createAccessLogBucket(props.removalPolicy);
      this.bucket = new s3.Bucket(this, 'DeliveryBucket', {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        enforceSSL: true,
        versioned: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        serverAccessLogsBucket: this.accessLogBucket,
        serverAccessLogsPrefix: 'config-delivery/',
        removalPolicy: props.removalPolicy,
      });
      acknowledgeInCompliancePacks(this.bucket, 'S3BucketReplicationEnabled',
        'AWS Config can rebuild configuration history from the recorder; the bucket is ' +
          'versioned and retained, and cross-Region replication is left to the account owner.');
    }
    this.grantConfigDelivery();

    const role = props.createServiceLinkedRole
      ? new iam.CfnServiceLinkedRole(this, 'ServiceLinkedRole', { awsServiceName: 'config.amazonaws.com' })
      : undefined;

    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: Stack.of(this).formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: 'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      }),
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.recordGlobalResources,
      },
    });
    if (role) this.recorder.node.addDependency(role);

    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: this.bucket.bucketName,
      s3KmsKeyArn: this.key?.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // AWS Config refuses a delivery channel before a recorder exists.
    this.deliveryChannel.node.addDependency(this.recorder);
    if (this.bucket.policy) this.deliveryChannel.node.addDependency(this.bucket.policy);
  }

  private createAccessLogBucket(removalPolicy: RemovalPolicy): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogBucket', {
      // S3 server access logs can only be delivered to SSE-S3 encrypted buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      removalPolicy,
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the delivery bucket\'s access logs; logging its own access would loop.',
    });
    const acknowledgements: Array<[string, string]> = [
      ['S3BucketLoggingEnabled', 'This bucket is the access log target of the AWS Config '
        + 'delivery bucket; logging its own access would loop.'],
      ['S3DefaultEncryptionKMS', 'S3 server access logging delivers only to buckets encrypted '
        + 'with SSE-S3, not SSE-KMS.'],
      ['S3BucketReplicationEnabled', 'Access logs of the AWS Config bucket are versioned and '
        + 'retained in place; replication is left to the account owner.'],
    ];
    for (const [rule, reason] of acknowledgements) acknowledgeInCompliancePacks(bucket, rule, reason);
    return bucket;
  }

  private grantConfigDelivery(): void {
    const principal = new iam.ServicePrincipal('config.amazonaws.com');
    const sourceAccount = { StringEquals: { 'AWS:SourceAccount': Aws.ACCOUNT_ID } };
    const results = [
      this.bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AWSConfigBucketPermissionsCheck',
        principals: [principal],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: sourceAccount,
      })),
      this.bucket.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`AWSLogs/${Aws.ACCOUNT_ID}/Config/*`)],
        conditions: {
          StringEquals: {
            's3:x-amz-acl': 'bucket-owner-full-control',
            'AWS:SourceAccount': Aws.ACCOUNT_ID,
          },
        },
      })),
    ];
    if (results.some(r => !r.statementAdded)) {
      Annotations.of(this).addWarningV2('cdk-iam-guardrails:ConfigBucketPolicyNotAdded',
        'The AWS Config delivery bucket was imported, so its bucket policy cannot be changed ' +
        'here: allow config.amazonaws.com s3:GetBucketAcl, s3:ListBucket and s3:PutObject on ' +
        'AWSLogs/<account>/Config/* in the bucket policy yourself.');
    }
    this.key?.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigDeliveryEncryption',
      principals: [principal],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: sourceAccount,
    }), true);
  }
}
