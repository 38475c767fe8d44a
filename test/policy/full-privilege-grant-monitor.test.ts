import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FullPrivilegeGrantMonitor, GrantRuleState } from '../../src/policy';

function build(extra: Partial<{ metricNamespace: string; ruleState: GrantRuleState }> = {}) {
  const stack = new Stack(new App(), 'Monitor', {
    env: { account: '111122223333', region: 'us-east-1' },
  });
  const topicKey = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'Alarms', { masterKey: topicKey, enforceSSL: true });
  const monitor = new FullPrivilegeGrantMonitor(stack, 'Grants', { alarmTopic: topic, ...extra });
  return { stack, monitor, template: Template.fromStack(stack) };
}

describe('FullPrivilegeGrantMonitor', () => {
  const { template } = build();

  test('matches successful IAM policy writes delivered by CloudTrail', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.iam'],
        'detail-type': ['AWS API Call via CloudTrail'],
        'detail': {
          eventSource: ['iam.amazonaws.com'],
          eventName: ['PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'CreatePolicy', 'CreatePolicyVersion'],
          errorCode: [{ exists: false }],
        },
      },
      State: 'ENABLED',
    });
  });

  test('describes the rule with the detection id', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Description: Match.stringLikeRegexp('^AdminPrivilegesGranted: '),
    });
  });

  test('marks the rule with the detection id and the full-privilege post-filter', () => {
    template.hasResource('AWS::Events::Rule', {
      Metadata: {
        'cdk-iam-guardrails:detection': 'AdminPrivilegesGranted',
        'cdk-iam-guardrails:post-filter': 'FullPrivilegeGrant',
      },
    });
  });

  test('targets the function, with a dead-letter queue for undeliverable events', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsFunction'), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsDeadLetterQueue'), 'Arn'] } },
      })],
    });
  });

  test('gives the function the topic and the default namespace', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          TOPIC_ARN: { Ref: Match.stringLikeRegexp('^Alarms') },
          METRIC_NAMESPACE: 'IamGuardrails',
        }),
      },
    });
  });

  test('caps the function at a modest reserved concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 5 });
  });

  test('sends failed invocations to the encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsKey'), 'Arn'] },
    });
  });

  test('keeps the function log for a year, encrypted, when the stack is deleted', () => {
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        RetentionInDays: 365,
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsKey'), 'Arn'] },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('lets the function publish to the topic only, and use its key', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('^Alarms') } }),
          Match.objectLike({
            Action: Match.arrayWith(['kms:GenerateDataKey*']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TopicKey'), 'Arn'] },
          }),
        ]),
      },
    });
  });

  test('lets the function put failed events on its encrypted queue', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GrantsKey'), 'Arn'] },
          }),
        ]),
      },
    });
  });

  test('gives the function no managed policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('uses the namespace given', () => {
    build({ metricNamespace: 'Security/Iam' }).template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ METRIC_NAMESPACE: 'Security/Iam' }) },
    });
  });

  test('sets the rule state given', () => {
    build({ ruleState: GrantRuleState.DISABLED }).template.hasResourceProperties('AWS::Events::Rule', {
      State: 'DISABLED',
    });
  });

  test('rejects a namespace CloudWatch reserves, naming the construct and the value', () => {
    expect(() => build({ metricNamespace: 'AWS/IAM' })).toThrow(
      /Monitor\/Grants: metricNamespace 'AWS\/IAM' is not a valid CloudWatch namespace/,
    );
  });
});

describe('FullPrivilegeGrantMonitor resources', () => {
  test('all carry the detection id in their metadata', () => {
    const resources = build().template.toJSON().Resources as Record<string, any>;
    const own = Object.entries(resources).filter(([id]) => id.startsWith('Grants'));
    expect(own.length).toBeGreaterThan(5);
    expect(own.filter(([, r]) => r.Metadata?.['cdk-iam-guardrails:detection'] !== 'AdminPrivilegesGranted'))
      .toEqual([]);
  });
});
