import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { keyStatement, newStack, onlyResource, synthTrail } from './fixtures';
import { AuditTrail, AuditTrailObjectLockMode } from '../../src/trail';

const IMPORTED_KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('AuditTrail options', () => {
  describe('trailName', () => {
    test('names the trail, its log group and the ARN in the policies', () => {
      const { trail, template } = synthTrail({ trailName: 'org-audit' });
      template.hasResourceProperties('AWS::CloudTrail::Trail', { TrailName: 'org-audit' });
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/cloudtrail/org-audit' });
      expect(Stack.of(trail).resolve(trail.trailArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:us-east-1:111122223333:trail/org-audit']],
      });
    });
  });

  describe('organizationTrail', () => {
    const { template } = synthTrail({ organizationTrail: true, organizationId: 'o-a1b2c3d4e5' });

    test('makes an organization trail', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true });
    });

    test('lets CloudTrail write the member accounts\' logs under AWSLogs/<organization id>/', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/AWSLogs/o-a1b2c3d4e5/*']] },
          })]),
        },
      });
    });
  });

  describe('insights', () => {
    test('records API call rate and error rate Insights when true', () => {
      synthTrail({ insights: true }).template.hasResourceProperties('AWS::CloudTrail::Trail', {
        InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
      });
    });

    test('records only the chosen insight types', () => {
      const { template } = synthTrail({ insights: true, insightTypes: [cloudtrail.InsightType.API_ERROR_RATE] });
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        InsightSelectors: [{ InsightType: 'ApiErrorRateInsight' }],
      });
    });
  });

  describe('data events', () => {
    test('s3DataEvents records object-level events of every bucket', () => {
      synthTrail({ s3DataEvents: true }).template.hasResourceProperties('AWS::CloudTrail::Trail', {
        EventSelectors: Match.arrayWith([Match.objectLike({
          DataResources: [{ Type: 'AWS::S3::Object', Values: Match.anyValue() }],
        })]),
      });
    });

    test('lambdaDataEvents records invocations of every function', () => {
      synthTrail({ lambdaDataEvents: true }).template.hasResourceProperties('AWS::CloudTrail::Trail', {
        EventSelectors: Match.arrayWith([Match.objectLike({
          DataResources: [{ Type: 'AWS::Lambda::Function', Values: Match.anyValue() }],
        })]),
      });
    });
  });

  describe('snsTopic', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic');
    new AuditTrail(stack, 'Trail', { snsTopic: topic });
    const template = Template.fromStack(stack);

    test('notifies the topic of each delivered log file', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        SnsTopicName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Topic'), 'TopicName'] },
      });
    });

    test('lets CloudTrail publish to the topic', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'sns:Publish', Principal: { Service: 'cloudtrail.amazonaws.com' },
          })]),
        },
      });
    });
  });

  describe('objectLockMode', () => {
    test('locks log files in governance mode for a year by default', () => {
      const { template } = synthTrail({ objectLockMode: AuditTrailObjectLockMode.GOVERNANCE });
      expect(onlyResource(template, 'AWS::S3::Bucket', 'TrailBucket').Properties).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
        },
      });
    });

    test('locks log files in compliance mode for the chosen days', () => {
      const { template } = synthTrail({
        objectLockMode: AuditTrailObjectLockMode.COMPLIANCE,
        objectLockRetentionDays: 2557,
      });
      expect(onlyResource(template, 'AWS::S3::Bucket', 'TrailBucket').Properties.ObjectLockConfiguration.Rule)
        .toEqual({ DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } });
    });
  });

  describe('lifecycle', () => {
    const { template } = synthTrail({
      transitionAfterDays: 30,
      transitionStorageClass: s3.StorageClass.INFREQUENT_ACCESS,
      expireAfterDays: 400,
      noncurrentVersionExpireAfterDays: 10,
      accessLogsExpireAfterDays: 100,
    });

    test('moves, expires and drops old versions of log files when told', () => {
      expect(onlyResource(template, 'AWS::S3::Bucket', 'TrailBucket').Properties.LifecycleConfiguration.Rules[0])
        .toMatchObject({
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
          ExpirationInDays: 400,
          NoncurrentVersionExpiration: { NoncurrentDays: 10 },
        });
    });

    test('expires access logs when told', () => {
      expect(onlyResource(template, 'AWS::S3::Bucket', 'TrailAccessLogsBucket')
        .Properties.LifecycleConfiguration.Rules[0]).toMatchObject({ ExpirationInDays: 100 });
    });
  });

  describe('logRetention', () => {
    test('keeps events longer when told', () => {
      synthTrail({ logRetention: logs.RetentionDays.TEN_YEARS }).template
        .hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 3653 });
    });

    test('accepts less than a year with acknowledgeShortRetention', () => {
      synthTrail({ logRetention: logs.RetentionDays.ONE_MONTH, acknowledgeShortRetention: true }).template
        .hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    });
  });

  describe('removalPolicy', () => {
    test.each([
      ['log bucket', 'AWS::S3::Bucket', 'TrailBucket'],
      ['access logs bucket', 'AWS::S3::Bucket', 'TrailAccessLogsBucket'],
      ['log group', 'AWS::Logs::LogGroup', 'TrailLogGroup'],
      ['key', 'AWS::KMS::Key', 'TrailKey'],
    ])('DESTROY deletes the %s with the stack', (_name, type, prefix) => {
      const { template } = synthTrail({ removalPolicy: RemovalPolicy.DESTROY });
      expect(onlyResource(template, type, prefix).DeletionPolicy).toEqual('Delete');
    });

    test('DESTROY alone leaves the log files in place', () => {
      synthTrail({ removalPolicy: RemovalPolicy.DESTROY }).template
        .resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    });

    test('autoDeleteObjects empties both buckets before deleting them', () => {
      synthTrail({ removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true }).template
        .resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    });
  });

  describe('encryptionKey', () => {
    test('encrypts with a key defined in the app and adds the trail statements to its policy', () => {
      const stack = newStack();
      const key = new kms.Key(stack, 'OwnKey', { enableKeyRotation: true });
      new AuditTrail(stack, 'Trail', { encryptionKey: key });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnKey'), 'Arn'] },
      });
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCloudTrailToEncryptLogs' })]) },
      });
    });

    test('warns that an imported key\'s policy must be edited by hand', () => {
      const stack = newStack();
      new AuditTrail(stack, 'Trail', { encryptionKey: kms.Key.fromKeyArn(stack, 'Imported', IMPORTED_KEY_ARN) });
      Annotations.fromStack(stack).hasWarning('/Audit/Trail',
        Match.stringLikeRegexp('cdk-iam-guardrails:AuditTrailImportedKey'));
    });
  });

  describe('bucket', () => {
    test('writes to a bucket defined in the app and creates no bucket of its own', () => {
      const stack = newStack();
      const bucket = new s3.Bucket(stack, 'OwnBucket', { enforceSSL: true });
      const auditTrail = new AuditTrail(stack, 'Trail', { bucket });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::S3::Bucket', 1);
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        S3BucketName: { Ref: Match.stringLikeRegexp('^OwnBucket') },
      });
      expect(auditTrail.accessLogsBucket).toBeUndefined();
    });

    test('warns that an imported bucket\'s policy must be edited by hand', () => {
      const stack = newStack();
      new AuditTrail(stack, 'Trail', { bucket: s3.Bucket.fromBucketName(stack, 'Imported', 'existing-trail-logs') });
      Annotations.fromStack(stack).hasWarning('/Audit/Trail',
        Match.stringLikeRegexp('cdk-iam-guardrails:AuditTrailImportedBucket'));
    });
  });

  describe('accessLogsBucket', () => {
    test('sends the log bucket access logs to the given bucket', () => {
      const stack = newStack();
      const target = new s3.Bucket(stack, 'SharedAccessLogs', { enforceSSL: true });
      new AuditTrail(stack, 'Trail', { accessLogsBucket: target });
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::S3::Bucket', 2);
      expect(onlyResource(template, 'AWS::S3::Bucket', 'TrailBucket').Properties.LoggingConfiguration)
        .toMatchObject({ DestinationBucketName: { Ref: expect.stringMatching(/^SharedAccessLogs/) } });
    });
  });

  describe('logGroup', () => {
    const stack = newStack();
    const logGroup = new logs.LogGroup(stack, 'OwnLogGroup', { retention: logs.RetentionDays.TWO_YEARS });
    new AuditTrail(stack, 'Trail', { logGroup });
    const template = Template.fromStack(stack);

    test('delivers to the given log group and creates none', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 1);
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OwnLogGroup'), 'Arn'] },
      });
    });

    test('does not let CloudWatch Logs use the key, since no log group is encrypted with it', () => {
      expect(keyStatement(template, 'AllowCloudWatchLogsForTrailLogGroup')).toBeUndefined();
    });
  });
});
