import { readStatements } from '../../src/policy/private/policy-document';
import {
  actionPatternCovers,
  actionsAllowedOnAllResources,
  allowsEverythingOnEverything,
  servicesFullyAllowed,
} from '../../src/policy/private/statement-analysis';

function statement(raw: Record<string, unknown>) {
  return readStatements({ Statement: [raw] })[0];
}

describe('actionPatternCovers', () => {
  test.each([
    ['iam:Put*', 'iam:PutUserPolicy', true],
    ['iam:*', 'iam:CreateAccessKey', true],
    ['IAM:passrole', 'iam:PassRole', true],
    ['iam:?ttachUserPolicy', 'iam:AttachUserPolicy', true],
    ['iam:Put*', 'iam:PassRole', false],
    ['iam:Get*', 'iam:PutUserPolicy', false],
    ['s3:*', 'iam:PassRole', false],
    ['iam:Put.*', 'iam:PutUserPolicy', false],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(actionPatternCovers(pattern, action)).toBe(expected);
  });
});

describe('statement judgements', () => {
  test('a conditioned Allow of * on * still allows everything on everything', () => {
    expect(allowsEverythingOnEverything(statement({
      Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }))).toBe(true);
  });

  test('finds iam and kms full access on *', () => {
    expect(servicesFullyAllowed(statement({
      Effect: 'Allow', Action: ['iam:*', 'kms:*', 's3:*'], Resource: '*',
    }), ['iam', 'sts', 'organizations', 'kms'])).toEqual(['iam', 'kms']);
  });

  test('does not find service full access on a scoped resource', () => {
    expect(servicesFullyAllowed(statement({
      Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::111122223333:role/app',
    }), ['iam'])).toEqual([]);
  });

  test('finds escalation actions that a wildcard covers', () => {
    expect(actionsAllowedOnAllResources(statement({
      Effect: 'Allow', Action: 'iam:Put*', Resource: '*',
    }), ['iam:PutUserPolicy', 'iam:PassRole', 'iam:PutRolePolicy'])).toEqual([
      'iam:PutUserPolicy', 'iam:PutRolePolicy',
    ]);
  });

  test('ignores escalation actions in a Deny', () => {
    expect(actionsAllowedOnAllResources(statement({
      Effect: 'Deny', Action: 'iam:*', Resource: '*',
    }), ['iam:PassRole'])).toEqual([]);
  });
});
