import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { keyStatement, onlyResource, synthTrail } from './fixtures';

describe('AuditTrail', () => {
  const { trail, template } = synthTrail();
  const trailName = onlyResource(template, 'AWS::CloudTrail::Trail', 'Trail')
    .Properties.TrailName;
  const trailArn = {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:cloudtrail:us-east-1:111122223333:trail/${trailName}`]],
  };
  const keyArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailKey'), 'Arn'] };
  const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
  const accountTrails = {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:*:111122223333:trail/*']],
  };
  const logBucket = onlyResource(template, 'AWS::S3::Bucket', 'TrailBucket');
  const accessLogsBucket = onlyResource(template, 'AWS::S3::Bucket', 'TrailAccessLogsBucket');

  describe('trail', () => {
    test('records in every Region', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { IsMultiRegionTrail: true });
    });

    test('includes global service events such as IAM and STS', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { IncludeGlobalServiceEvents: true });
    });

    test('turns log file validation on', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { EnableLogFileValidation: true });
    });

    test('records read and write management events and no data events', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
      });
    });

    test('is an account trail, not an organization trail', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: false });
    });

    test('records no Insights events', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { InsightSelectors: Match.absent() });
    });

    test('sends no SNS notifications', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { SnsTopicName: Match.absent() });
    });

    test('encrypts log files with the key it creates', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', { KMSKeyId: keyArn });
    });

    test('delivers to the log group with a role CloudTrail assumes', () => {
      template.hasResourceProperties('AWS::CloudTrail::Trail', {
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogGroup'), 'Arn'] },
        CloudWatchLogsRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogsRole'), 'Arn'] },
      });
    });

    test('exposes the trail ARN built from its name', () => {
      expect(Stack.of(trail).resolve(trail.trailArn)).toEqual(trailArn);
    });
  });

  describe('key', () => {
    test('rotates its key material', () => {
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });

    test('lets only this trail encrypt, with the CloudTrail encryption context', () => {
      expect(keyStatement(template, 'AllowCloudTrailToEncryptLogs')).toMatchObject({
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': accountTrails },
        },
      });
    });

    test('lets only this trail describe the key', () => {
      expect(keyStatement(template, 'AllowCloudTrailToDescribeKey')).toMatchObject({
        Action: 'kms:DescribeKey',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      });
    });

    test('lets principals of the account decrypt CloudTrail-encrypted data only', () => {
      expect(keyStatement(template, 'AllowAccountPrincipalsToDecryptLogs')).toMatchObject({
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] } },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Condition: {
          StringEquals: { 'kms:CallerAccount': '111122223333' },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': accountTrails },
        },
      });
    });

    test('lets CloudWatch Logs use the key only for the trail log group', () => {
      expect(keyStatement(template, 'AllowCloudWatchLogsForTrailLogGroup')).toMatchObject({
        Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        Condition: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' },
                `:logs:us-east-1:111122223333:log-group:/aws/cloudtrail/${trailName}`]],
            },
          },
        },
      });
    });
  });

  describe('log bucket', () => {
    test('blocks all public access', () => {
      expect(logBucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
    });

    test('is versioned', () => {
      expect(logBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    });

    test('is encrypted with the key and an S3 Bucket Key', () => {
      expect(logBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
        },
      });
    });

    test('logs its access to the access logs bucket', () => {
      const accessLogsId = Object.keys(template.findResources('AWS::S3::Bucket'))
        .find((id) => id.startsWith('TrailAccessLogsBucket'));
      expect(logBucket.Properties.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: accessLogsId },
        LogFilePrefix: 'trail-bucket/',
      });
    });

    test('moves log files to Glacier Instant Retrieval after 90 days and expires them after seven years', () => {
      expect(logBucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
        Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
        ExpirationInDays: 2557,
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
      });
    });

    test('has no Object Lock', () => {
      expect(logBucket.Properties.ObjectLockEnabled).toBeUndefined();
    });

    test('refuses requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^TrailBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    test('lets CloudTrail write the account log files', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^TrailBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Action: 's3:PutObject',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/AWSLogs/111122223333/*']] },
          })]),
        },
      });
    });

    test('refuses writes and ACL checks from any other trail', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^TrailBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Sid: 'DenyOtherTrails',
            Effect: 'Deny',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: ['s3:PutObject', 's3:GetBucketAcl'],
            Condition: { StringNotEquals: { 'aws:SourceArn': trailArn } },
          })]),
        },
      });
    });
  });

  describe('access logs bucket', () => {
    test('blocks all public access', () => {
      expect(accessLogsBucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
      });
    });

    test('is versioned', () => {
      expect(accessLogsBucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    });

    test('is encrypted with SSE-S3, which S3 server access logging can write to', () => {
      expect(accessLogsBucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0])
        .toEqual({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } });
    });

    test('expires access logs after a year', () => {
      expect(accessLogsBucket.Properties.LifecycleConfiguration.Rules[0]).toMatchObject({
        ExpirationInDays: 365,
      });
    });

    test('lets the S3 logging service write only the log bucket access logs, by bucket policy', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^TrailAccessLogsBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Condition: Match.objectLike({
              ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailBucket'), 'Arn'] } },
            }),
          })]),
        },
      });
      expect(accessLogsBucket.Properties.AccessControl).toBeUndefined();
    });

    test('refuses requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: Match.stringLikeRegexp('^TrailAccessLogsBucket') },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });
  });

  describe('log group', () => {
    test('is encrypted with the key', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: keyArn });
    });

    test('keeps events for one year', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    });

    test('is named after the trail', () => {
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/cloudtrail/${trailName}` });
    });

    test('receives events through a role only CloudTrail can assume', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({
            Principal: { Service: 'cloudtrail.amazonaws.com' },
          })],
        },
      });
    });

    test('the role may only create streams and put events in the trail log group', () => {
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: {
          Statement: [{
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TrailLogGroup'), 'Arn'] },
          }],
        },
        Roles: [{ Ref: Match.stringLikeRegexp('^TrailLogsRole') }],
      });
    });
  });

  describe('when the stack is deleted', () => {
    test.each([
      ['the log bucket', 'AWS::S3::Bucket', 'TrailBucket'],
      ['the access logs bucket', 'AWS::S3::Bucket', 'TrailAccessLogsBucket'],
      ['the log group', 'AWS::Logs::LogGroup', 'TrailLogGroup'],
      ['the key', 'AWS::KMS::Key', 'TrailKey'],
    ])('keeps %s', (_name, type, prefix) => {
      const resource = onlyResource(template, type, prefix);
      expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
    });

    test('does not empty the buckets', () => {
      template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    });
  });

  describe('members', () => {
    test('expose what it created', () => {
      const stack = Stack.of(trail);
      expect(stack.resolve(trail.bucket.bucketName)).toEqual({ Ref: expect.stringMatching(/^TrailBucket/) });
      expect(stack.resolve(trail.accessLogsBucket!.bucketName))
        .toEqual({ Ref: expect.stringMatching(/^TrailAccessLogsBucket/) });
      expect(stack.resolve(trail.logGroup.logGroupName)).toEqual({ Ref: expect.stringMatching(/^TrailLogGroup/) });
      expect(stack.resolve(trail.key.keyArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrailKey/), 'Arn'] });
      expect(stack.resolve(trail.trail.trailArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Trail/), 'Arn'] });
    });
  });
});
