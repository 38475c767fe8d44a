import {
  aws_kinesisfirehose as firehose, aws_kms as kms, aws_logs as logs, aws_s3 as s3,
} from 'aws-cdk-lib';

/** What a `SiemDestination` is given to bind to a delivery stream. */
export interface SiemDestinationBindOptions {
  /** The key that encrypts everything the forwarding stores. */
  readonly encryptionKey: kms.IKey;
  /** The log group that receives Firehose delivery errors. */
  readonly errorLogGroup: logs.ILogGroup;
  /** Creates an encrypted, retained bucket in the forwarding construct. */
  readonly createBucket: (id: string) => s3.IBucket;
}

/** The Firehose destination a `SiemDestination` produced. */
export interface SiemDestinationConfig {
  /** The destination. */
  readonly destination: firehose.IDestination;
  /** The bucket that holds the records, or the failed ones. */
  readonly bucket: s3.IBucket;
}
