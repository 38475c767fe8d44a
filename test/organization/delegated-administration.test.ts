import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IamConfigRule } from '../../src/compliance';
import {
  DelegatedAdministrators, DelegatedAdministratorsProps, OrganizationAutoEnable,
  OrganizationAutoEnableProps,
} from '../../src/organization';

const SECURITY = '444455556666';

function management(props: Partial<DelegatedAdministratorsProps> = {}) {
  const stack = new Stack(new App(), 'Management', { env: { account: '111122223333', region: 'us-east-1' } });
  const admins = new DelegatedAdministrators(stack, 'Admins', { adminAccountId: SECURITY, ...props });
  return { admins, template: Template.fromStack(stack) };
}

function security(props: OrganizationAutoEnableProps = {}) {
  const stack = new Stack(new App(), 'Security', { env: { account: SECURITY, region: 'us-east-1' } });
  const autoEnable = new OrganizationAutoEnable(stack, 'AutoEnable', props);
  return { autoEnable, template: Template.fromStack(stack) };
}

function sdkCalls(template: Template, phase = 'Create'): any[] {
  return Object.values(template.findResources('Custom::AWS')).flatMap((r: any) => {
    const call = r.Properties[phase];
    if (call === undefined) return [];
    return typeof call === 'string' ? JSON.parse(call) : JSON.parse(call['Fn::Join'][1].join(''));
  });
}

describe('DelegatedAdministrators', () => {
  test('designates the Security Hub administrator', () => {
    management().template.hasResourceProperties('AWS::SecurityHub::DelegatedAdmin', {
      AdminAccountId: SECURITY,
    });
  });

  test('designates the GuardDuty administrator', () => {
    expect(sdkCalls(management().template)).toContainEqual(expect.objectContaining({
      service: 'GuardDuty',
      action: 'enableOrganizationAdminAccount',
      parameters: { AdminAccountId: SECURITY },
    }));
  });

  test.each(['access-analyzer.amazonaws.com', 'config.amazonaws.com',
    'config-multiaccountsetup.amazonaws.com'])('registers the administrator of %s', (principal) => {
    expect(sdkCalls(management().template)).toContainEqual(expect.objectContaining({
      action: 'registerDelegatedAdministrator',
      parameters: { AccountId: SECURITY, ServicePrincipal: principal },
    }));
  });

  test('enables trusted access before registering', () => {
    expect(sdkCalls(management().template)).toContainEqual(expect.objectContaining({
      action: 'enableAWSServiceAccess',
      parameters: { ServicePrincipal: 'access-analyzer.amazonaws.com' },
    }));
  });

  test('deregisters the administrators when removed', () => {
    expect(sdkCalls(management().template, 'Delete')).toContainEqual(expect.objectContaining({
      action: 'deregisterDelegatedAdministrator',
      parameters: { AccountId: SECURITY, ServicePrincipal: 'config.amazonaws.com' },
    }));
  });

  test('limits Organizations calls to the one service principal', () => {
    management().template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: Match.arrayWith(['organizations:RegisterDelegatedAdministrator']),
          Condition: { StringEquals: { 'organizations:ServicePrincipal': 'config.amazonaws.com' } },
        })]),
      },
    });
  });

  test('does not install the latest AWS SDK at deployment', () => {
    const resources = management().template.findResources('Custom::AWS');
    expect(Object.values(resources).map((r: any) => r.Properties.InstallLatestAwsSdk))
      .toEqual(Object.values(resources).map(() => false));
  });

  test('can leave the Access Analyzer administrator out', () => {
    expect(management({ accessAnalyzer: false }).admins.registeredServicePrincipals).toEqual([
      'config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com',
    ]);
  });

  test('designates only the services asked for', () => {
    const { admins, template } = management({ guardDuty: false, config: false, securityHub: false });
    template.resourceCountIs('AWS::SecurityHub::DelegatedAdmin', 0);
    expect(admins.registeredServicePrincipals).toEqual(['access-analyzer.amazonaws.com']);
  });
});

describe('OrganizationAutoEnable', () => {
  test('turns Security Hub on in every member account with the default standards', () => {
    security().template.hasResourceProperties('AWS::SecurityHub::OrganizationConfiguration', {
      AutoEnable: true,
      AutoEnableStandards: 'DEFAULT',
    });
  });

  test('turns GuardDuty on for all members', () => {
    expect(sdkCalls(security().template)).toContainEqual(expect.objectContaining({
      action: 'updateOrganizationConfiguration',
      parameters: expect.objectContaining({ AutoEnableOrganizationMembers: 'ALL' }),
    }));
  });

  test('creates a GuardDuty detector when none is given', () => {
    security().template.resourceCountIs('AWS::GuardDuty::Detector', 1);
  });

  test('uses the detector given', () => {
    const { template } = security({ guardDutyDetectorId: 'abcdef0123456789abcdef0123456789' });
    template.resourceCountIs('AWS::GuardDuty::Detector', 0);
  });

  test('lets the GuardDuty call update only the detector', () => {
    security({ guardDutyDetectorId: 'abc123' }).template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: 'guardduty:UpdateOrganizationConfiguration',
          Resource: { 'Fn::Join': ['', Match.arrayWith([':guardduty:us-east-1:444455556666:detector/abc123'])] },
        })],
      },
    });
  });

  test('creates an organization-wide access analyzer', () => {
    security().template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
  });

  test('can leave the organization analyzer out', () => {
    security({ accessAnalyzer: false }).template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
  });

  test('turns on only the services asked for', () => {
    const { template } = security({ securityHub: false, guardDuty: false, configAggregator: false });
    expect(Object.keys(template.toJSON().Resources).length).toBe(1);
  });

  describe('AWS Config', () => {
    const defaults = security().template;

    test('aggregates every account of the organization in all Regions', () => {
      defaults.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
        OrganizationAggregationSource: {
          AllAwsRegions: true,
          RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ConfigAggregatorRole'), 'Arn'] },
        },
      });
    });

    test('gives the aggregator a role only AWS Config assumes, with the read-only Organizations policy', () => {
      defaults.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' })],
        },
        ManagedPolicyArns: [{
          'Fn::Join': ['', [
            'arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSConfigRoleForOrganizations',
          ]],
        }],
      });
      const role = Object.values(defaults.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: Match.objectLike({
            Statement: [Match.objectLike({ Principal: { Service: 'config.amazonaws.com' } })],
          }),
        },
      }))[0] as any;
      expect(role.Properties.Policies).toBeUndefined();
      defaults.resourceCountIs('AWS::IAM::Policy', 1); // the GuardDuty call's, nothing for the aggregator
    });

    test('can leave the aggregator out', () => {
      const { template } = security({ configAggregator: false });
      template.resourceCountIs('AWS::Config::ConfigurationAggregator', 0);
      template.resourceCountIs('AWS::IAM::Role', 1); // the AwsCustomResource provider's
    });

    test('deploys no organization rules unless asked', () => {
      defaults.resourceCountIs('AWS::Config::OrganizationConfigRule', 0);
    });

    describe('organization rules', () => {
      const rules = security({ organizationConfigRules: true }).template;

      function rule(template: Template, name: string): any {
        const found = template.findResources('AWS::Config::OrganizationConfigRule', {
          Properties: { OrganizationConfigRuleName: name },
        });
        return (Object.values(found)[0] as any)?.Properties;
      }

      test('deploy every IAM rule of IamConfigRules', () => {
        rules.resourceCountIs('AWS::Config::OrganizationConfigRule', Object.values(IamConfigRule).length);
      });

      test('run the periodic rules once a day with their parameters', () => {
        const passwordRule = rule(rules, 'iam-guardrails-iam-password-policy');
        expect(passwordRule.OrganizationManagedRuleMetadata).toMatchObject({
          RuleIdentifier: 'IAM_PASSWORD_POLICY',
          MaximumExecutionFrequency: 'TwentyFour_Hours',
        });
        expect(JSON.parse(passwordRule.OrganizationManagedRuleMetadata.InputParameters)).toMatchObject({
          MinimumPasswordLength: '14', PasswordReusePrevention: '24',
        });
      });

      test('run the change-triggered rules on the IAM resource types', () => {
        expect(rule(rules, 'iam-guardrails-iam-no-inline-policy-check').OrganizationManagedRuleMetadata).toEqual({
          RuleIdentifier: 'IAM_NO_INLINE_POLICY_CHECK',
          ResourceTypesScope: ['AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Role'],
        });
      });

      test('take the settings given', () => {
        const { template } = security({
          organizationConfigRules: true,
          organizationConfigRulesOptions: {
            passwordPolicy: { minimumPasswordLength: 20 },
            maxAccessKeyAge: 30,
            disabledRules: [IamConfigRule.ROOT_ACCOUNT_HARDWARE_MFA_ENABLED],
            excludedAccounts: ['777788889999'],
          },
        });
        expect(rule(template, 'iam-guardrails-root-account-hardware-mfa-enabled')).toBeUndefined();
        const keys = rule(template, 'iam-guardrails-access-keys-rotated');
        expect(JSON.parse(keys.OrganizationManagedRuleMetadata.InputParameters)).toEqual({ maxAccessKeyAge: '30' });
        expect(keys.ExcludedAccounts).toEqual(['777788889999']);
        const password = rule(template, 'iam-guardrails-iam-password-policy');
        expect(JSON.parse(password.OrganizationManagedRuleMetadata.InputParameters).MinimumPasswordLength).toBe('20');
      });

      test.each([
        [{ excludedAccounts: ['12345'] }, /excludedAccounts "12345" is not an AWS account id/],
        [{ maxCredentialUsageAge: 400 }, /maxCredentialUsageAge 400 is out of range/],
      ])('refuse bad settings (%j)', (options, message) => {
        expect(() => security({ organizationConfigRules: true, organizationConfigRulesOptions: options }))
          .toThrow(message);
      });

      test('refuse settings without the rules', () => {
        expect(() => security({ organizationConfigRulesOptions: { maxAccessKeyAge: 30 } }))
          .toThrow(/organizationConfigRulesOptions is set but organizationConfigRules is not true/);
      });
    });
  });
});
