import { Token } from 'aws-cdk-lib';
import { Detection } from '../../detections/detection';
import { LogPattern } from '../../patterns/log-pattern';

/** Refuses a detection whose filter pattern CloudWatch Logs would reject at deploy time. */
export function checkFilterPattern(path: string, detection: Detection): void {
  if (Token.isUnresolved(detection.filterPattern)) return;
  const problem = LogPattern.problem(detection.filterPattern);
  if (problem) {
    throw new Error(
      `${path}: the filterPattern of detection '${detection.id}' does not parse: ${problem}. ` +
        'Fix the pattern; the CloudWatch Logs filter pattern syntax is at ' +
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
    );
  }
}
