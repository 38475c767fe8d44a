import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { createSingleAccountApp } from '../../examples/single-account/app';
import { ConfigRecorderMode } from '../../src/compliance';
import { CloudTrailSource, IamGuardrails, IamGuardrailsProps } from '../../src/guardrails';

function synth(props: IamGuardrailsProps = {}) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const guardrails = new IamGuardrails(stack, 'Guardrails', props);
  return { stack, guardrails, template: Template.fromStack(stack) };
}

describe('IamGuardrails', () => {
  describe('defaults', () => {
    const { template, guardrails } = synth();

    test('creates a trail and reads its log group', () => {
      template.resourceCountIs('AWS::CloudTrail::Trail', 1);
      expect(guardrails.trail).toBeDefined();
      expect(guardrails.logGroup).toBe(guardrails.trail!.logGroup);
    });

    test('creates the IAM-attack detections', () => {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        MetricTransformations: [Match.objectLike({ MetricName: 'AdminPrivilegesGranted' })],
      });
    });

    test('sets the password policy, MFA enforcement and Access Analyzer', () => {
      template.resourceCountIs('Custom::AccountPasswordPolicy', 1);
      template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Condition: Match.objectLike({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }) }),
          ]),
        }),
      });
      template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
      expect(guardrails.mfaEnforcement).toBeDefined();
    });

    test('enables Security Hub, the Config rules and GuardDuty', () => {
      template.resourceCountIs('AWS::SecurityHub::Hub', 1);
      template.resourceCountIs('AWS::GuardDuty::Detector', 1);
      template.hasResourceProperties('AWS::Config::ConfigRule', {
        Source: Match.objectLike({ SourceIdentifier: 'IAM_PASSWORD_POLICY' }),
      });
    });

    test('routes every part to one alarm topic', () => {
      template.resourceCountIs('AWS::SNS::Topic', 1);
    });

    test('has the Config password rule check what the password policy sets', () => {
      const policy = Object.values(template.findResources('Custom::AccountPasswordPolicy'))[0].Properties;
      const rule = Object.values(
        template.findResources('AWS::Config::ConfigRule', {
          Properties: { Source: Match.objectLike({ SourceIdentifier: 'IAM_PASSWORD_POLICY' }) },
        }),
      )[0].Properties;
      expect(policy.MinimumPasswordLength).toBe(14);
      expect(rule.InputParameters.MinimumPasswordLength).toBe(String(policy.MinimumPasswordLength));
    });
  });

  test('switches parts off', () => {
    const { template } = synth({
      passwordPolicy: false,
      mfaEnforcement: false,
      accessAnalyzer: false,
      securityHub: false,
      configRules: false,
      guardDuty: false,
    });
    template.resourceCountIs('Custom::AccountPasswordPolicy', 0);
    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
    template.resourceCountIs('AWS::SecurityHub::Hub', 0);
    template.resourceCountIs('AWS::Config::ConfigRule', 0);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('AWS::CloudTrail::Trail', 1);
  });

  test('passes custom password settings to the Config rule too', () => {
    const { template } = synth({ passwordPolicyOptions: { minimumPasswordLength: 20 } });
    template.hasResourceProperties('AWS::Config::ConfigRule', {
      Source: Match.objectLike({ SourceIdentifier: 'IAM_PASSWORD_POLICY' }),
      InputParameters: Match.objectLike({ MinimumPasswordLength: '20' }),
    });
  });

  test('uses existing Security Hub, GuardDuty and Config recorder', () => {
    const { template } = synth({
      securityHubOptions: { existingHub: true },
      guardDutyOptions: { existingDetector: true },
      configRulesOptions: { recorder: ConfigRecorderMode.USE_EXISTING },
    });
    template.resourceCountIs('AWS::SecurityHub::Hub', 0);
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
  });

  test('watches an existing log group without creating a trail', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Existing', 'org-trail-logs');
    new IamGuardrails(stack, 'Guardrails', { cloudTrail: CloudTrailSource.existingLogGroup(logGroup) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    template.hasResourceProperties('AWS::Logs::MetricFilter', { LogGroupName: 'org-trail-logs' });
  });

  test('finds the Control Tower trail log group by name prefix at deployment', () => {
    const { template } = synth({ cloudTrail: CloudTrailSource.controlTower() });
    template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    template.hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(
        Match.objectLike({
          action: 'describeLogGroups',
          parameters: { logGroupNamePrefix: 'aws-controltower/CloudTrailLogs', limit: 1 },
        }),
      ),
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { 'Fn::GetAtt': [Match.stringLikeRegexp('ControlTowerLogGroupLookup'), 'logGroups.0.logGroupName'] },
    });
  });

  test('refuses a Config password policy that differs from the applied one', () => {
    expect(() =>
      synth({
        passwordPolicyOptions: { minimumPasswordLength: 16 },
        configRulesOptions: { passwordPolicy: { minimumPasswordLength: 14 } },
      }),
    ).toThrow(/configRulesOptions.passwordPolicy differs from passwordPolicyOptions/);
  });

  test('refuses emails together with a topic of your own', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const topic = new sns.Topic(stack, 'Topic');
    expect(() => new IamGuardrails(stack, 'G', { alarmTopic: topic, emails: ['a@example.com'] })).toThrow(
      /emails apply only to the topic the construct creates/,
    );
  });

  test('the single-account example synthesizes within CloudFormation limits', () => {
    const template = Template.fromStack(createSingleAccountApp().node.findChild('SingleAccountGuardrails') as Stack).toJSON();
    expect(Object.keys(template.Resources).length).toBeLessThan(500);
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(1024 * 1024);
  });
});
