import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AccessAnalyzer,
  AccountPasswordPolicy,
  AnalyzerScope,
  MfaEnforcement,
  PasswordPolicyOnDelete,
} from '../../src/account';
import { nagApp, unacknowledgedFindings } from '../nag/nag-harness';
import { lintTemplate } from '../support/template-lint';

const ENV = { account: '111122223333', region: 'us-east-1' };

/** Every construct of the account folder with every option on. */
function hardenedAccount(app: App): Stack {
  const stack = new Stack(app, 'HardenedAccount', { env: ENV });
  new AccountPasswordPolicy(stack, 'PasswordPolicy', {
    minimumPasswordLength: 16,
    maxPasswordAge: 60,
    hardExpiry: true,
    onDelete: PasswordPolicyOnDelete.RESTORE_PREVIOUS,
  });
  const admins = new iam.Group(stack, 'Admins');
  const operator = new iam.User(stack, 'Operator', { groups: [admins] });
  new MfaEnforcement(stack, 'Mfa', { groups: [admins], users: [operator], exemptUserNames: ['break-glass'] });
  new MfaEnforcement(stack, 'MfaDefaultGroup');
  const key = new kms.Key(stack, 'AlarmKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  new AccessAnalyzer(stack, 'Analyzer', {
    analyzerScope: AnalyzerScope.ACCOUNT,
    analyzerName: 'Guardrails',
    unusedAccess: true,
    unusedAccessAge: Duration.days(120),
    archiveRules: [{ ruleName: 'AuditAccount', filters: [{ property: 'principal.AWS', eq: ['444455556666'] }] }],
    unusedAccessArchiveRules: [
      { ruleName: 'BreakGlass', filters: [{ property: 'resource', contains: ['break-glass'] }] },
    ],
    alarmTopic: topic,
  });
  return stack;
}

describe('account hardening templates', () => {
  test('pass @aws/cloudformation-validate without errors', () => {
    const template = Template.fromStack(hardenedAccount(new App())).toJSON();

    expect(lintTemplate(template)).toEqual([]);
  });

  test('are judged by a validator that does report a broken template', () => {
    const broken = { Resources: { Analyzer: { Type: 'AWS::AccessAnalyzer::Analyzer', Properties: {} } } };

    expect(lintTemplate(broken).map((problem) => problem.message)).toContain("'Type' is a required property");
  });

  test('leave no unacknowledged cdk-nag AwsSolutions or NIST 800-53 R5 finding', () => {
    const app = nagApp();
    hardenedAccount(app);

    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  test('leave no unacknowledged cdk-nag finding with defaults in an environment-agnostic stack', () => {
    const app = nagApp();
    const stack = new Stack(app, 'AnyAccount');
    new AccountPasswordPolicy(stack, 'PasswordPolicy');
    new MfaEnforcement(stack, 'Mfa');
    new AccessAnalyzer(stack, 'Analyzer');

    expect(unacknowledgedFindings(app)).toEqual([]);
  });
});
