import { App, Duration, Stack } from 'aws-cdk-lib';
import { AccessAnalyzer, AccountPasswordPolicy, MfaEnforcement } from '../../src/account';

type Build = (scope: Stack) => void;

const range = (name: string, value: number, min: number, max: number) =>
  `Account/PasswordPolicy: ${name} is ${value}; IAM accepts a whole number from ${min} to ${max}. ` +
  `Set ${name} within that range, or leave it unset for the default.`;

const unusedAge = (shown: string) =>
  `Account/Analyzer: unusedAccessAge is ${shown}; IAM Access Analyzer accepts whole days from 1 to 365. ` +
  'Use Duration.days(n) with n from 1 to 365, or leave it unset for 90 days.';

const ROWS: Array<[string, Build, string]> = [
  [
    'a minimum password length of 5',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { minimumPasswordLength: 5 }),
    range('minimumPasswordLength', 5, 6, 128),
  ],
  [
    'a minimum password length of 129',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { minimumPasswordLength: 129 }),
    range('minimumPasswordLength', 129, 6, 128),
  ],
  [
    'a minimum password length that is not a whole number',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { minimumPasswordLength: 14.5 }),
    range('minimumPasswordLength', 14.5, 6, 128),
  ],
  [
    'a reuse prevention of 0',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { passwordReusePrevention: 0 }),
    range('passwordReusePrevention', 0, 1, 24),
  ],
  [
    'a reuse prevention of 25',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { passwordReusePrevention: 25 }),
    range('passwordReusePrevention', 25, 1, 24),
  ],
  [
    'a maximum password age of 0',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { maxPasswordAge: 0 }),
    range('maxPasswordAge', 0, 1, 1095),
  ],
  [
    'a maximum password age of 1096',
    (s) => new AccountPasswordPolicy(s, 'PasswordPolicy', { maxPasswordAge: 1096 }),
    range('maxPasswordAge', 1096, 1, 1095),
  ],
  [
    'two password policies for one account in one app',
    (s) => {
      const other = new Stack(s.node.root as App, 'Other', { env: { account: '111122223333', region: 'eu-west-1' } });
      new AccountPasswordPolicy(other, 'PasswordPolicy');
      new AccountPasswordPolicy(s, 'PasswordPolicy');
    },
    'Account/PasswordPolicy: an AccountPasswordPolicy for account 111122223333 already exists at ' +
      'Other/PasswordPolicy; an account has one password policy. Keep one AccountPasswordPolicy per ' +
      'account, and give stacks an explicit env.account when they deploy to different accounts.',
  ],
  [
    'a password policy in an environment-agnostic stack beside another one',
    (s) => {
      const agnostic = new Stack(s.node.root as App, 'Agnostic');
      new AccountPasswordPolicy(s, 'PasswordPolicy');
      new AccountPasswordPolicy(agnostic, 'PasswordPolicy');
    },
    'Agnostic/PasswordPolicy: an AccountPasswordPolicy for an account not known at synth time already ' +
      'exists at Account/PasswordPolicy; an account has one password policy. Keep one ' +
      'AccountPasswordPolicy per account, and give stacks an explicit env.account when they deploy ' +
      'to different accounts.',
  ],
  [
    'an empty exemption list',
    (s) => new MfaEnforcement(s, 'Mfa', { exemptUserNames: [] }),
    'Account/Mfa: exemptUserNames is an empty list. Name at least one IAM user, or leave ' +
      'exemptUserNames unset to exempt nobody.',
  ],
  [
    'an exemption given as an ARN',
    (s) => new MfaEnforcement(s, 'Mfa', { exemptUserNames: ['arn:aws:iam::111122223333:user/bg'] }),
    'Account/Mfa: exemptUserNames contains "arn:aws:iam::111122223333:user/bg", which is not an IAM ' +
      'user name (1 to 64 letters, digits and + = , . @ _ -). Give the user name, not an ARN.',
  ],
  [
    'empty group and user lists',
    (s) => new MfaEnforcement(s, 'Mfa', { groups: [], users: [] }),
    'Account/Mfa: groups and users list no group and no user, so the policy would apply to nobody. ' +
      'Pass at least one group or user, or leave both unset to create a group.',
  ],
  [
    'an invalid managed policy name',
    (s) => new MfaEnforcement(s, 'Mfa', { managedPolicyName: 'require mfa' }),
    'Account/Mfa: managedPolicyName is "require mfa"; an IAM policy name has 1 to 128 letters, digits ' +
      'and + = , . @ _ -. Rename it or leave it unset.',
  ],
  [
    'an unused-access age of 0 days',
    (s) => new AccessAnalyzer(s, 'Analyzer', { unusedAccess: true, unusedAccessAge: Duration.days(0) }),
    unusedAge('0 days'),
  ],
  [
    'an unused-access age of 366 days',
    (s) => new AccessAnalyzer(s, 'Analyzer', { unusedAccess: true, unusedAccessAge: Duration.days(366) }),
    unusedAge('366 days'),
  ],
  [
    'an unused-access age that is not whole days',
    (s) => new AccessAnalyzer(s, 'Analyzer', { unusedAccess: true, unusedAccessAge: Duration.hours(36) }),
    unusedAge('1 day 12 hours'),
  ],
  [
    'an unused-access age without the unused-access analyzer',
    (s) => new AccessAnalyzer(s, 'Analyzer', { unusedAccessAge: Duration.days(30) }),
    'Account/Analyzer: unusedAccessAge is set but unusedAccess is not true, so there is no unused-access ' +
      'analyzer to configure. Set unusedAccess: true, or remove unusedAccessAge.',
  ],
  [
    'unused-access archive rules without the unused-access analyzer',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', {
        unusedAccessArchiveRules: [{ ruleName: 'R', filters: [{ property: 'resource', exists: true }] }],
      }),
    'Account/Analyzer: unusedAccessArchiveRules is set but unusedAccess is not true, so there is no ' +
      'unused-access analyzer to configure. Set unusedAccess: true, or remove unusedAccessArchiveRules.',
  ],
  [
    'an archive rule without filters',
    (s) => new AccessAnalyzer(s, 'Analyzer', { archiveRules: [{ ruleName: 'Everything', filters: [] }] }),
    'Account/Analyzer: archiveRules[0] ("Everything") has no filters, so it would archive every finding. ' +
      'Give it at least one filter, or remove the rule.',
  ],
  [
    'an archive rule name with a space',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', {
        archiveRules: [{ ruleName: 'audit account', filters: [{ property: 'isPublic', eq: ['false'] }] }],
      }),
    'Account/Analyzer: archiveRules[0].ruleName is "audit account"; an archive rule name starts with a ' +
      'letter and holds only letters, digits, "_", "." and "-", at most 255 characters. Rename the rule.',
  ],
  [
    'an archive rule name starting with a digit',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', {
        archiveRules: [{ ruleName: '1st', filters: [{ property: 'isPublic', eq: ['false'] }] }],
      }),
    'Account/Analyzer: archiveRules[0].ruleName is "1st"; an archive rule name starts with a ' +
      'letter and holds only letters, digits, "_", "." and "-", at most 255 characters. Rename the rule.',
  ],
  [
    'two archive rules with one name',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', {
        archiveRules: [
          { ruleName: 'Audit', filters: [{ property: 'isPublic', eq: ['false'] }] },
          { ruleName: 'Audit', filters: [{ property: 'resourceType', eq: ['AWS::KMS::Key'] }] },
        ],
      }),
    'Account/Analyzer: archiveRules[1].ruleName "Audit" is used twice; give each archive rule its own name.',
  ],
  [
    'an archive rule filter without a criterion',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', { archiveRules: [{ ruleName: 'Audit', filters: [{ property: 'isPublic' }] }] }),
    'Account/Analyzer: archiveRules[0].filters[0] on "isPublic" has no criterion; set eq, neq, contains or exists.',
  ],
  [
    'an archive rule filter with an empty value list',
    (s) =>
      new AccessAnalyzer(s, 'Analyzer', {
        archiveRules: [{ ruleName: 'Audit', filters: [{ property: 'principal.AWS', eq: [] }] }],
      }),
    'Account/Analyzer: archiveRules[0].filters[0].eq has 0 values; IAM Access Analyzer accepts 1 to 20. ' +
      'List 1 to 20 values, or leave eq unset.',
  ],
  [
    'an invalid analyzer name',
    (s) => new AccessAnalyzer(s, 'Analyzer', { analyzerName: 'my analyzer' }),
    'Account/Analyzer: analyzerName is "my analyzer"; an analyzer name starts with a letter and holds only ' +
      'letters, digits, "_", "." and "-", at most 241 characters here (the unused-access analyzer adds a ' +
      'suffix). Rename it or leave it unset.',
  ],
];

describe('account hardening refuses bad input at synth time', () => {
  test.each(ROWS)('%s', (_description, build, message) => {
    const stack = new Stack(new App(), 'Account', { env: { account: '111122223333', region: 'us-east-1' } });

    let thrown: Error | undefined;
    try {
      build(stack);
    } catch (error) {
      thrown = error as Error;
    }

    expect(thrown?.message).toBe(message);
  });
});
