import { Annotations, ArnFormat, Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { AuditTrailProps } from './audit-trail-props';
import { trailKeyPolicyStatements } from './key-policy';
import { createAccessLogsBucket, createLogBucket } from './log-buckets';
import { validateAuditTrailProps } from './validate-props';

/**
 * The evidence: a multi-Region CloudTrail trail that records every management event
 * (read and write, global services included, log file validation on), encrypted with a
 * customer managed KMS key, delivered to a hardened S3 bucket and to a CloudWatch Logs
 * log group for detections.
 *
 * Buckets, log group and key are retained when the stack is deleted unless
 * `removalPolicy` says otherwise.
 *
 * Costs: the first copy of management events in each account is free; the key costs
 * $1 a month; S3 and CloudWatch Logs charge for what the trail writes (CloudWatch Logs
 * ingestion about $0.50 per GB). Insights and data events cost extra (see their props).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
 */
export class AuditTrail extends Construct {
  /** The CloudTrail trail. */
  public readonly trail: cloudtrail.Trail;

  /** ARN of the trail. */
  public readonly trailArn: string;

  /** The log group the trail delivers to; point detections at it. */
  public readonly logGroup: logs.ILogGroup;

  /** The bucket that receives the log and digest files. */
  public readonly bucket: s3.IBucket;

  /**
   * The bucket that receives the log bucket's server access logs.
   *
   * Undefined when `bucket` was passed in: its logging is then yours to configure.
   */
  public readonly accessLogsBucket?: s3.IBucket;

  /** The KMS key that encrypts the log files, the bucket and the log group. */
  public readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: AuditTrailProps = {}) {
    super(scope, id);
    const lifecycle = validateAuditTrailProps(this, props);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const bucketOptions = { removalPolicy, autoDeleteObjects: props.autoDeleteObjects ?? false };

    // Server access logs are granted by bucket policy, never by ACL, whatever the app's flags.
    this.node.setContext(cxapi.S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);

    // Fixed names let the key and bucket policies name the trail and log group without a
    // reference cycle (the trail needs the key; the key policy names the trail).
    const trailName = props.trailName ?? Names.uniqueResourceName(this, { maxLength: 128 });
    this.trailArn = stack.formatArn({ service: 'cloudtrail', resource: 'trail', resourceName: trailName });
    const logGroupName = `/aws/cloudtrail/${trailName}`;

    this.key = props.encryptionKey ?? new kms.Key(this, 'Key', {
      description: `Encrypts the CloudTrail logs of trail ${trailName}`,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(30),
    });
    const createdLogGroupArn = props.logGroup ? undefined : stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.grantKeyToServices(trailKeyPolicyStatements(stack, {
      trailArn: this.trailArn,
      logGroupArn: createdLogGroupArn,
    }));

    if (props.bucket) {
      this.bucket = props.bucket;
    } else {
      this.accessLogsBucket = props.accessLogsBucket
        ?? createAccessLogsBucket(this, lifecycle, bucketOptions);
      const bucket = createLogBucket(this, props, {
        key: this.key,
        accessLogsBucket: this.accessLogsBucket,
        lifecycle,
        options: bucketOptions,
      });
      this.denyOtherTrails(bucket);
      this.bucket = bucket;
    }

    this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
      logGroupName,
      encryptionKey: this.key,
      retention: lifecycle.logRetention,
      removalPolicy,
    });

    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket: this.bucket,
      encryptionKey: this.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      snsTopic: props.snsTopic,
      isOrganizationTrail: props.organizationTrail ?? false,
      orgId: props.organizationTrail ? props.organizationId : undefined,
      insightTypes: props.insights
        ? props.insightTypes ?? [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE]
        : undefined,
    });
    this.deliverToLogGroup(this.trail);

    if (props.s3DataEvents) {
      this.trail.logAllS3DataEvents();
    }
    if (props.lambdaDataEvents) {
      this.trail.logAllLambdaDataEvents();
    }
    if (props.bucket && !props.bucket.policy) {
      Annotations.of(this).addWarningV2('cdk-iam-guardrails:AuditTrailImportedBucket',
        'The bucket is imported, so its bucket policy cannot be changed here. It must let ' +
        `cloudtrail.amazonaws.com call s3:GetBucketAcl and s3:PutObject for ${this.trailArn}; see ` +
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html');
    }
  }

  // The role CloudTrail assumes to write to the log group. A managed policy rather than the
  // Trail construct's inline one, so NIST 800-53 IAMNoInlinePolicy holds.
  private deliverToLogGroup(trail: cloudtrail.Trail) {
    const role = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: `Lets CloudTrail deliver trail ${this.trailArn} to its log group`,
    });
    const policy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'Lets CloudTrail create log streams and put log events in its log group',
      roles: [role],
      statements: [new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      })],
    });
    const cfnTrail = trail.node.defaultChild as cloudtrail.CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = this.logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = role.roleArn;
    cfnTrail.node.addDependency(policy);
  }

  private grantKeyToServices(statements: iam.PolicyStatement[]) {
    const added = statements.map((s) => this.key.addToResourcePolicy(s).statementAdded);
    if (added.some((ok) => !ok)) {
      Annotations.of(this).addWarningV2('cdk-iam-guardrails:AuditTrailImportedKey',
        'The encryption key is imported, so its key policy cannot be changed here. It must ' +
        'let cloudtrail.amazonaws.com use kms:GenerateDataKey* and kms:DescribeKey for ' +
        `${this.trailArn}, and let CloudWatch Logs use it for the trail's log group; see ` +
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html');
    }
  }

  // Only this trail may write to the bucket: CloudTrail names the writing trail in
  // aws:SourceArn, so another trail (even in this account) cannot fill or probe it.
  private denyOtherTrails(bucket: s3.Bucket) {
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'DenyOtherTrails',
      effect: iam.Effect.DENY,
      principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
      actions: ['s3:PutObject', 's3:GetBucketAcl'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: { StringNotEquals: { 'aws:SourceArn': this.trailArn } },
    }));
  }
}
