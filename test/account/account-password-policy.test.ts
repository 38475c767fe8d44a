import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AccountPasswordPolicy, PasswordPolicyOnDelete } from '../../src/account';

function stack(): Stack {
  return new Stack(new App(), 'Account', { env: { account: '111122223333', region: 'us-east-1' } });
}

function synth(build: (scope: Stack) => void): Template {
  const s = stack();
  build(s);
  return Template.fromStack(s);
}

function handlerPolicyStatements(template: Template): any[] {
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  const [policy] = Object.values(policies);
  return policy.Properties.PolicyDocument.Statement;
}

describe('AccountPasswordPolicy', () => {
  test('applies the CIS and Security Hub settings by default', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    template.hasResourceProperties('Custom::AccountPasswordPolicy', {
      MinimumPasswordLength: 14,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      RequireNumbers: true,
      RequireSymbols: true,
      PasswordReusePrevention: 24,
      MaxPasswordAge: 90,
      AllowUsersToChangePassword: true,
      HardExpiry: false,
    });
  });

  test('keeps the policy when the stack is deleted unless told otherwise', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    template.hasResourceProperties('Custom::AccountPasswordPolicy', { OnDelete: 'Retain' });
  });

  test('passes the chosen deletion behaviour to the handler', () => {
    const template = synth(
      (s) =>
        new AccountPasswordPolicy(s, 'PasswordPolicy', { onDelete: PasswordPolicyOnDelete.RESTORE_PREVIOUS }),
    );

    template.hasResourceProperties('Custom::AccountPasswordPolicy', { OnDelete: 'RestorePrevious' });
  });

  test('passes settings the user chose', () => {
    const template = synth(
      (s) =>
        new AccountPasswordPolicy(s, 'PasswordPolicy', {
          minimumPasswordLength: 20,
          requireSymbols: false,
          maxPasswordAge: 45,
          hardExpiry: true,
        }),
    );

    template.hasResourceProperties('Custom::AccountPasswordPolicy', {
      MinimumPasswordLength: 20,
      RequireSymbols: false,
      MaxPasswordAge: 45,
      HardExpiry: true,
    });
  });

  test('lets the handler call exactly the three password policy actions', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    const iamActions = handlerPolicyStatements(template)
      .flatMap((statement) => [statement.Action].flat())
      .filter((action: string) => action.startsWith('iam:'))
      .sort();
    expect(iamActions).toEqual([
      'iam:DeleteAccountPasswordPolicy',
      'iam:GetAccountPasswordPolicy',
      'iam:UpdateAccountPasswordPolicy',
    ]);
  });

  test('lets the handler write only to its own log group', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    const logs = handlerPolicyStatements(template).find((statement) =>
      [statement.Action].flat().includes('logs:PutLogEvents'),
    );
    expect(logs.Resource['Fn::GetAtt'][0]).toMatch(/^PasswordPolicyHandlerLogs/);
  });

  test('keeps the handler logs when the stack is deleted', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('runs the handler behind the Provider framework', () => {
    const template = synth((s) => new AccountPasswordPolicy(s, 'PasswordPolicy'));

    template.hasResourceProperties('Custom::AccountPasswordPolicy', {
      ServiceToken: { 'Fn::GetAtt': [Match.stringLikeRegexp('frameworkonEvent'), 'Arn'] },
    });
  });

  test('allows one password policy per account in different apps', () => {
    const first = stack();
    const second = stack();
    new AccountPasswordPolicy(first, 'PasswordPolicy');

    expect(() => new AccountPasswordPolicy(second, 'PasswordPolicy')).not.toThrow();
  });

  test('allows password policies for different accounts in one app', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: { account: '111122223333', region: 'us-east-1' } });
    const b = new Stack(app, 'B', { env: { account: '444455556666', region: 'us-east-1' } });
    new AccountPasswordPolicy(a, 'PasswordPolicy');

    expect(() => new AccountPasswordPolicy(b, 'PasswordPolicy')).not.toThrow();
  });
});
