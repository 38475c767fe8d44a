/** The organization-wide constructs of the library app, one by one and composed. */
import { App, BootstraplessSynthesizer, Stack, Stage } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { AlarmTopic } from '../../src/detection';
import { Detection, DetectionCatalog } from '../../src/detections';
import {
  BaselineStackSet,
  BaselineTemplate,
  CentralEventBus,
  DelegatedAdministrators,
  DetectionForwarder,
  GuardrailProtectionPolicy,
  OrganizationAutoEnable,
  OrganizationGuardrails,
  RegionConcurrency,
  StackSetCallAs,
} from '../../src/organization';
import { AuditTrailObjectLockMode } from '../../src/trail';

const ENV = { account: '111122223333', region: 'us-east-1' };
const SECURITY_ACCOUNT = '444455556666';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
const OU = 'ou-ab12-cdef3456';

/** The organization-wide constructs, one by one and composed. */
export function organizationStacks(app: App, forwarded: Detection): void {
  const org = new Stack(app, 'Organization', { env: ENV });
  const orgAlarms = new AlarmTopic(org, 'Alarms', { emails: ['secops@example.com'] });
  const bus = new CentralEventBus(org, 'Bus', {
    organizationId: ORGANIZATION_ID,
    topic: orgAlarms.topic,
    eventBusName: 'guardrails',
  });
  new DetectionForwarder(org, 'Forward', {
    centralEventBus: bus.eventBus,
    namePrefix: 'Guardrails-',
    findings: true,
    detections: [forwarded],
  });
  new GuardrailProtectionPolicy(org, 'Protection', {
    targetIds: [OU],
    breakGlassRoleName: 'BreakGlass',
    additionalExemptRoleNames: ['SecurityAutomation'],
    allowStackSetDeployments: true,
    policyName: 'protect-guardrails',
    logGroupNamePrefix: 'guardrails-',
    alarmNamePrefix: 'Guardrails-',
    ruleNamePrefix: 'guardrails-',
  });
  const member = new Stack(new Stage(app, 'MemberBaseline'), 'Baseline', {
    synthesizer: new BootstraplessSynthesizer(),
  });
  new DetectionForwarder(member, 'Forwarder', {
    centralEventBus: events.EventBus.fromEventBusArn(member, 'Central', bus.eventBus.eventBusArn),
    detections: DetectionCatalog.iamAttack(),
  });
  new BaselineStackSet(org, 'Baseline', {
    template: BaselineTemplate.fromStack(member),
    organizationalUnitIds: [OU],
    regions: ['us-east-1', 'eu-west-1'],
    stackSetName: 'guardrails-baseline',
    callAs: StackSetCallAs.DELEGATED_ADMIN,
    retainStacksOnAccountRemoval: true,
    maxConcurrentPercentage: 50,
    failureTolerancePercentage: 10,
    regionConcurrency: RegionConcurrency.PARALLEL,
    parameters: { Environment: 'production' },
  });
  new DelegatedAdministrators(org, 'Delegated', {
    adminAccountId: SECURITY_ACCOUNT,
    securityHub: true,
    guardDuty: true,
    accessAnalyzer: true,
    config: true,
  });
  new OrganizationAutoEnable(org, 'AutoEnable', {
    securityHub: true,
    guardDuty: true,
    guardDutyDetectorId: '12abc34d567e8fa901bc2d34e56789f0',
    accessAnalyzer: true,
  });

  const orgGuardrails = new Stack(app, 'OrganizationGuardrails', { env: ENV });
  new OrganizationGuardrails(orgGuardrails, 'Guardrails', {
    organizationId: ORGANIZATION_ID,
    securityAccountId: SECURITY_ACCOUNT,
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: [OU],
    organizationTrail: true,
    trailOptions: { insights: true, objectLockMode: AuditTrailObjectLockMode.COMPLIANCE },
    delegatedAdministrators: true,
    namePrefixes: { alarmNamePrefix: 'Org-' },
    baseline: {
      template: BaselineTemplate.fromUrl('https://templates.s3.amazonaws.com/baseline.json'),
      organizationalUnitIds: [OU],
      regions: ['us-east-1', 'eu-west-1'],
    },
  });
}
