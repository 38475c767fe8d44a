import { CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../../private/compliance-packs';
import {
  acknowledgeDeploymentFunction, acknowledgeProviderFramework,
} from '../../private/provider-acknowledgements';
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

    const handlerLogs = new logs.LogGroup(this, 'HandlerLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const policy = new iam.ManagedPolicy(this, 'HandlerPolicy', {
      description: 'Lets the Control Tower log group lookup list log groups.',
      statements: [
        new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [handlerLogs.logGroupArn],
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'logs:DescribeLogGroups lists the groups of the account and Region and supports ' +
        'no resource-level permissions, so IAM accepts only "*" as its resource.',
    });
    const handler = new ControlTowerLogGroupFunction(this, 'Handler', {
      description: 'Finds the AWS Control Tower trail log group (cdk-iam-guardrails).',
      role: new iam.Role(this, 'HandlerRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Runs the Control Tower log group lookup.',
        managedPolicies: [policy],
      }),
      logGroup: handlerLogs,
      timeout: Duration.minutes(2),
    });
    acknowledgeDeploymentFunction(handler, 'The Control Tower log group lookup', 'CloudWatch Logs');

    const providerLogs = new logs.LogGroup(this, 'ProviderLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: handler, logGroup: providerLogs });
    acknowledgeProviderFramework(provider, handler, 'Control Tower log group lookup');
    for (const group of [handlerLogs, providerLogs]) {
      acknowledgeInCompliancePacks(group, 'CloudWatchLogGroupEncrypted',
        'These logs hold request ids and log group names, no secrets; CloudWatch Logs ' +
          'encrypts them at rest with its own key.');
    }

    const resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::ControlTowerLogGroup',
      properties: { LogGroupNamePrefix: prefix },
    });
    this.logGroupName = resource.getAttString('LogGroupName');
  }
}
