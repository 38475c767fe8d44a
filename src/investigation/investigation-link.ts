import { Duration, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { detectionQuery } from './private/detection-query';
import { insightsConsoleUrl } from './private/insights-console-url';
import { synthLogGroupName } from './private/log-group-name';
import { Detection } from '../detections/detection';

/**
 * Links from a notification to the CloudWatch Logs Insights console, with the query of the
 * detection that fired filled in and the trail's log group selected.
 *
 * The time range is relative: it ends when the link is opened, not when the event
 * happened, so a lookback shorter than the time a notification may wait to be read hides
 * the event. A log group name known only at deployment is encoded by CloudFormation.
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
   * @param lookback how far back the query looks; default 24 hours, at least 1 minute
   */
  public static consoleUrl(scope: IConstruct, detection: Detection, logGroup: logs.ILogGroup,
    lookback?: Duration): string {
    return InvestigationLink.forQuery(scope, detectionQuery(detection).text, logGroup, lookback);
  }

  /**
   * The console address that runs any Logs Insights query text on the log group.
   *
   * @param scope any construct of the stack the address is for
   * @param query the Logs Insights query text
   * @param logGroup the log group the query runs on
   * @param lookback how far back the query looks; default 24 hours, at least 1 minute
   */
  public static forQuery(scope: IConstruct, query: string, logGroup: logs.ILogGroup, lookback?: Duration): string {
    const period = lookback ?? Duration.hours(24);
    const seconds = period.toSeconds({ integral: false });
    if (!Token.isUnresolved(seconds) && (seconds < 60 || !Number.isInteger(seconds))) {
      throw new Error(`${scope.node.path}: lookback is ${period.toHumanString()}; give a whole number of `
        + 'seconds, at least Duration.minutes(1).');
    }
    return insightsConsoleUrl({
      scope,
      query,
      logGroupName: synthLogGroupName(logGroup),
      lookbackSeconds: seconds,
    });
  }

  private constructor() {}
}
