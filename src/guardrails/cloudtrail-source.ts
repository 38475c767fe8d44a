import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
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
}

/** Options of the Control Tower source. */
export interface ControlTowerSourceOptions {
  /**
   * Prefix of the Control Tower trail's log group name. Newer landing zones add a suffix to
   * the name, so the log group is found by prefix at deployment.
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
   * Reuse the AWS Control Tower organization trail instead of creating a second trail:
   * its log group (in the management account's home Region) is looked up by name prefix
   * when the stack deploys, so the suffixed names of newer landing zones are found too.
   * Deploy where that log group is.
   */
  public static controlTower(options: ControlTowerSourceOptions = {}): CloudTrailSource {
    const prefix = options.logGroupNamePrefix ?? 'aws-controltower/CloudTrailLogs';
    return new (class extends CloudTrailSource {
      public bind(scope: Construct): CloudTrailSourceConfig {
        const lookup = new cr.AwsCustomResource(scope, 'ControlTowerLogGroupLookup', {
          onUpdate: {
            service: 'CloudWatchLogs',
            action: 'describeLogGroups',
            parameters: { logGroupNamePrefix: prefix, limit: 1 },
            physicalResourceId: cr.PhysicalResourceId.of(`control-tower-log-group:${prefix}`),
            outputPaths: ['logGroups.0.logGroupName'],
          },
          // DescribeLogGroups has no resource-level permissions.
          policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
            resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
          }),
          installLatestAwsSdk: false,
        });
        const name = lookup.getResponseField('logGroups.0.logGroupName');
        return { logGroup: logs.LogGroup.fromLogGroupName(scope, 'ControlTowerLogGroup', name) };
      }
    })();
  }

  /** Creates what the source needs in `scope` and returns the log group to watch. */
  public abstract bind(scope: Construct): CloudTrailSourceConfig;
}
