import { App, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { lintTemplate } from '../support/template-lint';

describe('template lint in the jest setup', () => {
  test('accepts a stack with a Lambda function, a bucket and a custom resource', () => {
    const stack = new Stack(new App(), 'Valid');
    new s3.Bucket(stack, 'Bucket', {
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new lambda.Function(stack, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    new cr.AwsCustomResource(stack, 'Custom', {
      onCreate: {
        service: 'IAM',
        action: 'getAccountPasswordPolicy',
        physicalResourceId: cr.PhysicalResourceId.of('policy'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
        resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE,
      }),
    });

    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('fails Template.fromStack on a property the resource type does not have', () => {
    const stack = new Stack(new App(), 'Invalid');
    new CfnResource(stack, 'Topic', {
      type: 'AWS::SNS::Topic',
      properties: { NoSuchProperty: 'x' },
    });

    expect(() => Template.fromStack(stack)).toThrow(
      /stack 'Invalid' fails CloudFormation validation[\s\S]*Topic Properties\.NoSuchProperty/,
    );
  });

  test('reports a reference to a resource the template does not hold', () => {
    const errors = lintTemplate({
      Resources: {
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: { 'Fn::GetAtt': ['Missing', 'Arn'] } },
        },
      },
    });

    expect(errors.map((e) => e.logicalId)).toContain('Topic');
  });

  test('leaves warnings out', () => {
    const errors = lintTemplate({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [{
                Effect: 'Allow',
                Principal: { Service: 'lambda.amazonaws.com' },
                Action: 'sts:AssumeRole',
              }],
            },
          },
        },
        Fn: {
          Type: 'AWS::Lambda::Function',
          DependsOn: 'Role',
          Properties: {
            Runtime: 'nodejs22.x',
            Handler: 'index.handler',
            Code: { ZipFile: 'x' },
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          },
        },
      },
    });

    expect(errors).toEqual([]);
  });
});
