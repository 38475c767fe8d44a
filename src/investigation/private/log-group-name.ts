/**
 * The name of a log group as far as synthesis knows it. Internal: not exported from the
 * package barrel.
 */
import { Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The log group's name: the one given to a `LogGroup` construct is read back (its
 * `logGroupName` is a reference even then); otherwise the name as it is, possibly a token.
 */
export function synthLogGroupName(logGroup: logs.ILogGroup): string {
  const name = logGroup.logGroupName;
  if (!Token.isUnresolved(name)) return name;
  const cfn = logGroup.node.defaultChild;
  const given = cfn instanceof logs.CfnLogGroup ? cfn.logGroupName : undefined;
  return given !== undefined && !Token.isUnresolved(given) ? given : name;
}

/** Whether the log group's name is known at synthesis, so an address holding it has a known length. */
export function logGroupNameKnown(logGroup: logs.ILogGroup): boolean {
  return !Token.isUnresolved(synthLogGroupName(logGroup));
}
