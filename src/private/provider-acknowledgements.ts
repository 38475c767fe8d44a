import { Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { acknowledgeInCompliancePacks } from './compliance-packs';

/**
 * Acknowledges the findings a synchronous custom-resource function cannot act on: `what`
 * names the function in the reasons, `service` the one public AWS endpoint it calls.
 */
export function acknowledgeDeploymentFunction(fn: lambda.Function, what: string, service: string): void {
  const findings: Array<[string, string]> = [
    [
      'LambdaDLQ',
      `${what} is invoked synchronously and reports failures to CloudFormation, so a ` +
        'dead-letter queue would never receive anything.',
    ],
    [
      'LambdaInsideVPC',
      `${what} only calls the public ${service} endpoint and reaches no private resource, so ` +
        'it needs no VPC.',
    ],
    [
      'LambdaConcurrency',
      `${what} runs only during deployments; reserving concurrency would take it from the ` +
        "account's pool, which new accounts keep at 10.",
    ],
  ];
  for (const [rule, reason] of findings) acknowledgeInCompliancePacks(fn, rule, reason);
}

/**
 * Acknowledges the findings on the function aws-cdk-lib's Provider framework adds in front of
 * `handler` (described as `what` in the reasons).
 */
export function acknowledgeProviderFramework(provider: cr.Provider, handler: lambda.Function, what: string): void {
  const framework = provider.node.findChild('framework-onEvent') as lambda.Function;
  acknowledgeDeploymentFunction(framework, 'The custom-resource framework function', 'Lambda');
  Validations.of(framework.role!).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'aws-cdk-lib\'s Provider framework gives its function this AWS managed policy, which ' +
      'grants only CloudWatch Logs writes.',
  });
  const frameworkPolicy = framework.role!.node.findChild('DefaultPolicy');
  const handlerId = Stack.of(handler).resolve((handler.node.defaultChild as lambda.CfnFunction).logicalId);
  Validations.of(frameworkPolicy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${handlerId}.Arn>:*]`,
    reason:
      `The Provider framework may invoke every version of the one ${what}; the wildcard ` +
      'covers only that function\'s qualifiers.',
  });
  acknowledgeInCompliancePacks(frameworkPolicy, 'IAMNoInlinePolicy',
    'aws-cdk-lib\'s Provider framework grants its function the invoke permission inline; ' +
      `the policy names only the ${what}.`);
}
