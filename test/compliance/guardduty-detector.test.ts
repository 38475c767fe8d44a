import { Stack, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  FindingPublishingFrequency, GuardDutyDetector, GuardDutyDetectorProps, GuardDutyIamFindingGroup,
} from '../../src/compliance';

function synth(props: GuardDutyDetectorProps = {}, stack = new Stack()): Template {
  new GuardDutyDetector(stack, 'GuardDuty', props);
  return Template.fromStack(stack);
}

function withTopic(props: Omit<GuardDutyDetectorProps, 'alarmTopic'> = {}): Template {
  const stack = new Stack();
  return synth({ ...props, alarmTopic: new sns.Topic(stack, 'Alarms') }, stack);
}

function rules(template: Template): any[] {
  return Object.values(template.findResources('AWS::Events::Rule'));
}

function ruleWithSeverity(template: Template): any {
  return rules(template).find(r => r.Properties.EventPattern.detail.severity !== undefined);
}

function ruleWithoutSeverity(template: Template): any {
  return rules(template).find(r => r.Properties.EventPattern.detail.severity === undefined);
}

describe('GuardDutyDetector', () => {
  test('enables a detector publishing every fifteen minutes', () => {
    synth().hasResourceProperties('AWS::GuardDuty::Detector', {
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
  });

  test('publishes at the frequency given', () => {
    synth({ findingPublishingFrequency: FindingPublishingFrequency.SIX_HOURS })
      .hasResourceProperties('AWS::GuardDuty::Detector', { FindingPublishingFrequency: 'SIX_HOURS' });
  });

  test('creates no detector where one exists, and still routes findings', () => {
    const template = withTopic({ existingDetector: true });
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(rules(template).length).toBeGreaterThan(0);
  });

  test('routes nothing without a topic', () => {
    synth().resourceCountIs('AWS::Events::Rule', 0);
  });

  test('routes GuardDuty findings of severity 4 or more', () => {
    const pattern = ruleWithSeverity(withTopic()).Properties.EventPattern;
    expect(pattern.source).toEqual(['aws.guardduty']);
    expect(pattern['detail-type']).toEqual(['GuardDuty Finding']);
    expect(pattern.detail.severity).toEqual([{ numeric: ['>=', 4] }]);
  });

  test('routes from the severity given', () => {
    const pattern = ruleWithSeverity(withTopic({ minimumSeverity: 7 })).Properties.EventPattern;
    expect(pattern.detail.severity).toEqual([{ numeric: ['>=', 7] }]);
  });

  test('matches the anomalous behaviour family by wildcard, whatever the tactic', () => {
    const types = ruleWithSeverity(withTopic()).Properties.EventPattern.detail.type;
    expect(types).toContainEqual({ wildcard: '*:IAMUser/AnomalousBehavior' });
  });

  test('matches unusual sign-in and credential exfiltration types', () => {
    const types = ruleWithSeverity(withTopic()).Properties.EventPattern.detail.type;
    expect(types).toEqual(expect.arrayContaining([
      'UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B',
      { wildcard: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller*' },
      'UnauthorizedAccess:IAMUser/TorIPCaller',
      { wildcard: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.*' },
    ]));
  });

  test('routes root credential use, password policy changes and disabled logging at any severity', () => {
    const pattern = ruleWithoutSeverity(withTopic()).Properties.EventPattern;
    expect(pattern.detail.type).toEqual([
      'Policy:IAMUser/RootCredentialUsage',
      'Stealth:IAMUser/PasswordPolicyChange',
      'Stealth:IAMUser/CloudTrailLoggingDisabled',
    ]);
    expect(pattern.detail.severity).toBeUndefined();
  });

  test('applies the minimum severity to every group when told to', () => {
    const template = withTopic({ routeLowSeverityTampering: false });
    expect(rules(template)).toHaveLength(1);
    expect(ruleWithSeverity(template).Properties.EventPattern.detail.type)
      .toContain('Policy:IAMUser/RootCredentialUsage');
  });

  test('routes only the groups chosen', () => {
    const template = withTopic({ findingGroups: [GuardDutyIamFindingGroup.CREDENTIAL_EXFILTRATION] });
    expect(rules(template)).toHaveLength(1);
    expect(ruleWithSeverity(template).Properties.EventPattern.detail.type)
      .toEqual([{ wildcard: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.*' }]);
  });

  test("names the finding's type, severity, title, principal and account in the message", () => {
    const transformer = ruleWithSeverity(withTopic()).Properties.Targets[0].InputTransformer;
    expect(Object.values(transformer.InputPathsMap)).toEqual(expect.arrayContaining([
      '$.detail.type', '$.detail.severity', '$.detail.title',
      '$.detail.resource.accessKeyDetails.userName', '$.detail.accountId',
    ]));
  });

  test('sends to the alarm topic', () => {
    withTopic().hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alarms') } })],
    });
  });
});

describe('GuardDutyDetector bad input', () => {
  const cases: Array<[string, GuardDutyDetectorProps, RegExp]> = [
    ['a severity of 0', { minimumSeverity: 0 },
      /Default\/GuardDuty: minimumSeverity is 0; GuardDuty severities run from 1\.0 to 8\.9/],
    ['a severity of 9', { minimumSeverity: 9 }, /minimumSeverity is 9/],
    ['no finding groups', { findingGroups: [] }, /findingGroups is empty/],
    ['a frequency for an existing detector',
      { existingDetector: true, findingPublishingFrequency: FindingPublishingFrequency.ONE_HOUR },
      /findingPublishingFrequency is set but existingDetector is true/],
  ];
  test.each(cases)('rejects %s', (_name, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
