// Runs the granted-then-used correlation on each CloudTrail event EventBridge delivers
// (full-privilege grants and write calls), keeps the watches in DynamoDB and publishes
// one message per alert to the topic.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import {
  alertMessage,
  correlateAndApply,
  DEFAULT_WINDOW_SECONDS,
  GrantedThenUsedAlert,
  Watch,
  WatchStore,
} from './grant-correlation';

const sns = new SNSClient({});
let store: DynamoDbWatchStore | undefined;

/** The SNS subject of an alert (at most 100 characters). */
export function alertSubject(alert: GrantedThenUsedAlert): string {
  const name = alert.principal.split('#').pop() ?? alert.principal;
  const text = alert.kind === 'FIRST_USE'
    ? `GrantedThenUsed: ${name} used full privileges`
    : `GrantedThenUsed: user added to admin group ${name}`;
  return text.slice(0, 100);
}

export async function handler(event: EventBridgeEvent<string, any>): Promise<{ alerts: number }> {
  const tableName = requireEnv('TABLE_NAME');
  const topicArn = requireEnv('TOPIC_ARN');
  const windowSeconds = Number(process.env.WINDOW_SECONDS ?? DEFAULT_WINDOW_SECONDS);
  store ??= new DynamoDbWatchStore(tableName);

  const alerts = await correlateAndApply(store, event.detail, { windowSeconds });
  for (const alert of alerts) {
    await sns.send(new PublishCommand({
      TopicArn: topicArn,
      Subject: alertSubject(alert),
      Message: alertMessage(alert),
      MessageAttributes: {
        detection: { DataType: 'String', StringValue: 'GrantedThenUsed' },
        principal: { DataType: 'String', StringValue: alert.principal },
      },
    }));
  }
  return { alerts: alerts.length };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/**
 * The `WatchStore` on a DynamoDB table keyed by `principal`, with `expiresAt` as its TTL
 * attribute. Reads are strongly consistent so a use seconds after a grant sees it; the
 * first-use mark is a conditional update, so two concurrent runs alert once.
 */
export class DynamoDbWatchStore implements WatchStore {
  private readonly client: DynamoDBDocumentClient;

  constructor(private readonly tableName: string, client: DynamoDBClient = new DynamoDBClient({})) {
    this.client = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  public async get(principal: string): Promise<Watch | undefined> {
    const { Item } = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: { principal },
      ConsistentRead: true,
    }));
    return Item as Watch | undefined;
  }

  public async put(watch: Watch): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: watch }));
  }

  public async markAlerted(principal: string, alertedAt: string): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { principal },
        UpdateExpression: 'SET alertedAt = :alertedAt',
        ConditionExpression: 'attribute_exists(principal) AND attribute_not_exists(alertedAt)',
        ExpressionAttributeValues: { ':alertedAt': alertedAt },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
