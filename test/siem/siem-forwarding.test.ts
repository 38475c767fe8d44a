import {
  App, RemovalPolicy, Stack, aws_kms as kms, aws_logs as logs, aws_s3 as s3,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DetectionCatalog } from '../../src/detections';
import {
  SiemDestination, SiemForwarding, SiemForwardingProps, SiemRecordFilter, SplunkEndpointType,
} from '../../src/siem';

type Build = (stack: Stack) => Partial<SiemForwardingProps>;

function render(build: Build = () => ({})) {
  const stack = new Stack(new App(), 'Siem', { env: { account: '444455556666', region: 'us-east-1' } });
  const logGroup = new logs.LogGroup(stack, 'TrailLogs');
  const forwarding = new SiemForwarding(stack, 'Siem', {
    logGroup, destination: SiemDestination.s3(), ...build(stack),
  });
  return { forwarding, template: Template.fromStack(stack) };
}

const secret = (stack: Stack) => new secretsmanager.Secret(stack, 'Token');
const splunk: Build = (stack) => ({
  destination: SiemDestination.splunk({
    hecEndpoint: 'https://splunk.example.com:8088', hecToken: secret(stack),
  }),
});
const http: Build = (stack) => ({
  destination: SiemDestination.httpEndpoint({
    url: 'https://siem.example.com/ingest', accessKey: secret(stack),
  }),
});

function stream(template: Template): any {
  return Object.values(template.findResources('AWS::KinesisFirehose::DeliveryStream'))[0];
}

describe('SiemForwarding', () => {
  test('subscribes a delivery stream to the log group', () => {
    render().template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('TrailLogs') },
      DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('SiemStream'), 'Arn'] },
      RoleArn: Match.anyValue(),
    });
  });

  test('forwards every record by default', () => {
    render().template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterPattern: '' });
  });

  test('lets CloudWatch Logs put records into the stream and nothing else', () => {
    render().template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('SiemStream'), 'Arn'] },
        }],
      },
      Roles: [{ Ref: Match.stringLikeRegexp('CloudWatchLogsCanPutRecords') }],
    });
  });

  test('encrypts the stream with a customer-managed key', () => {
    render().template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK', KeyARN: Match.anyValue() },
    });
  });

  test('rotates its key and keeps it when the stack is deleted', () => {
    render().template.hasResource('AWS::KMS::Key', {
      Properties: Match.objectLike({ EnableKeyRotation: true }),
      DeletionPolicy: 'Retain',
    });
  });

  test('delivers to an encrypted bucket kept when the stack is deleted', () => {
    render().template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          })],
        },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('keeps records S3 could not take under errors/', () => {
    render().template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({
        ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/',
        Prefix: 'cloudtrail/',
      }),
    });
  });

  test('unpacks CloudWatch Logs envelopes into trail records', () => {
    const processors = stream(render().template).Properties
      .ExtendedS3DestinationConfiguration.ProcessingConfiguration.Processors.map((p: any) => p.Type);
    expect(processors).toEqual(['Decompression', 'CloudWatchLogProcessing']);
  });

  test('delivers to Splunk with the token from Secrets Manager', () => {
    render(splunk).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      SplunkDestinationConfiguration: Match.objectLike({
        HECEndpoint: 'https://splunk.example.com:8088',
        HECEndpointType: 'Raw',
        SecretsManagerConfiguration: Match.objectLike({
          Enabled: true, SecretARN: { Ref: Match.stringLikeRegexp('Token') },
        }),
      }),
    });
  });

  test('takes the Splunk event endpoint', () => {
    render((stack) => ({
      destination: SiemDestination.splunk({
        hecEndpoint: 'https://splunk.example.com', hecToken: secret(stack), endpointType: SplunkEndpointType.EVENT,
      }),
    })).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      SplunkDestinationConfiguration: Match.objectLike({ HECEndpointType: 'Event' }),
    });
  });

  test('keeps events Splunk refused in an encrypted bucket', () => {
    render(splunk).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      SplunkDestinationConfiguration: Match.objectLike({
        S3BackupMode: 'FailedEventsOnly',
        S3Configuration: Match.objectLike({
          EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: Match.anyValue() } },
        }),
      }),
    });
  });

  test('lets the Splunk destination read only its token secret', () => {
    const { template } = render(splunk);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          Resource: { Ref: Match.stringLikeRegexp('Token') },
        })]),
      },
      Roles: [{ Ref: Match.stringLikeRegexp('SplunkDestinationRole') }],
    });
  });

  test('delivers to an HTTPS endpoint with the access key from Secrets Manager', () => {
    render(http).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      HttpEndpointDestinationConfiguration: Match.objectLike({
        EndpointConfiguration: { Url: 'https://siem.example.com/ingest' },
        SecretsManagerConfiguration: Match.objectLike({ Enabled: true }),
      }),
    });
  });

  test('keeps records the HTTPS endpoint refused in an encrypted bucket', () => {
    render(http).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      HttpEndpointDestinationConfiguration: Match.objectLike({
        S3BackupMode: 'FailedDataOnly',
        S3Configuration: Match.objectLike({
          EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: Match.anyValue() } },
        }),
      }),
    });
  });

  test('forwards only IAM-attack records when asked', () => {
    const { forwarding, template } = render(() => ({ recordFilter: SiemRecordFilter.iamAttack() }));
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterPattern: forwarding.filterPattern });
    expect(forwarding.filterPattern).toMatch(/iam\.amazonaws\.com/);
  });

  test('forwards the records of chosen detections', () => {
    const { template } = render(() => ({
      recordFilter: SiemRecordFilter.detections([
        DetectionCatalog.get('RootActivity'), DetectionCatalog.get('UserCreated'),
      ]),
    }));
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      FilterPattern: Match.stringLikeRegexp('Root.*CreateUser'),
    });
  });

  test.each(['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'])(
    'can delete its %s resources with the stack when told to', (type) => {
      const { template } = render(() => ({ removalPolicy: RemovalPolicy.DESTROY }));
      const own = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith('Siem'));
      expect(own.length).toBeGreaterThan(0);
      expect(own.map(([, r]) => r.DeletionPolicy)).toEqual(own.map(() => 'Delete'));
    });

  test('delivers to the bucket given and creates none of its own', () => {
    const { template } = render((stack) => ({
      destination: SiemDestination.s3({ bucket: new s3.Bucket(stack, 'SiemArchive') }),
    }));
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SiemArchive'), 'Arn'] },
      }),
    });
    template.resourceCountIs('AWS::S3::Bucket', 1);
  });

  test('writes under the key prefix given', () => {
    render(() => ({ destination: SiemDestination.s3({ prefix: 'org-trail/' }) })).template
      .hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        ExtendedS3DestinationConfiguration: Match.objectLike({ Prefix: 'org-trail/' }),
      });
  });

  test('encrypts with the key given and creates none', () => {
    const { template } = render((stack) => ({ encryptionKey: new kms.Key(stack, 'SecOpsKey') }));
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: {
        KeyType: 'CUSTOMER_MANAGED_CMK',
        KeyARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecOpsKey'), 'Arn'] },
      },
    });
  });

  test('logs bucket access to the access-log bucket given', () => {
    const { template } = render((stack) => ({ accessLogsBucket: new s3.Bucket(stack, 'CentralAccessLogs') }));
    template.resourceCountIs('AWS::S3::Bucket', 2);
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: {
        DestinationBucketName: { Ref: Match.stringLikeRegexp('^CentralAccessLogs') },
        LogFilePrefix: 'Bucket/',
      },
    });
  });

  test('names the HTTPS endpoint when asked', () => {
    render((stack) => ({
      destination: SiemDestination.httpEndpoint({
        url: 'https://siem.example.com/ingest', accessKey: secret(stack), name: 'SecOpsSiem',
      }),
    })).template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      HttpEndpointDestinationConfiguration: Match.objectLike({
        EndpointConfiguration: { Url: 'https://siem.example.com/ingest', Name: 'SecOpsSiem' },
      }),
    });
  });

  test('forwards the records of a pattern of your own', () => {
    const { template } = render(() => ({
      recordFilter: SiemRecordFilter.pattern('{ $.eventSource = "kms.amazonaws.com" }'),
    }));
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      FilterPattern: '{ $.eventSource = "kms.amazonaws.com" }',
    });
  });

  test('writes delivery errors to an encrypted log group', () => {
    render().template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 365,
    });
  });
});
