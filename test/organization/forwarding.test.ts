import { App, Stack, aws_events as events, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DetectionCatalog } from '../../src/detections';
import { CentralEventBus, DetectionForwarder, DetectionForwarderProps } from '../../src/organization';

const BUS_ARN = 'arn:aws:events:us-east-1:444455556666:event-bus/IamGuardrailsCentral';

function central(props: { eventBusName?: string } = {}) {
  const stack = new Stack(new App(), 'Security', { env: { account: '444455556666', region: 'us-east-1' } });
  const topic = new sns.Topic(stack, 'Topic');
  const bus = new CentralEventBus(stack, 'Central', { organizationId: 'o-abcdef1234', topic, ...props });
  return { bus, template: Template.fromStack(stack) };
}

function forwarder(props: Partial<DetectionForwarderProps> = {}) {
  const stack = new Stack(new App(), 'Member', { env: { account: '777788889999', region: 'us-east-1' } });
  const centralEventBus = events.EventBus.fromEventBusArn(stack, 'Central', BUS_ARN);
  const forwarding = new DetectionForwarder(stack, 'Forwarder', { centralEventBus, ...props });
  return { forwarding, template: Template.fromStack(stack) };
}

describe('CentralEventBus', () => {
  test('creates a named event bus', () => {
    central().template.hasResourceProperties('AWS::Events::EventBus', { Name: 'IamGuardrailsCentral' });
  });

  test('takes another bus name', () => {
    central({ eventBusName: 'SecOps' }).template.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'SecOps',
    });
  });

  test('lets only principals of the organization put events', () => {
    central().template.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: Match.objectLike({
        Action: 'events:PutEvents',
        Effect: 'Allow',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdef1234' } },
      }),
    });
  });

  test('sends every event on the bus to the topic', () => {
    central().template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { version: ['0'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('Topic') } })],
    });
  });
});

describe('DetectionForwarder', () => {
  test('forwards detection alarms going into ALARM to the central bus', () => {
    forwarder().template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        'detail': { alarmName: [{ prefix: 'IamGuardrails' }], state: { value: ['ALARM'] } },
      },
      Targets: [Match.objectLike({ Arn: BUS_ARN, RoleArn: Match.anyValue() })],
    });
  });

  test('forwards security service findings by default', () => {
    forwarder().template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.securityhub', 'aws.guardduty', 'aws.access-analyzer', 'aws.config'],
      }),
    });
  });

  test('forwards external-access and unused-access findings of IAM Access Analyzer', () => {
    forwarder().template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        'detail-type': Match.arrayWith(['Access Analyzer Finding', 'Unused Access Finding for IAM entities']),
      }),
    });
  });

  test('can leave findings out', () => {
    forwarder({ findings: false }).template.resourceCountIs('AWS::Events::Rule', 1);
  });

  test('names its rules with the prefix the protection policy covers', () => {
    const rules = forwarder().template.findResources('AWS::Events::Rule');
    const names = Object.values(rules).map((r: any) => r.Properties.Name);
    expect(names.filter((n) => /^IamGuardrails-.{1,50}$/.test(n))).toHaveLength(names.length);
  });

  test('forwards the alarms and names the rules with the prefix given', () => {
    const { template } = forwarder({ namePrefix: 'SecOps' });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: Match.objectLike({ alarmName: [{ prefix: 'SecOps' }] }) }),
    });
    const names = Object.values(template.findResources('AWS::Events::Rule')).map((r: any) => r.Properties.Name);
    expect(names.filter((n) => n.startsWith('SecOps-') && n.length <= 64)).toHaveLength(names.length);
  });

  test('lets the central bus receive through a role that may only put events there', () => {
    forwarder().template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: BUS_ARN }] },
      Roles: [{ Ref: Match.stringLikeRegexp('ForwarderRole') }],
    });
  });

  test('shares one role among its rules', () => {
    forwarder({ detections: DetectionCatalog.iamAttack() }).template.resourceCountIs('AWS::IAM::Role', 1);
  });

  test('forwards the events of detections that have an EventBridge pattern', () => {
    const withPattern = DetectionCatalog.iamAttack().filter((d) => d.eventPattern);
    const { template } = forwarder({ detections: DetectionCatalog.iamAttack(), findings: false });
    template.resourceCountIs('AWS::Events::Rule', 1 + withPattern.length);
  });

  test('receives read-only events for detections that need them', () => {
    const readOnly = DetectionCatalog.iamAttack().filter((d) => d.eventPattern && d.includesReadOnlyEvents);
    const { template } = forwarder({ detections: readOnly, findings: false });
    expect(readOnly.length).toBeGreaterThan(0);
    template.resourcePropertiesCountIs('AWS::Events::Rule',
      { State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' }, readOnly.length);
  });
});
