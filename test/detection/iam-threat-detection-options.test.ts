import { App, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IamThreatDetection, IamThreatDetectionProps } from '../../src/detection';
import { DetectionCatalog, Severity } from '../../src/detections';

function stackIn(region = 'us-east-1') {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region } });
  return { stack, logGroup: new logs.LogGroup(stack, 'TrailLogs') };
}

function synth(props: Partial<IamThreatDetectionProps> = {}, region = 'us-east-1') {
  const { stack, logGroup } = stackIn(region);
  new IamThreatDetection(stack, 'Detection', { logGroup, ...props });
  return { stack, template: Template.fromStack(stack) };
}

const ruleIds = (template: Template) =>
  Object.values(template.findResources('AWS::Events::Rule')).map((rule) => rule.Properties.Description.split(':')[0]);

const alarmOf = (template: Template, id: string) => {
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm', {
    Properties: { AlarmName: `IamGuardrails-${id}` },
  }));
  expect(alarms).toHaveLength(1);
  return alarms[0].Properties;
};

const CIS_IDS = DetectionCatalog.cis().map((detection) => detection.id);

describe('IamThreatDetection options', () => {
  describe('the CIS track', () => {
    test('alarms on every CIS control but creates no CIS rules unless asked', () => {
      const { template } = synth({ cis: true });
      expect(ruleIds(template).filter((id) => CIS_IDS.includes(id))).toEqual([]);
      for (const id of CIS_IDS) alarmOf(template, id);
    });

    test('creates a rule per CIS control with its event pattern when asked', () => {
      const { template } = synth({ cis: true, cisEventRules: true });
      expect(ruleIds(template).filter((id) => CIS_IDS.includes(id)).sort()).toEqual([...CIS_IDS].sort());
      template.hasResourceProperties('AWS::Events::Rule', {
        Description: Match.stringLikeRegexp('^CisCmkDisabledOrDeleted:'),
        EventPattern: {
          source: ['aws.kms'],
          detail: { eventSource: ['kms.amazonaws.com'], eventName: ['DisableKey', 'ScheduleKeyDeletion'] },
        },
        State: 'ENABLED',
      });
    });

    test('lets the CIS rules for root use and denied calls receive read-only events', () => {
      const { template } = synth({ cis: true, cisEventRules: true });
      for (const id of ['CisRootAccountUsage', 'CisUnauthorizedApiCalls']) {
        template.hasResourceProperties('AWS::Events::Rule', {
          Description: Match.stringLikeRegexp(`^${id}:`),
          State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        });
      }
    });

    test('outside us-east-1, leaves out the CIS rules for IAM, Organizations and sign-in events and warns', () => {
      const { stack, template } = synth({ cis: true, cisEventRules: true }, 'eu-west-1');
      const skipped = ['CisIamPolicyChanges', 'CisOrganizationsChanges', 'CisConsoleSignInWithoutMfa',
        'CisConsoleAuthenticationFailures'];
      expect(ruleIds(template).filter((id) => skipped.includes(id))).toEqual([]);
      expect(ruleIds(template)).toContain('CisVpcChanges');
      Annotations.fromStack(stack).hasWarning('/Stack/Detection',
        Match.stringLikeRegexp('No EventBridge rules for .*CisOrganizationsChanges'));
    });

    test.each<[string, Partial<IamThreatDetectionProps>, RegExp]>([
      ['without the CIS track', { cisEventRules: true }, /cisEventRules is true but cis is not true/],
      ['with event rules off', { cis: true, cisEventRules: true, eventRules: false },
        /cisEventRules is true but eventRules is false/],
    ])('refuses CIS rules %s', (_name, props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });

  test('with iamAttack false, creates only the tracks asked for', () => {
    const { template } = synth({ iamAttack: false, cis: true });
    const metrics = Object.values(template.findResources('AWS::Logs::MetricFilter')).map(
      (filter) => filter.Properties.MetricTransformations[0].MetricName,
    );
    expect(metrics.sort()).toEqual([...CIS_IDS].sort());
    template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('applies a treatMissingData override', () => {
    const { template } = synth({ overrides: { UserCreated: { treatMissingData: TreatMissingData.BREACHING } } });
    expect(alarmOf(template, 'UserCreated').TreatMissingData).toBe('breaching');
    expect(alarmOf(template, 'AccessKeyCreated').TreatMissingData).toBe('notBreaching');
  });

  test('applies a severity override to routing, the alarm description and the rule message', () => {
    const { stack, logGroup } = stackIn();
    const pager = new sns.Topic(stack, 'Pager');
    new IamThreatDetection(stack, 'Detection', {
      logGroup,
      overrides: { UserCreated: { severity: Severity.CRITICAL } },
      severityRoutes: [{ severity: Severity.CRITICAL, topic: pager }],
    });
    const template = Template.fromStack(stack);
    const alarm = alarmOf(template, 'UserCreated');
    expect(alarm.AlarmActions).toEqual([{ Ref: stack.getLogicalId(pager.node.defaultChild as any) }]);
    expect(alarm.AlarmDescription).toMatch(/^UserCreated \(CRITICAL\): /);
    const rule = Object.values(template.findResources('AWS::Events::Rule', {
      Properties: { Description: Match.stringLikeRegexp('^UserCreated:') },
    }))[0];
    expect(JSON.stringify(rule.Properties.Targets[0].InputTransformer.InputTemplate))
      .toContain('[CRITICAL] UserCreated');
  });

  describe('tokens, left for CloudFormation to judge', () => {
    const number = (value: number) => Lazy.number({ produce: () => value });

    test('passes a threshold, evaluation periods, datapoints, lookback and email given as tokens', () => {
      const { stack, logGroup } = stackIn();
      const email = new CfnParameter(stack, 'SecOpsEmail').valueAsString;
      new IamThreatDetection(stack, 'Detection', {
        logGroup,
        emails: [email],
        investigationLookback: Duration.seconds(number(30)),
        overrides: {
          UserCreated: { threshold: number(0), evaluationPeriods: number(1), datapointsToAlarm: number(2) },
        },
      });
      const template = Template.fromStack(stack);
      expect(alarmOf(template, 'UserCreated'))
        .toMatchObject({ Threshold: 0, EvaluationPeriods: 1, DatapointsToAlarm: 2 });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: { Ref: 'SecOpsEmail' } });
    });

    test('passes a period given as a token to an anomaly-band alarm', () => {
      const { template } = synth({
        dashboard: false,
        overrides: { AssumeRoleActivity: { period: Duration.seconds(number(90)) } },
      });
      expect(alarmOf(template, 'AssumeRoleActivity').Metrics[0].MetricStat.Period).toBe(90);
    });
  });

  test('lets Security Hub only read the topic\'s subscriptions and attributes, for this account', () => {
    const { template } = synth();
    const policy = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0];
    const securityHub = policy.Properties.PolicyDocument.Statement.filter(
      (statement: any) => statement.Principal?.Service === 'securityhub.amazonaws.com',
    );
    expect(securityHub).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['sns:ListSubscriptionsByTopic', 'sns:GetTopicAttributes'],
        Resource: { Ref: expect.stringMatching(/^DetectionAlarmTopic/) },
        Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
    ]);
  });
});
