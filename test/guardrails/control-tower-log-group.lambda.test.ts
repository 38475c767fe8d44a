import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/guardrails/control-tower-log-group.lambda';

const logs = mockClient(CloudWatchLogsClient);
const PREFIX = 'aws-controltower/CloudTrailLogs';

function event(requestType: 'Create' | 'Update' | 'Delete'): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:framework',
    ResponseURL: 'https://cloudformation-custom-resource-response.example/response',
    StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/S/id',
    RequestId: 'request-1',
    LogicalResourceId: 'Lookup',
    ResourceType: 'Custom::ControlTowerLogGroup',
    ResourceProperties: { ServiceToken: 'token', LogGroupNamePrefix: PREFIX },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  const physical = { PhysicalResourceId: `${PREFIX}-old` };
  if (requestType === 'Update') {
    return { ...common, ...physical, RequestType: 'Update', OldResourceProperties: { ServiceToken: 'token' } };
  }
  return { ...common, ...physical, RequestType: 'Delete' };
}

function groups(...entries: Array<[string, number]>) {
  return entries.map(([logGroupName, creationTime]) => ({ logGroupName, creationTime }));
}

async function found(): Promise<string | undefined> {
  return (await handler(event('Create'))).Data?.LogGroupName;
}

beforeEach(() => logs.reset());

describe('Control Tower log group lookup', () => {
  test('asks CloudWatch Logs for the groups with the prefix', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([PREFIX, 1]) });
    await found();
    expect(logs.commandCalls(DescribeLogGroupsCommand)[0].args[0].input).toEqual({ logGroupNamePrefix: PREFIX });
  });

  test('finds the unsuffixed group of a landing zone before 4.0', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([PREFIX, 1]) });
    expect(await found()).toBe(PREFIX);
  });

  test('finds the suffixed group of landing zone 4.0', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([`${PREFIX}-tfw-qeb`, 1]) });
    expect(await found()).toBe(`${PREFIX}-tfw-qeb`);
  });

  test('prefers the suffixed group to an unsuffixed one left by an earlier version', async () => {
    // DescribeLogGroups lists by name, so the unsuffixed group comes first.
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([PREFIX, 2], [`${PREFIX}-abc-def`, 1]) });
    expect(await found()).toBe(`${PREFIX}-abc-def`);
  });

  test('takes the newest suffixed group when the trail was turned on again', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: groups([`${PREFIX}-aaa-aaa`, 100], [`${PREFIX}-zzz-zzz`, 300], [`${PREFIX}-mmm-mmm`, 200]),
    });
    expect(await found()).toBe(`${PREFIX}-zzz-zzz`);
  });

  test('reads every page of the listing', async () => {
    logs.on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: groups([PREFIX, 1]), nextToken: 'page-2' })
      .resolvesOnce({ logGroups: groups([`${PREFIX}-new-one`, 2]) });
    expect(await found()).toBe(`${PREFIX}-new-one`);
    expect(logs.commandCalls(DescribeLogGroupsCommand)[1].args[0].input.nextToken).toBe('page-2');
  });

  test('ignores groups whose names only start with the prefix', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([PREFIX, 1], [`${PREFIX}Backup`, 2]) });
    expect(await found()).toBe(PREFIX);
  });

  test('fails with the prefix and what to do when there is no group', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    await expect(found()).rejects.toThrow(
      new RegExp('No CloudWatch Logs log group named aws-controltower/CloudTrailLogs or '
        + 'aws-controltower/CloudTrailLogs-<suffix>.*existingLogGroup'));
  });

  test('looks again on update and names the group as the physical id', async () => {
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: groups([`${PREFIX}-new-one`, 2]) });
    expect(await handler(event('Update'))).toEqual({
      PhysicalResourceId: `${PREFIX}-new-one`, Data: { LogGroupName: `${PREFIX}-new-one` },
    });
  });

  test('calls nothing on delete', async () => {
    expect(await handler(event('Delete'))).toEqual({ PhysicalResourceId: `${PREFIX}-old` });
    expect(logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(0);
  });
});
