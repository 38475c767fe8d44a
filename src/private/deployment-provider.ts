import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeInCompliancePacks } from './compliance-packs';
import { acknowledgeDeploymentFunction, acknowledgeProviderFramework } from './provider-acknowledgements';

export interface DeploymentProviderOptions {
  /** Names the handler in descriptions and acknowledgement reasons ("password policy handler"). */
  readonly what: string;
  /** The one public AWS endpoint the handler calls, for the no-VPC reason ("IAM"). */
  readonly service: string;
  /** The description of the handler's managed policy. */
  readonly policyDescription: string;
  /** The description of the handler's role. */
  readonly roleDescription: string;
  /** The actions the handler calls; they support no resource-level permissions. */
  readonly actions: string[];
  /** Why those actions take `*` as their resource. */
  readonly wildcardReason: string;
  /** What the handler's logs hold, for the reason they use CloudWatch Logs' own key. */
  readonly logsHold: string;
  /** Creates the handler (a projen-bundled function) with the role and log group given. */
  readonly createHandler: (role: iam.IRole, logGroup: logs.ILogGroup) => lambda.Function;
}

/**
 * A custom-resource handler and the Provider framework in front of it, as `scope`'s children
 * `HandlerLogs`, `HandlerPolicy`, `HandlerRole`, `Handler`, `ProviderLogs` and `Provider`:
 * logs kept a year and retained, a managed policy holding only `actions` and the log writes,
 * and the findings neither can act on acknowledged on the one resource each is about.
 */
export function deploymentProvider(scope: Construct, options: DeploymentProviderOptions) {
  const handlerLogs = retainedLogGroup(scope, 'HandlerLogs');
  const policy = new iam.ManagedPolicy(scope, 'HandlerPolicy', {
    description: options.policyDescription,
    statements: [
      new iam.PolicyStatement({ actions: options.actions, resources: ['*'] }),
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [handlerLogs.logGroupArn],
      }),
    ],
  });
  Validations.of(policy).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: options.wildcardReason });
  const role = new iam.Role(scope, 'HandlerRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: options.roleDescription,
    managedPolicies: [policy],
  });

  const handler = options.createHandler(role, handlerLogs);
  acknowledgeDeploymentFunction(handler, `The ${options.what}`, options.service);

  const providerLogs = retainedLogGroup(scope, 'ProviderLogs');
  const provider = new cr.Provider(scope, 'Provider', { onEventHandler: handler, logGroup: providerLogs });
  acknowledgeProviderFramework(provider, handler, options.what);
  for (const group of [handlerLogs, providerLogs]) {
    acknowledgeInCompliancePacks(group, 'CloudWatchLogGroupEncrypted',
      `These logs hold ${options.logsHold}, no secrets; CloudWatch Logs encrypts them at rest ` +
        'with its own key.');
  }
  return { handler, provider };
}

function retainedLogGroup(scope: Construct, id: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
