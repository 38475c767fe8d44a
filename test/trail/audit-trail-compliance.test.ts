import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { newStack } from './fixtures';
import { lintTemplate } from './template-lint';
import { AuditTrail, AuditTrailObjectLockMode } from '../../src/trail';

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

interface Finding {
  readonly rule: string;
  readonly path: string;
}

/** Synthesizes with both packs and returns the findings nobody acknowledged. */
function unacknowledgedFindings(build: (app: App) => void): Finding[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-trail-nag-'));
  try {
    const app = new App({ outdir, context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    build(app);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    return (report.pluginReports ?? []).flatMap((plugin: any) =>
      (plugin.violations ?? []).flatMap((violation: any) =>
        (violation.violatingConstructs ?? []).map((c: any) => ({ rule: violation.ruleName, path: c.constructPath }))));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
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
    expect(lintTemplate(broken).map((p) => p.resource)).toContain('Trail');
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
