import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { adminGrantToUser, iamUser, readBy, writeBy } from './records';
import { handler } from '../../src/investigation/grant-correlation.lambda';

const dynamo = mockClient(DynamoDBDocumentClient);
const snsMock = mockClient(SNSClient);

const GRANT = adminGrantToUser('svc-etl-runner', '2025-04-10T18:24:58Z');
const WATCH = {
  principal: 'user#111122223333#svc-etl-runner',
  expiresAt: Date.parse('2025-04-10T18:24:58Z') / 1000 + 86400,
  grant: { eventName: 'AttachUserPolicy', eventTime: '2025-04-10T18:24:58Z', policy: 'arn:aws:iam::aws:policy/AdministratorAccess' },
};

function event(detail: any): any {
  return { 'version': '0', 'id': 'e', 'detail-type': 'AWS API Call via CloudTrail', 'source': 'aws.iam', 'detail': detail };
}

beforeEach(() => {
  dynamo.reset();
  snsMock.reset();
  process.env.AWS_REGION = 'us-east-1';
  process.env.TABLE_NAME = 'Watches';
  process.env.TOPIC_ARN = 'arn:aws:sns:us-east-1:111122223333:alarms';
  process.env.WINDOW_SECONDS = '86400';
  dynamo.on(GetCommand).resolves({});
});

describe('grant correlation function', () => {
  test('stores a watch for the grantee of a full-privilege grant, expiring after the window', async () => {
    await handler(event(GRANT));
    const put = dynamo.commandCalls(PutCommand)[0].args[0].input;
    expect(put.TableName).toBe('Watches');
    expect(put.Item).toMatchObject({ principal: WATCH.principal, expiresAt: WATCH.expiresAt });
  });

  test('publishes an alert naming the grant on the grantee\'s first write', async () => {
    dynamo.on(GetCommand).resolves({ Item: WATCH });
    dynamo.on(UpdateCommand).resolves({});
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    const publish = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(publish.TopicArn).toBe('arn:aws:sns:us-east-1:111122223333:alarms');
    expect(publish.Message).toMatch(/AttachUserPolicy of arn:aws:iam::aws:policy\/AdministratorAccess/);
  });

  test('reads the watch consistently, by principal', async () => {
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(dynamo.commandCalls(GetCommand)[0].args[0].input).toMatchObject({
      TableName: 'Watches',
      Key: { principal: WATCH.principal },
      ConsistentRead: true,
    });
  });

  test('marks the first use with a conditional update', async () => {
    dynamo.on(GetCommand).resolves({ Item: WATCH });
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(dynamo.commandCalls(UpdateCommand)[0].args[0].input.ConditionExpression)
      .toBe('attribute_exists(principal) AND attribute_not_exists(alertedAt)');
  });

  test('publishes nothing when another run marked the first use already', async () => {
    dynamo.on(GetCommand).resolves({ Item: WATCH });
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('publishes nothing for a principal without a watch', async () => {
    await handler(event(writeBy(iamUser('someone'), '2025-04-10T19:00:00Z')));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('does not read the table for a read-only call', async () => {
    await handler(event(readBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
  });

  test('fails (so EventBridge retries) when DynamoDB fails', async () => {
    dynamo.on(GetCommand).rejects(new Error('throttled'));
    await expect(handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')))).rejects.toThrow('throttled');
  });

  test('publishes nothing for a watch past its window that DynamoDB has not deleted yet', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...WATCH, expiresAt: Date.parse('2025-04-10T18:54:58Z') / 1000 } });
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('publishes nothing once the first use was reported', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...WATCH, alertedAt: '2025-04-10T18:30:00Z' } });
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  test('watches for the window it is configured with', async () => {
    process.env.WINDOW_SECONDS = '3600';
    await handler(event(GRANT));
    expect(dynamo.commandCalls(PutCommand)[0].args[0].input.Item)
      .toMatchObject({ expiresAt: Date.parse('2025-04-10T18:24:58Z') / 1000 + 3600 });
  });

  test('tags the message with the detection and the principal, under a short subject', async () => {
    dynamo.on(GetCommand).resolves({ Item: WATCH });
    dynamo.on(UpdateCommand).resolves({});
    await handler(event(writeBy(iamUser('svc-etl-runner'), '2025-04-10T19:00:00Z')));
    const publish = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(publish.Subject).toBe('GrantedThenUsed: svc-etl-runner used full privileges');
    expect(publish.MessageAttributes).toEqual({
      detection: { DataType: 'String', StringValue: 'GrantedThenUsed' },
      principal: { DataType: 'String', StringValue: WATCH.principal },
    });
  });

  test('fails naming the setting when the table is not configured', async () => {
    delete process.env.TABLE_NAME;
    await expect(handler(event(GRANT))).rejects.toThrow('environment variable TABLE_NAME is not set');
  });
});

