import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ControlTowerLogGroup } from './private/control-tower-log-group';
import { AuditTrail } from '../trail/audit-trail';
import { AuditTrailProps } from '../trail/audit-trail-props';

/** What a `CloudTrailSource` gives the baseline to watch. */
export interface CloudTrailSourceConfig {
  /** The log group the trail delivers to. */
  readonly logGroup: logs.ILogGroup;

  /**
   * The trail, when the baseline created it.
   *
   * @default - the trail belongs to someone else
   */
  readonly trail?: AuditTrail;

  /**
   * The account already has an AWS Config recorder that comes with the trail's setup (AWS
   * Control Tower records in every enrolled account), so the baseline uses it instead of
   * creating a second one, which AWS Config would refuse.
   *
   * @default false
   */
  readonly existingConfigRecorder?: boolean;
}

/** Options of the Control Tower source. */
export interface ControlTowerSourceOptions {
  /**
   * Name of the Control Tower trail's log group, without the suffix that landing zone 4.0
   * and later add (`<name>-<suffix>`); the group is found when the stack deploys.
   *
   * @default 'aws-controltower/CloudTrailLogs'
   */
  readonly logGroupNamePrefix?: string;
}

/**
 * Where the baseline's CloudTrail records come from: a trail it creates, an existing log
 * group, or the AWS Control Tower trail.
 */
export abstract class CloudTrailSource {
  /** Create a hardened `AuditTrail`. */
  public static auditTrail(props: AuditTrailProps = {}): CloudTrailSource {
    return new (class extends CloudTrailSource {
      public bind(scope: Construct): CloudTrailSourceConfig {
        const trail = new AuditTrail(scope, 'Trail', props);
        return { logGroup: trail.logGroup, trail };
      }
    })();
  }

  /** Watch a log group an existing trail already delivers to; create no trail. */
  public static existingLogGroup(logGroup: logs.ILogGroup): CloudTrailSource {
    return new (class extends CloudTrailSource {
      public bind(): CloudTrailSourceConfig {
        return { logGroup };
      }
    })();
  }

  /**
   * Reuse the AWS Control Tower organization trail instead of creating a second trail, and
   * the AWS Config recorder Control Tower runs in every enrolled account.
   *
   * The trail's log group (in the management account's home Region) is found when the stack
   * deploys: `aws-controltower/CloudTrailLogs` before landing zone 4.0,
   * `aws-controltower/CloudTrailLogs-<suffix>` from 4.0 on, a new suffix each time the trail
   * is turned on again. A suffixed group wins over an unsuffixed one and the newest suffixed
   * group over older ones; with none, the deployment fails saying so. Deploy where that log
   * group is.
   */
  public static controlTower(options: ControlTowerSourceOptions = {}): CloudTrailSource {
    const prefix = options.logGroupNamePrefix ?? 'aws-controltower/CloudTrailLogs';
    return new (class extends CloudTrailSource {
      public bind(scope: Construct): CloudTrailSourceConfig {
        const lookup = new ControlTowerLogGroup(scope, 'ControlTowerLogGroupLookup', prefix);
        return {
          logGroup: logs.LogGroup.fromLogGroupName(scope, 'ControlTowerLogGroup', lookup.logGroupName),
          existingConfigRecorder: true,
        };
      }
    })();
  }

  /** Creates what the source needs in `scope` and returns the log group to watch. */
  public abstract bind(scope: Construct): CloudTrailSourceConfig;
}
