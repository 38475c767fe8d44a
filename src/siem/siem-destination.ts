import {
  Duration, Token, aws_kinesisfirehose as firehose, aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SiemDestinationBindOptions, SiemDestinationConfig } from './private/bind-options';
import { SplunkDestination } from './private/splunk-destination';

/** Options of an S3 SIEM destination. */
export interface S3SiemDestinationOptions {
  /**
   * The bucket that receives the records.
   *
   * @default - an encrypted, versioned bucket that is kept when the stack is deleted
   */
  readonly bucket?: s3.IBucket;

  /**
   * Key prefix of the delivered objects.
   *
   * @default 'cloudtrail/'
   */
  readonly prefix?: string;
}

/** The type of a Splunk HTTP Event Collector endpoint. */
export enum SplunkEndpointType {
  /** The raw endpoint: one event per record. */
  RAW = 'Raw',
  /** The event endpoint: records wrapped as HEC events. */
  EVENT = 'Event',
}

/** Options of a Splunk SIEM destination. */
export interface SplunkSiemDestinationOptions {
  /** The HTTP Event Collector URL (`https://...`). */
  readonly hecEndpoint: string;

  /**
   * The secret holding the HEC token, as a JSON object `{"hec_token": "<token>"}`.
   *
   * @see https://docs.aws.amazon.com/firehose/latest/dev/using-secrets-manager.html
   */
  readonly hecToken: secretsmanager.ISecret;

  /**
   * The HEC endpoint type.
   *
   * @default SplunkEndpointType.RAW
   */
  readonly endpointType?: SplunkEndpointType;
}

/** Options of a generic HTTPS SIEM destination. */
export interface HttpSiemDestinationOptions {
  /** The endpoint URL (`https://...`). */
  readonly url: string;

  /**
   * The secret holding the endpoint's access key, as a JSON object `{"api_key": "<key>"}`.
   *
   * @see https://docs.aws.amazon.com/firehose/latest/dev/using-secrets-manager.html
   */
  readonly accessKey: secretsmanager.ISecret;

  /**
   * A name for the endpoint.
   *
   * @default - none
   */
  readonly name?: string;
}

function checkHttps(scope: Construct, prop: string, url: string): void {
  if (!Token.isUnresolved(url) && !/^https:\/\/[^\s/]+/.test(url)) {
    throw new Error(`${scope.node.path}: ${prop} ${JSON.stringify(url)} is not an https:// URL; `
      + 'Firehose delivers only over HTTPS');
  }
}

/**
 * Where `SiemForwarding` delivers the trail's records. Failed deliveries are never dropped:
 * they are kept in S3.
 */
export abstract class SiemDestination {
  /** An S3 bucket (the SIEM reads from it); failed deliveries land under `errors/`. */
  public static s3(options: S3SiemDestinationOptions = {}): SiemDestination {
    return new S3Siem(options);
  }

  /** Splunk through its HTTP Event Collector; failed events are kept in an S3 bucket. */
  public static splunk(options: SplunkSiemDestinationOptions): SiemDestination {
    return new SplunkSiem(options);
  }

  /** A generic HTTPS endpoint; failed records are kept in an S3 bucket. */
  public static httpEndpoint(options: HttpSiemDestinationOptions): SiemDestination {
    return new HttpSiem(options);
  }

  /**
   * Builds the Firehose destination in `scope`.
   *
   * @internal
   */
  public abstract _bind(scope: Construct, options: SiemDestinationBindOptions): SiemDestinationConfig;
}

const PROCESSORS = [
  new firehose.DecompressionProcessor(),
  new firehose.CloudWatchLogProcessor({ dataMessageExtraction: true }),
];

class S3Siem extends SiemDestination {
  constructor(private readonly options: S3SiemDestinationOptions) {
    super();
  }

  public _bind(_scope: Construct, options: SiemDestinationBindOptions): SiemDestinationConfig {
    const bucket = this.options.bucket ?? options.createBucket('Bucket');
    const destination = new firehose.S3Bucket(bucket, {
      dataOutputPrefix: this.options.prefix ?? 'cloudtrail/',
      errorOutputPrefix: 'errors/!{firehose:error-output-type}/',
      bufferingInterval: Duration.minutes(5),
      compression: firehose.Compression.GZIP,
      encryptionKey: options.encryptionKey,
      loggingConfig: new firehose.EnableLogging(options.errorLogGroup),
      processors: PROCESSORS,
    });
    return { destination, bucket };
  }
}

class HttpSiem extends SiemDestination {
  constructor(private readonly options: HttpSiemDestinationOptions) {
    super();
  }

  public _bind(scope: Construct, options: SiemDestinationBindOptions): SiemDestinationConfig {
    checkHttps(scope, 'url', this.options.url);
    const bucket = options.createBucket('FailedDeliveries');
    const destination = new firehose.HttpEndpoint({
      endpointConfig: {
        url: this.options.url, secret: this.options.accessKey, name: this.options.name,
      },
      backupMode: firehose.HttpBackupMode.FAILED,
      requestCompression: firehose.HttpCompression.GZIP,
      retryOptions: { duration: Duration.hours(2) },
      loggingConfig: new firehose.EnableLogging(options.errorLogGroup),
      processors: PROCESSORS,
      s3Backup: {
        bucket,
        encryptionKey: options.encryptionKey,
        compression: firehose.Compression.GZIP,
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        loggingConfig: new firehose.EnableLogging(options.errorLogGroup),
      },
    });
    return { destination, bucket };
  }
}

class SplunkSiem extends SiemDestination {
  constructor(private readonly options: SplunkSiemDestinationOptions) {
    super();
  }

  public _bind(scope: Construct, options: SiemDestinationBindOptions): SiemDestinationConfig {
    checkHttps(scope, 'hecEndpoint', this.options.hecEndpoint);
    const bucket = options.createBucket('FailedDeliveries');
    const destination = new SplunkDestination({
      hecEndpoint: this.options.hecEndpoint,
      hecEndpointType: this.options.endpointType ?? SplunkEndpointType.RAW,
      hecToken: this.options.hecToken,
      backupBucket: bucket,
      encryptionKey: options.encryptionKey,
      errorLogGroup: options.errorLogGroup,
    });
    return { destination, bucket };
  }
}
