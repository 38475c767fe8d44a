import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { createSingleAccountApp } from '../../examples/single-account/app';
import { ConfigRecorderMode } from '../../src/compliance';
import { CloudTrailSource, IamGuardrails, IamGuardrailsProps } from '../../src/guardrails';

/** The managed policies that deny actions without MFA. */
function mfaPolicies(template: Template): string[] {
  const denyWithoutMfa = Match.objectLike({
    Effect: 'Deny',
    Condition: Match.objectLike({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }),
  });
  return Object.keys(template.findResources('AWS::IAM::ManagedPolicy', {
    Properties: { PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([denyWithoutMfa]) }) },
  }));
}

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
      expect(mfaPolicies(template)).toHaveLength(1);
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
    template.resourceCountIs('AWS::IAM::Group', 0);
    expect(mfaPolicies(template)).toEqual([]);
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

  describe('Control Tower profile', () => {
    const { template } = synth({ cloudTrail: CloudTrailSource.controlTower() });

    test('creates no trail', () => {
      template.resourceCountIs('AWS::CloudTrail::Trail', 0);
    });

    test('looks the trail log group up by name when the stack deploys', () => {
      template.hasResourceProperties('Custom::ControlTowerLogGroup', {
        LogGroupNamePrefix: 'aws-controltower/CloudTrailLogs',
      });
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { 'Fn::GetAtt': [Match.stringLikeRegexp('ControlTowerLogGroupLookup'), 'LogGroupName'] },
      });
    });

    test('lets the lookup only list log groups and write its own logs', () => {
      const lookupPolicies = template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { Description: Match.stringLikeRegexp('Control Tower log group lookup') },
      });
      const statements = Object.values(lookupPolicies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
      expect(statements.map((s: any) => s.Action)).toEqual([
        'logs:DescribeLogGroups', ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ]);
    });

    test('uses the Config recorder Control Tower runs instead of creating one', () => {
      template.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
      template.resourceCountIs('AWS::Config::DeliveryChannel', 0);
      template.hasResourceProperties('AWS::Config::ConfigRule', {
        Source: Match.objectLike({ SourceIdentifier: 'IAM_PASSWORD_POLICY' }),
      });
    });
  });

  test('takes the name prefix of a Control Tower log group given', () => {
    const { template } = synth({
      cloudTrail: CloudTrailSource.controlTower({ logGroupNamePrefix: 'custom/CloudTrailLogs' }),
    });
    template.hasResourceProperties('Custom::ControlTowerLogGroup', { LogGroupNamePrefix: 'custom/CloudTrailLogs' });
  });

  test('creates a Config recorder under Control Tower when told to', () => {
    const { template } = synth({
      cloudTrail: CloudTrailSource.controlTower(),
      configRulesOptions: { recorder: ConfigRecorderMode.CREATE },
    });
    template.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
  });

  test('creates a Config recorder with its own trail', () => {
    synth().template.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
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
