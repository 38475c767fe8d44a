import * as fs from 'fs';
import * as path from 'path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/policy/full-privilege-grant.lambda';

const snsMock = mockClient(SNSClient);

function eventFor(file: string): any {
  const record = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8'));
  return {
    'version': '0',
    'id': 'e1f2a3b4-0000-4000-8000-000000000001',
    'detail-type': 'AWS API Call via CloudTrail',
    'source': 'aws.iam',
    'account': record.recipientAccountId,
    'time': record.eventTime,
    'region': record.awsRegion,
    'resources': [],
    'detail': record,
  };
}

const GRANT = 'admin-policy-grant__put-user-policy-action-star-array-console.json';
const QUARANTINE = 'put-user-policy__deny-all-quarantine.json';

let written: string[];

beforeEach(() => {
  snsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  process.env.TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:alarms';
  process.env.METRIC_NAMESPACE = 'Guardrails/Test';
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function metricLines(): any[] {
  return written.map((l) => JSON.parse(l)).filter((l) => l._aws !== undefined);
}

describe('full-privilege grant handler', () => {
  test('publishes one message to the topic for a grant', async () => {
    await handler(eventFor(GRANT));
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input.TopicArn).toBe('arn:aws:sns:us-east-1:111122223333:alarms');
  });

  test('names principal, source address, event, target, account and Region', async () => {
    await handler(eventFor(GRANT));
    const message = snsMock.commandCalls(PublishCommand)[0].args[0].input.Message ?? '';
    expect(message).toContain('arn:aws:sts::111122223333:assumed-role/PowerUsers/mallory.temp');
    expect(message).toContain('203.0.113.66');
    expect(message).toContain('PutUserPolicy');
    expect(message).toContain('user mallory-shadow (inline policy break-glass)');
    expect(message).toContain('Account:        111122223333');
    expect(message).toContain('Region:         us-east-1');
    expect(message).toContain('BreakGlass');
  });

  test('keeps the subject to one printable line under 100 characters', async () => {
    const event = eventFor(GRANT);
    event.detail.requestParameters.userName = `ü${'x'.repeat(200)}\n`;
    await handler(event);
    const subject = snsMock.commandCalls(PublishCommand)[0].args[0].input.Subject ?? '';
    expect(subject.length).toBeLessThan(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
  });

  test('records a datapoint of 1 for AdminPrivilegesGranted in the namespace', async () => {
    await handler(eventFor(GRANT));
    const [line] = metricLines();
    expect(line.AdminPrivilegesGranted).toBe(1);
    expect(line._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'Guardrails/Test',
      Dimensions: [[]],
      Metrics: [{ Name: 'AdminPrivilegesGranted', Unit: 'Count' }],
    });
  });

  test('names the target policy of a policy version', async () => {
    await handler(eventFor('iam-persistence__create-policy-version-set-as-default-admin.json'));
    const message = snsMock.commandCalls(PublishCommand)[0].args[0].input.Message ?? '';
    expect(message).toContain('managed policy arn:aws:iam::111122223333:policy/qa-testing');
  });

  test('does nothing for a deny-all quarantine', async () => {
    const result = await handler(eventFor(QUARANTINE));
    expect(result.granted).toBe(false);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(metricLines()).toHaveLength(0);
  });

  test('does nothing for a policy allowing one action', async () => {
    await handler(eventFor('create-policy__customer-managed-sns-publish.json'));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('does nothing, without throwing, for a malformed document', async () => {
    const event = eventFor(GRANT);
    event.detail.requestParameters.policyDocument = '{"Statement":[{"Effect":"Allow",';
    await expect(handler(event)).resolves.toEqual({ granted: false, statements: [] });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('does nothing for an event without detail', async () => {
    await expect(handler({} as any)).resolves.toEqual({ granted: false, statements: [] });
  });

  test('does nothing for a failed call', async () => {
    const event = eventFor(GRANT);
    event.detail.errorCode = 'AccessDenied';
    await handler(event);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('fails the invocation when SNS refuses, so the event is retried', async () => {
    snsMock.on(PublishCommand).rejects(new Error('KMS key disabled'));
    await expect(handler(eventFor(GRANT))).rejects.toThrow('KMS key disabled');
  });
});
