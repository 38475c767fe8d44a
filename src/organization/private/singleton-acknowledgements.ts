import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgeInCompliancePacks } from '../../private/compliance-packs';

/** Construct id aws-cdk-lib gives the Lambda function behind every `AwsCustomResource`. */
const AWS_CUSTOM_RESOURCE_FUNCTION_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * Acknowledges the cdk-nag findings on the provider function that `AwsCustomResource`
 * shares across a stack: the function is defined by aws-cdk-lib, runs only during
 * deployments and keeps no data.
 */
export function acknowledgeCustomResourceProvider(scope: IConstruct): void {
  const provider = Stack.of(scope).node.tryFindChild(AWS_CUSTOM_RESOURCE_FUNCTION_ID);
  if (!provider) return;
  const solutions: Array<[string, string]> = [
    ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/'
      + 'AWSLambdaBasicExecutionRole]', 'The aws-cdk-lib AwsCustomResource provider logs through '
      + 'AWSLambdaBasicExecutionRole; it has no other managed policy.'],
    ['AwsSolutions-L1', 'The AwsCustomResource provider runtime is chosen by aws-cdk-lib.'],
  ];
  for (const [id, reason] of solutions) Validations.of(provider).acknowledge({ id, reason });
  const compliance: Array<[string, string]> = [
    ['LambdaConcurrency', 'The AwsCustomResource provider runs only when '
      + 'CloudFormation creates, updates or deletes the resource.'],
    ['LambdaDLQ', 'CloudFormation invokes the AwsCustomResource provider '
      + 'synchronously and reports its failures; there is no event to keep.'],
    ['LambdaInsideVPC', 'The AwsCustomResource provider calls only AWS APIs '
      + 'and needs no VPC.'],
    ['IAMNoInlinePolicy', 'The AwsCustomResource provider role is made by '
      + 'aws-cdk-lib with only its own inline policy.'],
  ];
  for (const [rule, reason] of compliance) acknowledgeInCompliancePacks(provider, rule, reason);
}
