/**
 * The CloudWatch console address that opens Logs Insights with a query and a log group
 * filled in. The console reads its state from the fragment in its own encoding: values
 * are written with every character but letters, digits, `-` and `.` as `*xx` (hex of
 * each UTF-8 byte), strings start with `'`, objects and lists are `~(` items joined by
 * `~` `)`; the whole is escaped, prefixed with `?queryDetail=`, URI-encoded, and `%`
 * becomes `$`. Internal: not exported from the package barrel.
 *
 * A log group name known only at deployment (a token) is encoded by CloudFormation: the
 * characters a log group name may hold beyond letters, digits, `-` and `.` are `_`, `/`
 * and `#`, and each is replaced with its `*xx` form by splitting and joining on it. The
 * other layers leave `*xx`, letters, digits, `-` and `.` as they are, so the deployed
 * address is the one a known name gives. A Region token is put in as it is: Region names
 * are letters, digits and `-`.
 *
 * The console host follows the partition: `console.aws.amazon.com`,
 * `console.amazonaws-us-gov.com` in AWS GovCloud (US), `console.amazonaws.cn` in the China
 * Regions, each behind the Region's name. A concrete Region gives its partition at
 * synthesis; a Region token leaves the choice to CloudFormation, through two conditions on
 * `AWS::Partition`. Other partitions (ISO, European Sovereign Cloud) get the commercial
 * host: their console hosts are not public.
 */
import { Aws, CfnCondition, Fn, Stack, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { IConstruct } from 'constructs';

const CONSOLE_HOSTS: Record<string, string> = {
  'aws': 'console.aws.amazon.com',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-cn': 'console.amazonaws.cn',
};

export interface ConsoleUrlOptions {
  /** Any construct of the stack the address is for; its Region and partition pick the host. */
  readonly scope: IConstruct;
  readonly query: string;
  readonly logGroupName: string;
  /** How far back the query looks, in seconds. */
  readonly lookbackSeconds: number;
}

export function insightsConsoleUrl(options: ConsoleUrlOptions): string {
  const state = `~(end~0~start~-${options.lookbackSeconds}~timeType~'RELATIVE~unit~'seconds`
    + `~editorString~'${value(options.query)}~source~(~'`;
  const given = options.logGroupName;
  const name = Token.isUnresolved(given) ? deployTimeValue(given) : value(given);
  const fragment = `${outer(`?queryDetail=${state}`)}${name}${outer('))')}`;
  const stack = Stack.of(options.scope);
  const region = stack.region;
  return `https://${region}.${consoleHost(stack)}/cloudwatch/home?region=${region}#logsV2:logs-insights${fragment}`;
}

/** The console host of the stack's partition, without the Region. */
function consoleHost(stack: Stack): string {
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

/** One value: `*xx` for each byte of every character but letters, digits, `-` and `.`. */
function value(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[A-Za-z0-9.-]/.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `*${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return out;
}

/** `value` of a name known only at deployment, done by CloudFormation. */
function deployTimeValue(name: string): string {
  let encoded = name;
  for (const ch of ['#', '_', '/']) encoded = Fn.join(value(ch), Fn.split(ch, encoded));
  return encoded;
}

/** The outer layers: JavaScript's legacy escape, then URI encoding, then `%` as `$`. */
function outer(text: string): string {
  const escaped = text.replace(/[^A-Za-z0-9@*_+\-./]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return encodeURIComponent(escaped).replace(/%/g, '$');
}
