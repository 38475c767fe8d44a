import { Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { findingsOf, guardrailFindings } from './nag-harness';
import { PolicyAnalyzer } from '../../src/policy';

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

describe('the policy rules and PolicyAnalyzer', () => {
  const documents: Record<string, any[]> = {
    'one admin statement': [{ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' }],
    'admin beside a scoped read': [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
      { Effect: 'Allow', Action: ['*:*'], Resource: ['arn:aws:*:*:*:*'] },
    ],
    'admin cancelled by a deny of everything': [
      { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Quarantine', Effect: 'Deny', Action: '*', Resource: '*' },
    ],
    'admin under a condition': [{
      Sid: 'Mfa',
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }],
    'service-wide access only': [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
  };

  test.each(Object.keys(documents))('IG1 flags every statement the analyzer counts as a grant: %s', (name) => {
    const statements = documents[name];
    const granted = PolicyAnalyzer.fullPrivilegeStatements(JSON.stringify({ Statement: statements }))
      .map((label) => `IamGuardrails-IG1[Statement::${label}]`);
    const flagged = findingsOf('IG1', (s) => inlinePolicy(s, statements));
    expect(flagged).toEqual(expect.arrayContaining(granted));
  });

  test('IG1 also flags a conditioned admin statement the analyzer does not count as a grant', () => {
    const statements = documents['admin under a condition'];
    expect(PolicyAnalyzer.grantsFullPrivileges(JSON.stringify({ Statement: statements }))).toBe(false);
    expect(findingsOf('IG1', (s) => inlinePolicy(s, statements)))
      .toEqual(['IamGuardrails-IG1[Statement::Mfa]']);
  });
});

describe('policy values given as intrinsic functions', () => {
  test('never take an imported action for *', () => {
    expect(findingsOf('IG1', (s) => inlinePolicy(s, [
      { Effect: 'Allow', Action: Fn.importValue('Actions'), Resource: '*' },
    ]))).toEqual([]);
  });

  test('still judge the readable values of the same statement', () => {
    expect(findingsOf('IG5', (s) => inlinePolicy(s, [
      { Sid: 'Mixed', Effect: 'Allow', Action: [Fn.importValue('Action'), 'iam:PassRole'], Resource: '*' },
    ]))).toEqual(['IamGuardrails-IG5[Statement::Mixed]']);
  });
});

describe('overlapping policy rules', () => {
  test('report * on * under IG1 only, not again as service or escalation access', () => {
    const names = guardrailFindings((s) => inlinePolicy(s, [
      { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
    ]));
    expect(names).toEqual(['IamGuardrails-IG1[Statement::Admin]']);
  });

  test('IG2 reads service wildcards and an all-wildcard ARN', () => {
    expect(findingsOf('IG2', (s) => inlinePolicy(s, [
      { Sid: 'Sts', Effect: 'Allow', Action: 'STS:*', Resource: 'arn:aws:*:*:*:*' },
      { Sid: 'Org', Effect: 'Allow', Action: 'organ*:*', Resource: '*' },
    ]))).toEqual(['IamGuardrails-IG2[Statement::Org]', 'IamGuardrails-IG2[Statement::Sts]']);
  });

  test('IG5 flags each escalation family the rule lists', () => {
    const actions = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:AttachRolePolicy',
      'iam:PutGroupPolicy', 'iam:UpdateAssumeRolePolicy', 'iam:CreateAccessKey',
      'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:AddUserToGroup'];
    expect(findingsOf('IG5', (s) => inlinePolicy(s, actions.map((action) => ({
      Sid: action.replace(':', ''), Effect: 'Allow', Action: action, Resource: '*',
    }))))).toEqual(actions.map((a) => `IamGuardrails-IG5[Statement::${a.replace(':', '')}]`).sort());
  });
});
