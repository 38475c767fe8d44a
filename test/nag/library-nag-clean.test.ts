import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AwsSolutionsChecks,
  HIPAASecurityChecks,
  NIST80053R5Checks,
  PCIDSS321Checks,
} from 'cdk-nag';
import { ReportedViolation, readViolations } from './nag-harness';
import { AccessAnalyzer, AccountPasswordPolicy, MfaEnforcement } from '../../src/account';
import {
  FindingAggregation,
  GuardDutyDetector,
  IamConfigRules,
  SecurityHubStandards,
} from '../../src/compliance';
import { AlarmTopic, GlobalEventForwarder, IamThreatDetection } from '../../src/detection';
import { IamGuardrails } from '../../src/guardrails';
import { GrantedThenUsedMonitor } from '../../src/investigation';
import { IamGuardrailsChecks } from '../../src/nag';
import {
  BaselineStackSet,
  BaselineTemplate,
  CentralEventBus,
  DelegatedAdministrators,
  DetectionForwarder,
  GuardrailProtectionPolicy,
  OrganizationAutoEnable,
  OrganizationGuardrails,
} from '../../src/organization';
import { FullPrivilegeGrantMonitor } from '../../src/policy';
import { SiemDestination, SiemForwarding } from '../../src/siem';
import { AuditTrail } from '../../src/trail';

const ENV = { account: '111122223333', region: 'us-east-1' };

/** Every construct of the library, with its options on, in an account and an org stack. */
function buildLibraryApp(): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });

  const account = new Stack(app, 'Account', { env: ENV });
  const alarms = new AlarmTopic(account, 'Alarms', { emails: ['secops@example.com'] });
  const trail = new AuditTrail(account, 'Trail', { insights: true, lambdaDataEvents: true });
  new IamThreatDetection(account, 'Detection', {
    logGroup: trail.logGroup,
    alarmTopic: alarms.topic,
    cis: true,
    eventRules: true,
    dashboard: true,
  });
  new FullPrivilegeGrantMonitor(account, 'Grants', { alarmTopic: alarms.topic });
  new AccountPasswordPolicy(account, 'PasswordPolicy');
  const people = new iam.Group(account, 'People');
  new iam.User(account, 'Alice', { groups: [people] });
  new MfaEnforcement(account, 'Mfa', { groups: [people] });
  new AccessAnalyzer(account, 'AccessAnalyzer', { unusedAccess: true, alarmTopic: alarms.topic });
  new SecurityHubStandards(account, 'SecurityHub', {
    findingAggregation: FindingAggregation.allRegions(),
    alarmTopic: alarms.topic,
  });
  new IamConfigRules(account, 'ConfigRules', {
    remediatePasswordPolicy: true,
    revokeUnusedCredentials: true,
    alarmTopic: alarms.topic,
  });
  new GuardDutyDetector(account, 'GuardDuty', { alarmTopic: alarms.topic });
  new GrantedThenUsedMonitor(account, 'GrantedThenUsed', { alarmTopic: alarms.topic });
  new SiemForwarding(account, 'Siem', {
    logGroup: trail.logGroup,
    destination: SiemDestination.s3(),
  });

  const baseline = new Stack(app, 'Baseline', { env: { ...ENV, account: '444455556666' } });
  new IamGuardrails(baseline, 'Guardrails', {
    emails: ['secops@example.com'],
    passwordPolicy: true,
    mfaEnforcement: true,
    accessAnalyzer: true,
    securityHub: true,
    configRules: true,
    guardDuty: true,
  });

  const regional = new Stack(app, 'Global', { env: ENV });
  new GlobalEventForwarder(regional, 'Forwarder', { targetRegion: 'eu-west-1' });

  const org = new Stack(app, 'Organization', { env: ENV });
  const orgAlarms = new AlarmTopic(org, 'Alarms', { emails: ['secops@example.com'] });
  const bus = new CentralEventBus(org, 'Bus', { organizationId: 'o-a1b2c3d4e5', topic: orgAlarms.topic });
  new DetectionForwarder(org, 'Forward', { centralEventBus: bus.eventBus, findings: true });
  new GuardrailProtectionPolicy(org, 'Protection', {
    targetIds: ['ou-ab12-cdef3456'],
    breakGlassRoleName: 'BreakGlass',
    allowStackSetDeployments: true,
  });
  new BaselineStackSet(org, 'Baseline', {
    template: BaselineTemplate.fromUrl('https://templates.s3.amazonaws.com/baseline.json'),
    organizationalUnitIds: ['ou-ab12-cdef3456'],
    regions: ['us-east-1', 'eu-west-1'],
  });
  new DelegatedAdministrators(org, 'Delegated', {
    adminAccountId: '444455556666',
    securityHub: true,
    guardDuty: true,
    accessAnalyzer: true,
    config: true,
  });
  new OrganizationAutoEnable(org, 'AutoEnable', {
    securityHub: true,
    guardDuty: true,
    accessAnalyzer: true,
  });

  const orgGuardrails = new Stack(app, 'OrganizationGuardrails', { env: ENV });
  new OrganizationGuardrails(orgGuardrails, 'Guardrails', {
    organizationId: 'o-a1b2c3d4e5',
    securityAccountId: '444455556666',
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: ['ou-ab12-cdef3456'],
    organizationTrail: true,
    delegatedAdministrators: true,
    baseline: {
      template: BaselineTemplate.fromUrl('https://templates.s3.amazonaws.com/baseline.json'),
      organizationalUnitIds: ['ou-ab12-cdef3456'],
      regions: ['us-east-1', 'eu-west-1'],
    },
  });

  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(),
    new NIST80053R5Checks(),
    new HIPAASecurityChecks(),
    new PCIDSS321Checks(),
    new IamGuardrailsChecks(),
  );
  return app;
}

function describeViolations(violations: ReportedViolation[]): string {
  return violations
    .map((v) => `${v.ruleName} (${v.severity}) at ${v.constructPaths.join(', ')}: ${v.description}`)
    .join('\n');
}

describe('the library under cdk-nag', () => {
  let violations: ReportedViolation[];

  beforeAll(() => {
    violations = readViolations(buildLibraryApp());
  });

  test.each([
    ['AwsSolutions'],
    ['NIST.800.53.R5'],
    ['HIPAA.Security'],
    ['PCI.DSS.321'],
    ['IamGuardrails'],
  ])('has no unacknowledged %s finding', (pack) => {
    const found = violations.filter((v) => v.ruleName.startsWith(`${pack}-`));
    expect(describeViolations(found)).toBe('');
  });
});
