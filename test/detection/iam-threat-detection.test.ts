import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlarmTopic, IamThreatDetection, IamThreatDetectionProps } from '../../src/detection';
import { Detection, DetectionCatalog, Severity } from '../../src/detections';

function synth(props: Partial<IamThreatDetectionProps> = {}, region = 'us-east-1') {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region } });
  const logGroup = new logs.LogGroup(stack, 'TrailLogs');
  const detection = new IamThreatDetection(stack, 'Detection', { logGroup, ...props });
  return { stack, detection, template: Template.fromStack(stack), logGroup };
}

function alarmOf(template: Template, id: string): any {
  const alarms = template.findResources('AWS::CloudWatch::Alarm', {
    Properties: { AlarmName: `IamGuardrails-${id}` },
  });
  expect(Object.keys(alarms)).toHaveLength(1);
  return Object.values(alarms)[0].Properties;
}

describe('IamThreatDetection', () => {
  describe('defaults', () => {
    const { template } = synth();

    test('creates one metric filter per IAM-attack detection, named by its id', () => {
      template.resourceCountIs('AWS::Logs::MetricFilter', 19);
      for (const detection of DetectionCatalog.iamAttack()) {
        template.hasResourceProperties('AWS::Logs::MetricFilter', {
          FilterPattern: detection.filterPattern,
          MetricTransformations: [
            Match.objectLike({ MetricName: detection.id, MetricNamespace: 'IamGuardrails', MetricValue: '1' }),
          ],
        });
      }
    });

    test('marks every detection resource with its detection id', () => {
      for (const type of ['AWS::Logs::MetricFilter', 'AWS::CloudWatch::Alarm', 'AWS::Events::Rule']) {
        for (const resource of Object.values(template.findResources(type))) {
          expect(DetectionCatalog.ids()).toContain(resource.Metadata['cdk-iam-guardrails:detection']);
        }
      }
    });

    test('alarms on five failed console sign-ins in five minutes', () => {
      expect(alarmOf(template, 'ConsoleSignInFailures')).toMatchObject({
        Threshold: 5,
        Period: 300,
        EvaluationPeriods: 1,
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    });

    test('alarms on three failed MFA checks and ten denied role assumptions in five minutes', () => {
      expect(alarmOf(template, 'MfaSignInFailures')).toMatchObject({ Threshold: 3, Period: 300 });
      expect(alarmOf(template, 'AssumeRoleFailures')).toMatchObject({ Threshold: 10, Period: 300 });
    });

    test('alarms on role assumptions above an anomaly-detection band', () => {
      const alarm = alarmOf(template, 'AssumeRoleActivity');
      expect(alarm).toMatchObject({
        ComparisonOperator: 'GreaterThanUpperThreshold',
        ThresholdMetricId: 'band',
        Metrics: expect.arrayContaining([
          expect.objectContaining({ Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)' }),
        ]),
      });
    });

    test('sends every alarm to the encrypted alarm topic', () => {
      for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^DetectionAlarmTopic/) }]);
      }
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    });

    test('creates rules only for single-event detections that have an event pattern', () => {
      const described = Object.values(template.findResources('AWS::Events::Rule')).map(
        (rule) => rule.Properties.Description.split(':')[0],
      );
      expect(described).not.toEqual(expect.arrayContaining(['ConsoleSignInFailures']));
      expect(described).not.toContain('AssumeRoleActivity');
      expect(described).toEqual(expect.arrayContaining(['AdminPrivilegesGranted', 'TrailTampering', 'RootActivity']));
    });

    test('lets rules for read-only events receive them', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        Description: Match.stringLikeRegexp('^RootActivity:'),
        State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        Description: Match.stringLikeRegexp('^UserCreated:'),
        State: 'ENABLED',
      });
    });

    test('names the principal, source address, event, account and Region in rule messages', () => {
      const rule = Object.values(template.findResources('AWS::Events::Rule'))[0];
      const transformer = rule.Properties.Targets[0].InputTransformer;
      expect(Object.values(transformer.InputPathsMap)).toEqual(
        expect.arrayContaining([
          '$.detail.userIdentity.arn',
          '$.detail.sourceIPAddress',
          '$.detail.eventName',
          '$.account',
          '$.region',
        ]),
      );
    });

    test('lets CloudWatch and EventBridge publish and Security Hub read subscriptions', () => {
      const policy = Object.values(template.findResources('AWS::SNS::TopicPolicy'))[0];
      const statements = policy.Properties.PolicyDocument.Statement;
      const principals = statements.map((s: any) => s.Principal?.Service).filter(Boolean);
      expect(principals).toEqual(
        expect.arrayContaining(['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'securityhub.amazonaws.com']),
      );
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    });

    test('shows every detection metric on a dashboard', () => {
      const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
      const body = JSON.stringify(dashboard.Properties.DashboardBody);
      for (const detection of DetectionCatalog.iamAttack()) {
        expect(body).toMatch(new RegExp(`IamGuardrails\\W+${detection.id}\\W`));
      }
    });

    test('judges inline policies and policy versions for AdminPrivilegesGranted with the policy analyzer', () => {
      template.hasResource('AWS::Events::Rule', {
        Metadata: {
          'cdk-iam-guardrails:detection': 'AdminPrivilegesGranted',
          'cdk-iam-guardrails:post-filter': 'FullPrivilegeGrant',
        },
        Properties: Match.objectLike({
          EventPattern: Match.objectLike({
            detail: Match.objectLike({ eventName: Match.arrayWith(['PutUserPolicy', 'CreatePolicyVersion']) }),
          }),
        }),
      });
    });

    test('leaves the CIS track out', () => {
      template.resourcePropertiesCountIs('AWS::Logs::MetricFilter', {
        MetricTransformations: [Match.objectLike({ MetricName: 'CisRootAccountUsage' })],
      }, 0);
    });
  });

  describe('options', () => {
    test('adds the 15 CIS metric filters with the Security Hub pattern text', () => {
      const { template } = synth({ cis: true });
      template.resourceCountIs('AWS::Logs::MetricFilter', 34);
      for (const detection of DetectionCatalog.cis()) {
        template.hasResourceProperties('AWS::Logs::MetricFilter', {
          FilterPattern: detection.filterPattern,
          MetricTransformations: [Match.objectLike({ MetricName: detection.id })],
        });
      }
    });

    test('leaves out disabled detections', () => {
      const { template } = synth({
        disabledDetections: ['AssumeRoleActivity'],
        overrides: { UserCreated: { enabled: false } },
      });
      template.resourceCountIs('AWS::Logs::MetricFilter', 17);
    });

    test('applies threshold, period and evaluation overrides', () => {
      const { template } = synth({
        overrides: {
          ConsoleSignInFailures: {
            threshold: 20,
            period: Duration.minutes(10),
            evaluationPeriods: 3,
            datapointsToAlarm: 2,
          },
        },
      });
      expect(alarmOf(template, 'ConsoleSignInFailures')).toMatchObject({
        Threshold: 20,
        Period: 600,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
      });
    });

    test('routes a detection to its own topic through an override', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
      const pager = new sns.Topic(stack, 'Pager');
      new IamThreatDetection(stack, 'Detection', {
        logGroup: new logs.LogGroup(stack, 'Logs'),
        overrides: { UserCreated: { topic: pager } },
      });
      const template = Template.fromStack(stack);
      expect(alarmOf(template, 'UserCreated').AlarmActions).toEqual([{ Ref: stack.getLogicalId(pager.node.defaultChild as any) }]);
    });

    test('routes by severity', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
      const pager = new sns.Topic(stack, 'Pager');
      new IamThreatDetection(stack, 'Detection', {
        logGroup: new logs.LogGroup(stack, 'Logs'),
        severityRoutes: [{ severity: Severity.CRITICAL, topic: pager }],
      });
      const template = Template.fromStack(stack);
      const pagerRef = { Ref: stack.getLogicalId(pager.node.defaultChild as any) };
      expect(alarmOf(template, 'RootActivity').AlarmActions).toEqual([pagerRef]);
      expect(alarmOf(template, 'UserCreated').AlarmActions).not.toEqual([pagerRef]);
    });

    test('adds a custom detection, also after construction', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
      const detection = new IamThreatDetection(stack, 'Detection', {
        logGroup: new logs.LogGroup(stack, 'Logs'),
        detections: [Detection.custom({ id: 'BreakGlassUsed', filterPattern: '{ $.userIdentity.userName = "breakglass" }' })],
      });
      detection.addDetection(Detection.custom({ id: 'Later', severity: Severity.LOW, filterPattern: '{ $.eventName = "X" }' }));
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        MetricTransformations: [Match.objectLike({ MetricName: 'BreakGlassUsed' })],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'IamGuardrails-Later' });
      expect(detection.detections.map((d) => d.id)).toEqual(expect.arrayContaining(['BreakGlassUsed', 'Later']));
    });

    test('subscribes email addresses to the topic it creates', () => {
      const { template } = synth({ emails: ['secops@example.com'] });
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'secops@example.com' });
    });

    test('uses a namespace and alarm name prefix of your choice', () => {
      const { template } = synth({ metricNamespace: 'Security/Iam', alarmNamePrefix: 'prod-' });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'prod-RootActivity', Namespace: 'Security/Iam' });
    });

    test('creates no rules when event rules are off', () => {
      synth({ eventRules: false }).template.resourceCountIs('AWS::Events::Rule', 0);
    });

    test('creates no dashboard when asked not to', () => {
      synth({ dashboard: false }).template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    });

    test('outside us-east-1, creates no rules for global-service events and warns', () => {
      const { stack, template } = synth({}, 'eu-west-1');
      template.resourcePropertiesCountIs('AWS::Events::Rule', { Description: Match.stringLikeRegexp('^UserCreated:') }, 0);
      template.hasResourceProperties('AWS::Events::Rule', { Description: Match.stringLikeRegexp('^TrailTampering:') });
      Annotations.fromStack(stack).hasWarning('/Stack/Detection', Match.stringLikeRegexp('No EventBridge rules for .*UserCreated'));
    });

    test('outside us-east-1, creates rules for global-service events forwarded to it', () => {
      const { template } = synth({ receivesGlobalServiceEvents: true }, 'eu-west-1');
      template.hasResourceProperties('AWS::Events::Rule', { Description: Match.stringLikeRegexp('^UserCreated:') });
    });

    test('accepts an existing log group, such as a Control Tower trail\'s', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
      const logGroup = logs.LogGroup.fromLogGroupName(stack, 'ControlTower', 'aws-controltower/CloudTrailLogs');
      new IamThreatDetection(stack, 'Detection', { logGroup });
      Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: 'aws-controltower/CloudTrailLogs',
      });
    });

    test('uses the alarm topic you pass in', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
      const topic = new AlarmTopic(stack, 'Shared').topic;
      new IamThreatDetection(stack, 'Detection', { logGroup: new logs.LogGroup(stack, 'Logs'), alarmTopic: topic });
      Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 1);
    });
  });

  describe('bad input', () => {
    const custom = (id: string) => Detection.custom({ id, filterPattern: '{ $.eventName = "X" }' });
    test.each<[string, Partial<IamThreatDetectionProps>, RegExp]>([
      [
        'a threshold below 1',
        { overrides: { UserCreated: { threshold: 0 } } },
        /Detection\/UserCreated: threshold is 0; it must be a whole number of at least 1/,
      ],
      [
        'evaluation periods below 1',
        { overrides: { UserCreated: { evaluationPeriods: 0 } } },
        /evaluationPeriods is 0; it must be a whole number of at least 1/,
      ],
      [
        'more datapoints than periods',
        { overrides: { UserCreated: { evaluationPeriods: 2, datapointsToAlarm: 3 } } },
        /datapointsToAlarm is 3 but evaluationPeriods is 2/,
      ],
      [
        'a period that is not whole minutes',
        { overrides: { UserCreated: { period: Duration.seconds(90) } } },
        /period is 90 seconds; metric filter alarms need a whole number of minutes/,
      ],
      [
        'an unknown id in overrides',
        { overrides: { NoSuchDetection: { threshold: 2 } } },
        /overrides names 'NoSuchDetection', which is not a detection here/,
      ],
      [
        'an unknown id in disabledDetections',
        { disabledDetections: ['Nope'] },
        /disabledDetections names 'Nope'/,
      ],
      [
        'a duplicate detection id',
        { detections: [custom('RootActivity')] },
        /two detections have the id 'RootActivity'/,
      ],
      [
        'two custom detections with one id',
        { detections: [custom('Mine'), custom('Mine')] },
        /two detections have the id 'Mine'/,
      ],
      [
        'an invalid email address',
        { emails: ['secops-at-example.com'] },
        /emails contains 'secops-at-example.com', which is not an email address/,
      ],
      [
        'a custom pattern that does not parse',
        { detections: [Detection.custom({ id: 'Broken', filterPattern: '{ $.eventName = }' })] },
        /the filterPattern of detection 'Broken' does not parse/,
      ],
    ])('refuses %s', (_name, props, message) => {
      expect(() => synth(props)).toThrow(message);
    });

    test('refuses a detection added twice', () => {
      const { detection } = synth();
      expect(() => detection.addDetection(DetectionCatalog.get('RootActivity'))).toThrow(
        /a detection with id 'RootActivity' is already present/,
      );
    });

    test('refuses emails together with a topic of your own', () => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const topic = new sns.Topic(stack, 'Topic');
      expect(
        () =>
          new IamThreatDetection(stack, 'Detection', {
            logGroup: new logs.LogGroup(stack, 'Logs'),
            alarmTopic: topic,
            emails: ['a@example.com'],
          }),
      ).toThrow(/emails apply only to the topic the construct creates/);
    });
  });
});
