// Prints the CPU time the GrantedThenUsedMonitor function spends per event: the grant
// correlation on a DynamoDB watch store whose client builds, signs and parses every
// request as in Lambda, with only the network replaced by an in-memory table. Waiting on
// DynamoDB is not included. One event in a thousand is a full-privilege grant; the others
// are write calls of 200 principals, a few of them watched.
// Run: npx ts-node --transpile-only --project test/tsconfig.json bench/grant-correlation-bench.ts
import { Readable } from 'stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { correlateAndApply } from '../src/investigation/grant-correlation';
import { DynamoDbWatchStore } from '../src/investigation/grant-correlation.lambda';
import { adminGrantToUser, iamUser, writeBy } from '../test/investigation/records';

process.env.AWS_REGION = 'us-east-1';

/** DynamoDB's GetItem, PutItem and UpdateItem on one table in memory, answering as the service does. */
function inMemoryDynamoDb(): DynamoDBClient {
  const items = new Map<string, any>();
  const answer = (target: string, input: any): any => {
    if (target.endsWith('.GetItem')) {
      const item = items.get(input.Key.principal.S);
      return item ? { Item: item } : {};
    }
    if (target.endsWith('.PutItem')) items.set(input.Item.principal.S, input.Item);
    if (target.endsWith('.UpdateItem')) {
      const item = items.get(input.Key.principal.S);
      if (item) item.alertedAt = input.ExpressionAttributeValues[':alertedAt'];
    }
    return {};
  };
  return new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEXAMPLEBENCH0001', secretAccessKey: 'bench' },
    requestHandler: {
      handle: async (request: any) => {
        const body = JSON.stringify(answer(request.headers['x-amz-target'], JSON.parse(request.body)));
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    } as any,
  });
}

const start = Date.parse('2025-06-01T00:00:00Z');
function record(i: number): any {
  const time = new Date(start + i * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const user = `user-${i % 200}`;
  return i % 1000 === 0 ? adminGrantToUser(user, time) : writeBy(iamUser(user), time, `new-${i}`);
}

async function main(): Promise<void> {
  const store = new DynamoDbWatchStore('Watches', inMemoryDynamoDb());
  const total = 20_000;
  const records = Array.from({ length: total * 2 }, (_, i) => record(i));
  const options = { windowSeconds: 86400 };
  for (let i = 0; i < total; i++) await correlateAndApply(store, records[i], options);
  let alerts = 0;
  const began = process.hrtime.bigint();
  for (let i = total; i < total * 2; i++) alerts += (await correlateAndApply(store, records[i], options)).length;
  const micros = Number(process.hrtime.bigint() - began) / 1e3 / total;
  console.log(`${total} events: ${micros.toFixed(0)} µs of CPU per event on one full core (${alerts} alerts)`);
}

void main();
