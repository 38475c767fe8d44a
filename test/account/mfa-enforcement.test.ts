import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Decision, evaluate, RequestContext } from './policy-evaluator';
import { MfaEnforcement, MfaEnforcementProps } from '../../src/account';

const ACCOUNT = '111122223333';
const arn = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;

function stack(): Stack {
  return new Stack(new App(), 'Account', { env: { account: ACCOUNT, region: 'us-east-1' } });
}

function policyDocument(props: MfaEnforcementProps = {}): any {
  const s = stack();
  new MfaEnforcement(s, 'Mfa', props);
  const [policy] = Object.values(Template.fromStack(s).findResources('AWS::IAM::ManagedPolicy'));
  return policy.Properties.PolicyDocument;
}

/** What else a user may hold: here, everything, so only this policy's denies stand in the way. */
const BROAD_PERMISSIONS = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const ALICE_WITHOUT_MFA: RequestContext = { username: 'alice', mfa: false };
const ALICE_WITH_ACCESS_KEY: RequestContext = { username: 'alice' };
const ALICE_WITH_MFA: RequestContext = { username: 'alice', mfa: true };

const SELF_SERVICE: Array<[string, string]> = [
  ['iam:CreateVirtualMFADevice', arn('mfa/alice')],
  ['iam:EnableMFADevice', arn('user/alice')],
  ['iam:ResyncMFADevice', arn('user/alice')],
  ['iam:ChangePassword', arn('user/alice')],
  ['iam:GetUser', arn('user/alice')],
  ['iam:GetAccountPasswordPolicy', '*'],
  ['iam:ListMFADevices', arn('user/alice')],
  ['iam:ListVirtualMFADevices', '*'],
  ['sts:GetSessionToken', '*'],
];

const EVERYTHING_ELSE: Array<[string, string]> = [
  ['s3:ListBucket', 'arn:aws:s3:::audit-logs'],
  ['iam:CreateUser', arn('user/mallory')],
  ['ec2:DescribeInstances', '*'],
  ['iam:CreateVirtualMFADevice', arn('mfa/bob')],
  ['iam:EnableMFADevice', arn('user/bob')],
  ['iam:ChangePassword', arn('user/bob')],
  ['iam:DeactivateMFADevice', arn('user/alice')],
  ['iam:CreateAccessKey', arn('user/alice')],
];

describe('MfaEnforcement policy, judged by IAM evaluation logic', () => {
  const document = policyDocument();
  const alone = (action: string, resource: string, context: RequestContext): Decision =>
    evaluate([document], action, resource, context);
  const withBroad = (action: string, resource: string, context: RequestContext): Decision =>
    evaluate([document, BROAD_PERMISSIONS], action, resource, context);

  test.each(SELF_SERVICE)('grants %s on %s without MFA', (action, resource) => {
    expect(alone(action, resource, ALICE_WITHOUT_MFA)).toBe('allowed');
  });

  test.each(SELF_SERVICE)('does not deny %s on %s to access-key requests', (action, resource) => {
    expect(withBroad(action, resource, ALICE_WITH_ACCESS_KEY)).toBe('allowed');
  });

  test.each(EVERYTHING_ELSE)('denies %s on %s without MFA, whatever else the user may do', (action, resource) => {
    expect(withBroad(action, resource, ALICE_WITHOUT_MFA)).toBe('explicitly denied');
  });

  test.each(EVERYTHING_ELSE)('denies %s on %s to access-key requests without MFA', (action, resource) => {
    expect(withBroad(action, resource, ALICE_WITH_ACCESS_KEY)).toBe('explicitly denied');
  });

  test.each(EVERYTHING_ELSE)('leaves %s on %s to the user\'s other permissions with MFA', (action, resource) => {
    expect(withBroad(action, resource, ALICE_WITH_MFA)).toBe('allowed');
  });

  test('grants nothing beyond self-service by itself, even with MFA', () => {
    expect(alone('s3:ListBucket', 'arn:aws:s3:::audit-logs', ALICE_WITH_MFA)).toBe('implicitly denied');
  });

  test('lets a user with MFA remove their own MFA device', () => {
    expect(alone('iam:DeactivateMFADevice', arn('user/alice'), ALICE_WITH_MFA)).toBe('allowed');
  });

  test('covers users with a path', () => {
    expect(alone('iam:EnableMFADevice', arn('user/engineering/alice'), ALICE_WITHOUT_MFA)).toBe('allowed');
  });
});

describe('MfaEnforcement exemptions, judged by IAM evaluation logic', () => {
  const document = policyDocument({ exemptUserNames: ['break-glass'] });
  const decide = (action: string, resource: string, context: RequestContext): Decision =>
    evaluate([document, BROAD_PERMISSIONS], action, resource, context);

  test.each(EVERYTHING_ELSE)('does not deny %s on %s to an exempt user without MFA', (action, resource) => {
    expect(decide(action, resource, { username: 'break-glass', mfa: false })).toBe('allowed');
  });

  test.each(EVERYTHING_ELSE)('still denies %s on %s to other users without MFA', (action, resource) => {
    expect(decide(action, resource, ALICE_WITHOUT_MFA)).toBe('explicitly denied');
  });

  test('exempts the named user only, not names that contain it', () => {
    expect(decide('s3:ListBucket', '*', { username: 'break-glass-2', mfa: false })).toBe('explicitly denied');
  });
});

describe('MfaEnforcement', () => {
  test('uses BoolIfExists false on aws:MultiFactorAuthPresent in its denies', () => {
    const denies = policyDocument().Statement.filter((s: any) => s.Effect === 'Deny');

    expect(denies.map((s: any) => s.Condition)).toEqual([
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    ]);
  });

  test('exempts users through a StringNotLike condition on aws:username', () => {
    const denies = policyDocument({ exemptUserNames: ['break-glass', 'root-keeper'] }).Statement.filter(
      (s: any) => s.Effect === 'Deny',
    );

    for (const deny of denies) {
      expect(deny.Condition.StringNotLike).toEqual({ 'aws:username': ['break-glass', 'root-keeper'] });
    }
  });

  test('creates a group with the policy when given no group and no user', () => {
    const s = stack();
    const mfa = new MfaEnforcement(s, 'Mfa');

    Template.fromStack(s).hasResourceProperties('AWS::IAM::Group', {
      ManagedPolicyArns: [{ Ref: s.getLogicalId(mfa.policy.node.defaultChild as iam.CfnManagedPolicy) }],
    });
  });

  test('attaches the policy to the groups and users it is given', () => {
    const s = stack();
    const group = new iam.Group(s, 'Admins');
    const user = iam.User.fromUserName(s, 'Operator', 'operator');
    new MfaEnforcement(s, 'Mfa', { groups: [group], users: [user] });

    Template.fromStack(s).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Groups: [{ Ref: Match.stringLikeRegexp('^Admins') }],
      Users: ['operator'],
    });
  });

  test('creates no group when it is given groups or users', () => {
    const s = stack();
    new MfaEnforcement(s, 'Mfa', { users: [iam.User.fromUserName(s, 'Operator', 'operator')] });

    Template.fromStack(s).resourceCountIs('AWS::IAM::Group', 0);
  });

  test('warns about exempt users', () => {
    const s = stack();
    new MfaEnforcement(s, 'Mfa', { exemptUserNames: ['break-glass'] });

    Annotations.fromStack(s).hasWarning(
      '/Account/Mfa',
      Match.stringLikeRegexp('exempt from MFA enforcement \\(break-glass\\)'),
    );
  });
});
