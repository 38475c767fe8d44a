import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { decodeConsoleUrl, evaluate } from './console-url';
import { DetectionCatalog } from '../../src/detections';
import { InvestigationLink } from '../../src/investigation';

const USER_CREATED = DetectionCatalog.get('UserCreated');

function linkIn(region?: string) {
  const stack = new Stack(new App(), 'Stack', { env: region ? { account: '111122223333', region } : {} });
  const logGroup = new logs.LogGroup(stack, 'Trail', { logGroupName: '/aws/cloudtrail/org' });
  return { stack, url: InvestigationLink.consoleUrl(stack, USER_CREATED, logGroup) };
}

const base = (url: string) => url.split('#')[0];

const PARTITIONS: Array<[string, string, string]> = [
  ['aws', 'eu-west-1', 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1'],
  ['aws-us-gov', 'us-gov-west-1',
    'https://us-gov-west-1.console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1'],
  ['aws-cn', 'cn-north-1', 'https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1'],
];

describe('InvestigationLink in each partition', () => {
  test.each(PARTITIONS)('opens the %s console of a stack in %s', (_partition, region, expected) => {
    const { url } = linkIn(region);
    expect(base(url)).toBe(expected);
    expect(decodeConsoleUrl(url)).toMatchObject({ region, source: '/aws/cloudtrail/org' });
  });

  test('opens the China console for a Region the CDK does not know yet, by its prefix', () => {
    expect(base(linkIn('cn-south-9').url))
      .toBe('https://cn-south-9.console.amazonaws.cn/cloudwatch/home?region=cn-south-9');
  });

  test('adds no condition to a stack whose Region is known', () => {
    const { stack } = linkIn('us-gov-east-1');
    expect(Template.fromStack(stack).toJSON().Conditions).toBeUndefined();
  });

  test.each(PARTITIONS)(
    'lets CloudFormation pick the %s console when the Region is known only at deployment (%s)',
    (partition, region, expected) => {
      const { stack, url } = linkIn();
      const conditions = Template.fromStack(stack).toJSON().Conditions;
      const deployed = evaluate(stack.resolve(url), { 'AWS::Region': region, 'AWS::Partition': partition }, conditions);
      expect(base(deployed)).toBe(expected);
      expect(deployed.length).toBeLessThanOrEqual(url.length);
    },
  );

  test('shares one pair of partition conditions among every address of a stack', () => {
    const { stack } = linkIn();
    const logGroup = logs.LogGroup.fromLogGroupName(stack, 'Other', 'other');
    InvestigationLink.consoleUrl(stack, DetectionCatalog.get('RootActivity'), logGroup);
    expect(Object.keys(Template.fromStack(stack).toJSON().Conditions).sort()).toEqual([
      'IamGuardrailsPartitionIsChina', 'IamGuardrailsPartitionIsGovCloud',
    ]);
  });
});
