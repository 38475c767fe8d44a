/**
 * The AWS Management Console host of a stack's partition: `console.aws.amazon.com`,
 * `console.amazonaws-us-gov.com` in AWS GovCloud (US), `console.amazonaws.cn` in the China
 * Regions, each put behind the Region's name in an address. A concrete Region gives its
 * partition at synthesis; a Region token leaves the choice to CloudFormation, through two
 * conditions on `AWS::Partition`. Other partitions (ISO, European Sovereign Cloud) get the
 * commercial host: their console hosts are not public.
 */
import { Aws, CfnCondition, Fn, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';

const CONSOLE_HOSTS: Record<string, string> = {
  'aws': 'console.aws.amazon.com',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-cn': 'console.amazonaws.cn',
};

/** The console host of the stack's partition, without the Region. */
export function consoleHost(stack: Stack): string {
  const region = stack.region;
  if (!Token.isUnresolved(region)) {
    const partition = RegionInfo.get(region).partition ?? partitionByName(region);
    return CONSOLE_HOSTS[partition] ?? CONSOLE_HOSTS.aws;
  }
  const china = partitionCondition(stack, 'IamGuardrailsPartitionIsChina', 'aws-cn');
  const govCloud = partitionCondition(stack, 'IamGuardrailsPartitionIsGovCloud', 'aws-us-gov');
  return Token.asString(Fn.conditionIf(china.logicalId, CONSOLE_HOSTS['aws-cn'],
    Fn.conditionIf(govCloud.logicalId, CONSOLE_HOSTS['aws-us-gov'], CONSOLE_HOSTS.aws)));
}

/** The partition of a Region name the CDK does not know yet, from its prefix. */
function partitionByName(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** One condition per stack, shared by every address in it. */
function partitionCondition(stack: Stack, id: string, partition: string): CfnCondition {
  const existing = stack.node.tryFindChild(id);
  if (existing) return existing as CfnCondition;
  const condition = new CfnCondition(stack, id, { expression: Fn.conditionEquals(Aws.PARTITION, partition) });
  condition.overrideLogicalId(id);
  return condition;
}
