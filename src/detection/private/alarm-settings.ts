import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { ResolvedAlarm } from './detection-resources';
import { validateAtLeastOne, validatePeriod } from './validation';
import { Detection } from '../../detections/detection';
import { DetectionOverride } from '../detection-override';

const DEFAULT_PERIOD = Duration.minutes(5);

/**
 * The alarm settings of one detection: the override's, else the catalog's, else one event
 * in five minutes, missing data not breaching. Throws on settings CloudWatch refuses; a
 * token is left for CloudFormation to judge.
 *
 * @param path the construct path of the detection, for messages
 */
export function resolveAlarm(path: string, detection: Detection, override: DetectionOverride): ResolvedAlarm {
  const evaluationPeriods = override.evaluationPeriods ?? detection.alarm.evaluationPeriods ?? 1;
  const resolved: ResolvedAlarm = {
    threshold: override.threshold ?? detection.alarm.threshold ?? 1,
    period: override.period ?? detection.alarm.period ?? DEFAULT_PERIOD,
    evaluationPeriods,
    datapointsToAlarm:
      override.datapointsToAlarm ?? detection.alarm.datapointsToAlarm ?? evaluationPeriods,
    treatMissingData:
      override.treatMissingData ??
      detection.alarm.treatMissingData ??
      cloudwatch.TreatMissingData.NOT_BREACHING,
    anomalyBandWidth: detection.alarm.anomalyBandWidth,
  };
  validateAtLeastOne(path, 'threshold', resolved.threshold);
  validateAtLeastOne(path, 'evaluationPeriods', resolved.evaluationPeriods);
  validateAtLeastOne(path, 'datapointsToAlarm', resolved.datapointsToAlarm);
  validatePeriod(path, 'period', resolved.period);
  if (
    !Token.isUnresolved(resolved.datapointsToAlarm) &&
    !Token.isUnresolved(resolved.evaluationPeriods) &&
    resolved.datapointsToAlarm > resolved.evaluationPeriods
  ) {
    throw new Error(
      `${path}: datapointsToAlarm is ${resolved.datapointsToAlarm} but evaluationPeriods is ` +
        `${resolved.evaluationPeriods}; an alarm cannot need more breaching periods than it ` +
        'looks at. Raise evaluationPeriods or lower datapointsToAlarm.',
    );
  }
  return resolved;
}
