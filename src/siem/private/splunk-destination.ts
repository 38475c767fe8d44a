import {
  Stack, aws_iam as iam, aws_kinesisfirehose as firehose, aws_kms as kms, aws_logs as logs,
  aws_s3 as s3, aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Settings of the Splunk destination. */
export interface SplunkDestinationOptions {
  readonly hecEndpoint: string;
  readonly hecEndpointType: string;
  readonly hecToken: secretsmanager.ISecret;
  readonly backupBucket: s3.IBucket;
  readonly encryptionKey: kms.IKey;
  readonly errorLogGroup: logs.ILogGroup;
}

/**
 * A Splunk destination for the aws-kinesisfirehose `DeliveryStream`.
 *
 * aws-cdk-lib 2.276 has L2 destinations for S3 and HTTP endpoints but not for Splunk, and its
 * `DestinationConfig` type names only those two; the delivery stream spreads whatever the
 * destination returns into the `AWS::KinesisFirehose::DeliveryStream` properties, so the
 * Splunk configuration is returned under its CloudFormation property name.
 */
export class SplunkDestination implements firehose.IDestination {
  constructor(private readonly options: SplunkDestinationOptions) {}

  public bind(
    scope: Construct, _options: firehose.DestinationBindOptions,
  ): firehose.DestinationConfig {
    const o = this.options;
    const stack = Stack.of(scope);
    const role = new iam.Role(scope, 'Splunk Destination Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'firehose', resource: 'deliverystream', resourceName: '*',
            }),
          },
        },
      }),
    });
    const grants = [
      o.backupBucket.grantReadWrite(role),
      o.encryptionKey.grantEncryptDecrypt(role),
      o.errorLogGroup.grantWrite(role),
      o.hecToken.grantRead(role),
    ];
    const logging = (stream: string) => ({
      enabled: true,
      logGroupName: o.errorLogGroup.logGroupName,
      logStreamName: o.errorLogGroup.addStream(stream).logStreamName,
    });
    type SplunkConfiguration = firehose.CfnDeliveryStream.SplunkDestinationConfigurationProperty;
    const splunkDestinationConfiguration: SplunkConfiguration = {
      hecEndpoint: o.hecEndpoint,
      hecEndpointType: o.hecEndpointType,
      secretsManagerConfiguration: {
        enabled: true, secretArn: o.hecToken.secretArn, roleArn: role.roleArn,
      },
      hecAcknowledgmentTimeoutInSeconds: 300,
      retryOptions: { durationInSeconds: 7200 },
      s3BackupMode: 'FailedEventsOnly',
      s3Configuration: {
        bucketArn: o.backupBucket.bucketArn,
        roleArn: role.roleArn,
        compressionFormat: 'GZIP',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: o.encryptionKey.keyArn } },
        cloudWatchLoggingOptions: logging('S3Backup'),
      },
      cloudWatchLoggingOptions: logging('SplunkDestination'),
      processingConfiguration: {
        enabled: true,
        processors: [
          {
            type: 'Decompression',
            parameters: [{ parameterName: 'CompressionFormat', parameterValue: 'GZIP' }],
          },
          {
            type: 'CloudWatchLogProcessing',
            parameters: [{ parameterName: 'DataMessageExtraction', parameterValue: 'true' }],
          },
        ],
      },
    };
    return {
      ...({ splunkDestinationConfiguration } as firehose.DestinationConfig),
      dependables: grants,
    };
  }
}
