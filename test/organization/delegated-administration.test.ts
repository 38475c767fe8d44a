import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
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
    const { template } = security({ securityHub: false, guardDuty: false });
    expect(Object.keys(template.toJSON().Resources).length).toBe(1);
  });
});
