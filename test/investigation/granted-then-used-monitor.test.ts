import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmTopic } from '../../src/detection';
import { GrantedThenUsedMonitor, GrantedThenUsedMonitorProps } from '../../src/investigation';
import { nagApp, unacknowledgedFindings } from '../nag/nag-harness';
import { lintTemplate } from '../support/template-lint';

const ENV = { account: '111122223333', region: 'us-east-1' };

function build(props: Partial<GrantedThenUsedMonitorProps> = {}, app = new App()) {
  const stack = new Stack(app, 'Stack', { env: ENV });
  const topic = new AlarmTopic(stack, 'Alarms').topic;
  const monitor = new GrantedThenUsedMonitor(stack, 'Monitor', { alarmTopic: topic, ...props });
  return { stack, topic, monitor, template: Template.fromStack(stack) };
}

/** Every statement of the function role's policies. */
function roleStatements(template: Template): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('GrantedThenUsedMonitor', () => {
  test('keeps watches in an on-demand table keyed by principal, with a TTL and PITR', () => {
    build().template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'principal', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() }),
    });
  });

  test('retains the table when the stack is deleted', () => {
    build().template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('deletes the table only when told to in so many words', () => {
    build({ removalPolicy: RemovalPolicy.DESTROY }).template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  test('lets the function read and write only items of its table', () => {
    const { template, stack, monitor } = build();
    const dynamo = roleStatements(template).filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    expect(dynamo).toEqual([expect.objectContaining({
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Resource: stack.resolve(monitor.table.tableArn),
    })]);
  });

  test('lets the function publish only to the alarm topic', () => {
    const { template, stack, topic } = build();
    const publish = roleStatements(template).filter((s) => JSON.stringify(s.Action).includes('sns:'));
    expect(publish).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: stack.resolve(topic.topicArn) })]);
  });

  test('grants the function only its table, topic, key, queue and log group, and no managed policy', () => {
    const { template, stack, monitor, topic } = build();
    const resolved = (value: unknown) => JSON.stringify(stack.resolve(value));
    const allowed = [
      monitor.table.tableArn, topic.topicArn, monitor.encryptionKey.keyArn, monitor.deadLetterQueue.queueArn,
      monitor.logGroup.logGroupArn, (topic as any).masterKey?.keyArn,
    ].filter(Boolean).map(resolved);
    for (const statement of roleStatements(template)) {
      for (const resource of [statement.Resource].flat()) expect(allowed).toContain(JSON.stringify(resource));
    }
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('gives the function no wildcard resource', () => {
    const resources = roleStatements(build().template).map((s) => s.Resource);
    expect(resources).not.toContain('*');
  });

  test('passes the window to the function in seconds', () => {
    build({ window: Duration.hours(6) }).template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ WINDOW_SECONDS: '21600' }) },
    });
  });

  test('watches for 24 hours by default', () => {
    expect(build().monitor.window.toHours()).toBe(24);
  });

  test('gives the function a dead-letter queue, reserved concurrency and 128 MB', () => {
    build().template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      ReservedConcurrentExecutions: 10,
      MemorySize: 128,
    });
  });

  test('encrypts the dead-letter queue with the key', () => {
    build().template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
  });

  test('sends successful API calls and console sign-ins of the Region to the function', () => {
    build().template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
        'detail': { errorCode: [{ exists: false }] },
      },
      State: 'ENABLED',
    });
  });

  test('names the detection in the rule\'s metadata', () => {
    build().template.hasResource('AWS::Events::Rule', { Metadata: { 'cdk-iam-guardrails:detection': 'GrantedThenUsed' } });
  });

  test.each([
    ['shorter than an hour', Duration.minutes(59)],
    ['longer than 7 days', Duration.days(8)],
  ])('rejects a window %s, naming the construct path', (_, window) => {
    expect(() => build({ window })).toThrow(/Stack\/Monitor: window is .*from 1 hour to 7 days/);
  });

  test('rejects a reserved concurrency below 1', () => {
    expect(() => build({ reservedConcurrency: 0 })).toThrow(/Stack\/Monitor: reservedConcurrency is 0/);
  });

  test('passes the AwsSolutions and NIST 800-53 R5 packs', () => {
    const app = nagApp();
    build({}, app);
    expect(unacknowledgedFindings(app)).toEqual([]);
  });

  test('synthesizes a template the CloudFormation validator accepts', () => {
    expect(lintTemplate(build().template.toJSON())).toEqual([]);
  });
});
