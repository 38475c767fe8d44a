import { evaluate } from './policy-evaluator';

const ALICE = { username: 'alice', mfa: false };

describe('policy evaluator used by the account tests', () => {
  test('an explicit deny beats an allow', () => {
    const documents = [
      { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      { Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] },
    ];

    expect(evaluate(documents, 's3:GetObject', '*', ALICE)).toBe('explicitly denied');
  });

  test('without a matching allow the request is implicitly denied', () => {
    const documents = [{ Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] }];

    expect(evaluate(documents, 's3:GetObject', '*', ALICE)).toBe('implicitly denied');
  });

  test('matches actions without regard to case', () => {
    const documents = [{ Statement: [{ Effect: 'Allow', Action: 'IAM:getuser', Resource: '*' }] }];

    expect(evaluate(documents, 'iam:GetUser', '*', ALICE)).toBe('allowed');
  });

  test('NotAction applies to every action but the listed ones', () => {
    const documents = [{ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }];

    expect(evaluate(documents, 'iam:CreateUser', '*', ALICE)).toBe('implicitly denied');
  });

  test('NotResource applies to every resource but the listed ones', () => {
    const documents = [{ Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::a' }] }];

    expect(evaluate(documents, 's3:GetObject', 'arn:aws:s3:::a', ALICE)).toBe('implicitly denied');
  });

  test('substitutes ${aws:username} in resources', () => {
    const documents = [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: 'user/${aws:username}' }] }];

    expect(evaluate(documents, 'iam:GetUser', 'user/bob', ALICE)).toBe('implicitly denied');
  });

  test('BoolIfExists matches a missing key, Bool does not', () => {
    const condition = (operator: string) => ({
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'false' } },
        },
      ],
    });

    expect([
      evaluate([condition('BoolIfExists')], 's3:GetObject', '*', { username: 'alice' }),
      evaluate([condition('Bool')], 's3:GetObject', '*', { username: 'alice' }),
    ]).toEqual(['allowed', 'implicitly denied']);
  });

  test('resolves the partition and account intrinsics in a synthesized resource', () => {
    const resource = {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':user/x']],
    };
    const documents = [{ Statement: [{ Effect: 'Allow', Action: '*', Resource: resource }] }];

    expect(evaluate(documents, 'iam:GetUser', 'arn:aws:iam::111122223333:user/x', ALICE)).toBe('allowed');
  });
});
