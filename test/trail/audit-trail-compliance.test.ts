import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { newStack } from './fixtures';
import { AuditTrail, AuditTrailObjectLockMode } from '../../src/trail';
import { nagApp, unacknowledgedFindings as nagFindings } from '../nag/nag-harness';
import { lintTemplate } from '../support/template-lint';

/** A stack with an AuditTrail that has every option on. */
function everyOptionStack(app: App): { stack: Stack; trail: AuditTrail } {
  const stack = newStack(app);
  const key = new kms.Key(stack, 'AuditKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'LogFileDelivered', { masterKey: key, enforceSSL: true });
  const trail = new AuditTrail(stack, 'Trail', {
    trailName: 'organization-audit',
    organizationTrail: true,
    organizationId: 'o-a1b2c3d4e5',
    encryptionKey: key,
    insights: true,
    s3DataEvents: true,
    lambdaDataEvents: true,
    snsTopic: topic,
    objectLockMode: AuditTrailObjectLockMode.COMPLIANCE,
    objectLockRetentionDays: 400,
    transitionAfterDays: 30,
    transitionStorageClass: s3.StorageClass.INFREQUENT_ACCESS,
    expireAfterDays: 3650,
    noncurrentVersionExpireAfterDays: 30,
    accessLogsExpireAfterDays: 730,
    logRetention: logs.RetentionDays.TWO_YEARS,
  });
  return { stack, trail };
}

/** Synthesizes with AwsSolutions and NIST 800-53 R5 and returns the unacknowledged findings. */
function unacknowledgedFindings(build: (app: App) => void): Array<{ rule: string; path: string }> {
  const app = nagApp();
  build(app);
  return nagFindings(app).map(({ rule, path }) => ({ rule, path }));
}

describe('AuditTrail compliance', () => {
  test('with every option on, passes AwsSolutions and NIST 800-53 R5', () => {
    const findings = unacknowledgedFindings((app) => {
      everyOptionStack(app);
    });
    expect(findings).toEqual([]);
  });

  test('with defaults, passes AwsSolutions and NIST 800-53 R5', () => {
    const findings = unacknowledgedFindings((app) => {
      new AuditTrail(newStack(app), 'Trail');
    });
    expect(findings).toEqual([]);
  });

  test('acknowledges findings only on the two buckets, with reasons', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    const acknowledged = stack.node.findAll()
      .filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .map((c) => c.node.path);
    expect(acknowledged).toEqual(['Audit/Trail/AccessLogsBucket', 'Audit/Trail/Bucket']);
  });

  test('the template lint reports a broken template', () => {
    const broken = {
      Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: 'sometimes' } } },
    };
    expect(lintTemplate(broken).map((p) => p.logicalId)).toContain('Trail');
  });

  test('the default template passes @aws/cloudformation-validate', () => {
    const stack = newStack();
    new AuditTrail(stack, 'Trail');
    expect(lintTemplate(Template.fromStack(stack).toJSON())).toEqual([]);
  });

  test('the every-option template passes @aws/cloudformation-validate', () => {
    const { stack } = everyOptionStack(new App());
    expect(lintTemplate(Template.fromStack(stack).toJSON())).toEqual([]);
  });
});
