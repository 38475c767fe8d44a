import { CustomResource, Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { deploymentProvider } from '../../private/deployment-provider';
import { ControlTowerLogGroupFunction } from '../control-tower-log-group-function';

/**
 * Looks the Control Tower trail's log group up when the stack deploys and fails the
 * deployment, with a reason naming the prefix, when there is none. Internal to
 * `CloudTrailSource.controlTower()`.
 */
export class ControlTowerLogGroup extends Construct {
  /** The name of the log group found. */
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, prefix: string) {
    super(scope, id);

    const { provider } = deploymentProvider(this, {
      what: 'Control Tower log group lookup',
      service: 'CloudWatch Logs',
      policyDescription: 'Lets the Control Tower log group lookup list log groups.',
      roleDescription: 'Runs the Control Tower log group lookup.',
      actions: ['logs:DescribeLogGroups'],
      wildcardReason: 'logs:DescribeLogGroups lists the groups of the account and Region and supports ' +
        'no resource-level permissions, so IAM accepts only "*" as its resource.',
      logsHold: 'request ids and log group names',
      createHandler: (role, logGroup) => new ControlTowerLogGroupFunction(this, 'Handler', {
        description: 'Finds the AWS Control Tower trail log group (cdk-iam-guardrails).',
        role,
        logGroup,
        timeout: Duration.minutes(2),
      }),
    });

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::ControlTowerLogGroup',
      properties: { LogGroupNamePrefix: prefix },
    });
    this.logGroupName = resource.getAttString('LogGroupName');
  }
}
