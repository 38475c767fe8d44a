// Finds the log group of the AWS Control Tower trail for CloudTrailSource.controlTower().
// Invoked by the custom-resource Provider framework: a resolved promise reports SUCCESS, a
// rejected one reports FAILED with the error message as the reason CloudFormation shows.
import { CloudWatchLogsClient, DescribeLogGroupsCommand, LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

const logs = new CloudWatchLogsClient({ maxAttempts: 8, retryMode: 'adaptive' });

export interface HandlerResponse {
  readonly PhysicalResourceId: string;
  readonly Data?: { readonly [key: string]: string };
}

export async function handler(event: CloudFormationCustomResourceEvent): Promise<HandlerResponse> {
  if (event.RequestType === 'Delete') {
    // The log group belongs to Control Tower: nothing to undo.
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const prefix = String(event.ResourceProperties.LogGroupNamePrefix);
  const name = chooseLogGroup(prefix, await listLogGroups(prefix));
  return { PhysicalResourceId: name, Data: { LogGroupName: name } };
}

async function listLogGroups(prefix: string): Promise<LogGroup[]> {
  const groups: LogGroup[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }));
    groups.push(...(page.logGroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return groups;
}

/**
 * Landing zones before version 4.0 name the group exactly `prefix`; version 4.0 and later add
 * a random suffix (`prefix-xxx-xxx`) and make a new group each time the trail is enabled
 * again. So a suffixed group wins over the unsuffixed one an upgrade leaves behind, and of
 * several suffixed groups the newest is the one the trail writes to. Names merely starting
 * with the prefix (`prefixBackup`) are not Control Tower's.
 */
export function chooseLogGroup(prefix: string, groups: LogGroup[]): string {
  const named = groups.filter((g): g is LogGroup & { logGroupName: string } =>
    g.logGroupName === prefix || (g.logGroupName?.startsWith(`${prefix}-`) ?? false));
  const suffixed = named
    .filter((g) => g.logGroupName !== prefix)
    .sort((a, b) => (b.creationTime ?? 0) - (a.creationTime ?? 0)
      || a.logGroupName.localeCompare(b.logGroupName));
  const chosen = suffixed[0] ?? named[0];
  if (!chosen) {
    throw new Error(`No CloudWatch Logs log group named ${prefix} or ${prefix}-<suffix> in this ` +
      'account and Region. Deploy in the Control Tower management account\'s home Region, ' +
      'check that the landing zone has its organization trail turned on, or watch another log ' +
      'group with CloudTrailSource.existingLogGroup().');
  }
  return chosen.logGroupName;
}
