import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { detectionQuery } from './private/detection-query';
import { insightsConsoleUrl } from './private/insights-console-url';
import { Detection } from '../detections/detection';

/**
 * Links from a notification to the CloudWatch Logs Insights console, with the query of the
 * detection that fired filled in and the trail's log group selected.
 */
export class InvestigationLink {
  /**
   * The console address that runs the detection's query on the log group over the last
   * `lookback`, in the Region of `scope`'s stack. Usable in alarm descriptions and rule
   * messages; long patterns give addresses past 1,000 characters, and an alarm description
   * holds 1,024 at most.
   *
   * @param scope any construct of the stack the address is for
   * @param detection the detection whose query opens
   * @param logGroup the CloudTrail log group
   * @param lookback how far back the query looks; default 24 hours
   */
  public static consoleUrl(scope: IConstruct, detection: Detection, logGroup: logs.ILogGroup,
    lookback?: Duration): string {
    return InvestigationLink.forQuery(scope, detectionQuery(detection).text, logGroup, lookback);
  }

  /** The console address that runs any Logs Insights query text on the log group. */
  public static forQuery(scope: IConstruct, query: string, logGroup: logs.ILogGroup, lookback?: Duration): string {
    return insightsConsoleUrl({
      region: Stack.of(scope).region,
      query,
      logGroupName: logGroupName(logGroup),
      lookbackSeconds: (lookback ?? Duration.hours(24)).toSeconds(),
    });
  }

  private constructor() {}
}

// A name given to a LogGroup construct is read back, so the address can encode it.
function logGroupName(logGroup: logs.ILogGroup): string {
  const name = logGroup.logGroupName;
  if (!Token.isUnresolved(name)) return name;
  const cfn = logGroup.node.defaultChild;
  const given = cfn instanceof logs.CfnLogGroup ? cfn.logGroupName : undefined;
  return given !== undefined && !Token.isUnresolved(given) ? given : name;
}
