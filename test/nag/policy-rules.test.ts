import { Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { findingsOf } from './nag-harness';

function inlinePolicy(stack: Stack, statements: any[], id = 'Policy'): iam.CfnPolicy {
  return new iam.CfnPolicy(stack, id, {
    policyName: 'fixture',
    roles: [new iam.Role(stack, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    }).roleName],
    policyDocument: { Version: '2012-10-17', Statement: statements },
  });
}

describe('IG1 AdminStatement', () => {
  test('flags an Allow of * on *, naming the statement by its Sid', () => {
    expect(findingsOf('IG1', (s) => inlinePolicy(s, [
      { Sid: 'BreakGlass', Effect: 'Allow', Action: '*', Resource: '*' },
    ]))).toEqual(['IamGuardrails-IG1[Statement::BreakGlass]']);
  });

  test('names a statement without Sid by its position', () => {
    expect(findingsOf('IG1', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] },
    ]))).toEqual(['IamGuardrails-IG1[Statement::1]']);
  });

  test('flags * on * in a role policy embedded in the role, naming the policy', () => {
    expect(findingsOf('IG1', (s) => new iam.CfnRole(s, 'Role', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      policies: [{
        policyName: 'admin',
        policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      }],
    }))).toEqual(['IamGuardrails-IG1[Policies::admin/Statement::0]']);
  });

  test('accepts * on a token resource', () => {
    expect(findingsOf('IG1', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: '*', Resource: Fn.importValue('BucketArn') },
    ]))).toEqual([]);
  });

  test('accepts a Deny of * on *', () => {
    expect(findingsOf('IG1', (s) => inlinePolicy(s, [
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ]))).toEqual([]);
  });
});

describe('IG2 ServiceFullAccess', () => {
  test('flags iam:* on * in a managed policy', () => {
    expect(findingsOf('IG2', (s) => new iam.ManagedPolicy(s, 'Managed', {
      statements: [new iam.PolicyStatement({ actions: ['iam:*'], resources: ['*'] })],
    }))).toEqual(['IamGuardrails-IG2[Statement::0]']);
  });

  test('accepts kms:* scoped to one key', () => {
    expect(findingsOf('IG2', (s) => inlinePolicy(s, [{
      Effect: 'Allow',
      Action: 'kms:*',
      Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    }]))).toEqual([]);
  });
});

describe('IG3 AllowNotAction', () => {
  test('flags Allow NotAction iam:* on *', () => {
    expect(findingsOf('IG3', (s) => inlinePolicy(s, [
      { Sid: 'PowerUser', Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
    ]))).toEqual(['IamGuardrails-IG3[Statement::PowerUser]']);
  });

  test('accepts Deny NotAction', () => {
    expect(findingsOf('IG3', (s) => inlinePolicy(s, [
      { Effect: 'Deny', NotAction: ['iam:ChangePassword'], Resource: '*' },
    ]))).toEqual([]);
  });
});

describe('IG4 AllowNotResource', () => {
  test('flags Allow with NotResource', () => {
    expect(findingsOf('IG4', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secrets/*' },
    ]))).toEqual(['IamGuardrails-IG4[Statement::0]']);
  });

  test('accepts Allow with Resource', () => {
    expect(findingsOf('IG4', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public/*' },
    ]))).toEqual([]);
  });
});

describe('IG5 PrivilegeEscalationActions', () => {
  test('flags iam:Put* on *, which covers iam:PutUserPolicy', () => {
    expect(findingsOf('IG5', (s) => inlinePolicy(s, [
      { Sid: 'Writes', Effect: 'Allow', Action: ['s3:PutObject', 'iam:Put*'], Resource: '*' },
    ]))).toEqual(['IamGuardrails-IG5[Statement::Writes]']);
  });

  test('flags iam:PassRole on * granted through an L2 role', () => {
    expect(findingsOf('IG5', (s) => {
      const role = new iam.Role(s, 'Deployer', {
        assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      });
      role.addToPolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: ['*'] }));
    })).toEqual(['IamGuardrails-IG5[Statement::0]']);
  });

  test('accepts iam:PassRole on one role ARN', () => {
    expect(findingsOf('IG5', (s) => inlinePolicy(s, [{
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111122223333:role/app-task',
    }]))).toEqual([]);
  });

  test('accepts read-only IAM actions on *', () => {
    expect(findingsOf('IG5', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
    ]))).toEqual([]);
  });
});
