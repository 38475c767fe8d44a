import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { decodeConsoleUrl, evaluate } from './console-url';
import { DetectionCatalog } from '../../src/detections';
import { InvestigationLink, InvestigationQueries } from '../../src/investigation';

const ENV = { account: '111122223333', region: 'us-east-1' };
const USER_CREATED = DetectionCatalog.get('UserCreated');

function stackWith(logGroupName?: string, env: { account?: string; region?: string } | undefined = ENV) {
  const stack = new Stack(new App(), 'Stack', { env });
  const logGroup = new logs.LogGroup(stack, 'Trail', { logGroupName });
  return { stack, logGroup };
}

describe('InvestigationLink', () => {
  test('gives the same address as the saved query, without the construct', () => {
    const { stack, logGroup } = stackWith('/aws/cloudtrail/org');
    const queries = new InvestigationQueries(stack, 'Queries', { logGroup, detections: [USER_CREATED] });
    expect(InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup)).toBe(queries.consoleUrl('UserCreated'));
  });

  test('looks back 24 hours unless told otherwise', () => {
    const { stack, logGroup } = stackWith('/aws/cloudtrail/org');
    expect(decodeConsoleUrl(InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup)).lookback).toBe(86400);
  });

  test('looks back over the period it is given', () => {
    const { stack, logGroup } = stackWith('/aws/cloudtrail/org');
    const url = InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup, Duration.hours(2));
    expect(decodeConsoleUrl(url).lookback).toBe(7200);
  });

  test('rejects a lookback under a minute, naming the value', () => {
    const { stack, logGroup } = stackWith('/aws/cloudtrail/org');
    expect(() => InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup, Duration.seconds(30)))
      .toThrow(/lookback is 30 seconds; .*at least Duration.minutes\(1\)/);
  });

  test('opens an imported log group by its name', () => {
    const { stack } = stackWith();
    const imported = logs.LogGroup.fromLogGroupName(stack, 'Imported', 'aws-controltower/CloudTrailLogs');
    const url = InvestigationLink.consoleUrl(stack, USER_CREATED, imported);
    expect(decodeConsoleUrl(url).source).toBe('aws-controltower/CloudTrailLogs');
  });

  test('encodes a name known only at deployment as it would a known one', () => {
    const name = 'aws-controltower/CloudTrailLogs_v2#1';
    const known = stackWith(name);
    const expected = InvestigationLink.consoleUrl(known.stack, USER_CREATED, known.logGroup);

    const { stack } = stackWith();
    const lookedUp = new logs.CfnLogGroup(stack, 'LookedUp');
    const deployTime = logs.LogGroup.fromLogGroupName(stack, 'DeployTime', lookedUp.ref);
    const resolved = stack.resolve(InvestigationLink.consoleUrl(stack, USER_CREATED, deployTime));
    expect(typeof resolved).not.toBe('string');
    expect(evaluate(resolved, { [stack.getLogicalId(lookedUp)]: name })).toBe(expected);
  });

  test('names the Region of a stack without env at deployment', () => {
    const { stack, logGroup } = stackWith('/aws/cloudtrail/org', {});
    const resolved = stack.resolve(InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup));
    const conditions = Template.fromStack(stack).toJSON().Conditions;
    const url = evaluate(resolved, { 'AWS::Region': 'eu-west-1', 'AWS::Partition': 'aws' }, conditions);
    expect(decodeConsoleUrl(url)).toMatchObject({ region: 'eu-west-1', source: '/aws/cloudtrail/org' });
  });
});
