import { App, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { findingsOf, readViolations, synthViolations } from './nag-harness';
import { IamGuardrailsChecks } from '../../src/nag';

describe('IG6 UserManagedPolicies', () => {
  test('flags a managed policy attached to a user', () => {
    expect(findingsOf('IG6', (s) => new iam.User(s, 'Alice', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    }))).toEqual(['IamGuardrails-IG6']);
  });

  test('flags a customer managed policy that names users', () => {
    expect(findingsOf('IG6', (s) => {
      const user = new iam.User(s, 'Bob');
      new iam.ManagedPolicy(s, 'Policy', {
        users: [user],
        statements: [new iam.PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] })],
      });
    })).toEqual(['IamGuardrails-IG6']);
  });

  test('accepts a managed policy attached to a group', () => {
    expect(findingsOf('IG6', (s) => {
      const group = new iam.Group(s, 'Readers', {
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      });
      new iam.User(s, 'Carol', { groups: [group] });
    })).toEqual([]);
  });
});

describe('IG7 UserInlinePolicies', () => {
  test('flags an inline policy added to a user', () => {
    expect(findingsOf('IG7', (s) => new iam.User(s, 'Dave').addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
    ))).toEqual(['IamGuardrails-IG7']);
  });

  test('flags a policy embedded in the user resource', () => {
    expect(findingsOf('IG7', (s) => new iam.CfnUser(s, 'Erin', {
      policies: [{
        policyName: 'inline',
        policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] },
      }],
    }))).toEqual(['IamGuardrails-IG7']);
  });

  test('accepts an inline policy on a role', () => {
    expect(findingsOf('IG7', (s) => new iam.Role(s, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    }).addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
    ))).toEqual([]);
  });
});

describe('IG8 AccessKeyInTemplate', () => {
  test('flags an access key', () => {
    expect(findingsOf('IG8', (s) => new iam.AccessKey(s, 'Key', {
      user: new iam.User(s, 'Ci'),
    }))).toEqual(['IamGuardrails-IG8']);
  });

  test('accepts a user without a key', () => {
    expect(findingsOf('IG8', (s) => new iam.User(s, 'Ci'))).toEqual([]);
  });
});

describe('IG9 LoginProfileInTemplate', () => {
  test('flags a user with a console password', () => {
    expect(findingsOf('IG9', (s) => new iam.User(s, 'Frank', {
      password: SecretValue.unsafePlainText('Correct-Horse-1'),
    }))).toEqual(['IamGuardrails-IG9']);
  });

  test('accepts a user without a console password', () => {
    expect(findingsOf('IG9', (s) => new iam.User(s, 'Grace'))).toEqual([]);
  });
});

describe('IG10 TrustOpenToAnyone', () => {
  test('flags a role any AWS principal can assume', () => {
    expect(findingsOf('IG10', (s) => new iam.Role(s, 'Open', {
      assumedBy: new iam.AnyPrincipal(),
    }))).toEqual(['IamGuardrails-IG10[Statement::0]']);
  });

  test('accepts * restricted to the organization', () => {
    expect(findingsOf('IG10', (s) => new iam.Role(s, 'Org', {
      assumedBy: new iam.AnyPrincipal().withConditions({
        StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
      }),
    }))).toEqual([]);
  });
});

describe('IG11 CrossAccountTrustWithoutCondition', () => {
  test('flags trust in another account without a condition', () => {
    expect(findingsOf('IG11', (s) => new iam.Role(s, 'Vendor', {
      assumedBy: new iam.AccountPrincipal('444455556666'),
    }))).toEqual(['IamGuardrails-IG11[Statement::0]']);
  });

  test('accepts trust in another account with sts:ExternalId', () => {
    expect(findingsOf('IG11', (s) => new iam.Role(s, 'Vendor', {
      assumedBy: new iam.AccountPrincipal('444455556666'),
      externalIds: ['vendor-7f3a'],
    }))).toEqual([]);
  });

  test('accepts trust in the stack account', () => {
    expect(findingsOf('IG11', (s) => new iam.Role(s, 'Local', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
    }))).toEqual([]);
  });
});

describe('identity rules on L1 resources', () => {
  const trust = (principal: unknown, condition?: unknown) => ({
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', Condition: condition }],
  });

  test('IG7 flags a user policy resource', () => {
    expect(findingsOf('IG7', (s) => new iam.CfnUserPolicy(s, 'UserPolicy', {
      userName: 'henry',
      policyName: 'inline',
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }] },
    }))).toEqual(['IamGuardrails-IG7']);
  });

  test('IG10 flags a bare * principal and an AWS list holding *, naming each role', () => {
    const violations = synthViolations((s) => {
      new iam.CfnRole(s, 'Bare', { assumeRolePolicyDocument: trust('*') });
      new iam.CfnRole(s, 'Listed', { assumeRolePolicyDocument: trust({ AWS: ['*'] }) });
    }).filter((v) => v.ruleName === 'IamGuardrails-IG10[Statement::0]');
    expect(violations.flatMap((v) => v.constructPaths).sort()).toEqual(['Fixture/Bare', 'Fixture/Listed']);
  });

  test('IG11 flags a role ARN of another account written as text', () => {
    expect(findingsOf('IG11', (s) => new iam.CfnRole(s, 'Partner', {
      assumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::444455556666:role/deployer' }),
    }))).toEqual(['IamGuardrails-IG11[Statement::0]']);
  });

  test('IG11 accepts a service principal', () => {
    expect(findingsOf('IG11', (s) => new iam.CfnRole(s, 'Service', {
      assumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }),
    }))).toEqual([]);
  });

  test('IG11 accepts another account restricted to one principal ARN', () => {
    expect(findingsOf('IG11', (s) => new iam.CfnRole(s, 'Pinned', {
      assumeRolePolicyDocument: trust({ AWS: '444455556666' }, {
        ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/deployer' },
      }),
    }))).toEqual([]);
  });

  test('IG11 counts every account as another one in a stack without an account', () => {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const stack = new Stack(app, 'Agnostic');
    new iam.Role(stack, 'Local', { assumedBy: new iam.AccountPrincipal('111122223333') });
    Validations.of(app).addPlugins(new IamGuardrailsChecks(app));
    expect(readViolations(app).map((v) => v.ruleName)).toContain('IamGuardrails-IG11[Statement::0]');
  });
});
