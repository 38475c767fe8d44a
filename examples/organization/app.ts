import * as path from 'path';
import { App, BootstraplessSynthesizer, Stack, Stage, aws_events as events } from 'aws-cdk-lib';
import { AccessAnalyzer } from '../../src/account';
import { AlarmTopic, IamThreatDetection } from '../../src/detection';
import { DetectionCatalog } from '../../src/detections';
import {
  BaselineTemplate, CentralEventBus, DetectionForwarder, OrganizationAutoEnable, OrganizationGuardrails,
} from '../../src/organization';
import { SiemDestination, SiemForwarding, SiemRecordFilter } from '../../src/siem';

const MANAGEMENT_ACCOUNT = '111122223333';
const SECURITY_ACCOUNT = '444455556666';
const ORGANIZATION_ID = 'o-a1b2c3d4e5';
const WORKLOAD_OUS = ['ou-a1b2-11111111', 'ou-a1b2-22222222'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const CENTRAL_BUS = 'IamGuardrailsCentral';

/**
 * The example organization: the management account holds the organization trail, the
 * organization-wide detections, the SIEM feed, the protection policy and the baseline
 * StackSet; the security account administers the security services and receives every
 * account's detection events on one bus; each member account gets the baseline (event
 * forwarding and an account analyzer) in both Regions.
 */
export function createOrganizationApp(outdir?: string): App {
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });

  // The per-account baseline lives in a stage of its own: the StackSet deploys it, not cdk deploy.
  const member = new Stack(new Stage(app, 'MemberBaseline'), 'Baseline', {
    synthesizer: new BootstraplessSynthesizer(),
    description: 'cdk-iam-guardrails per-account baseline',
  });
  new DetectionForwarder(member, 'Forwarder', {
    centralEventBus: events.EventBus.fromEventBusArn(member, 'Central',
      `arn:aws:events:us-east-1:${SECURITY_ACCOUNT}:event-bus/${CENTRAL_BUS}`),
    detections: DetectionCatalog.iamAttack(),
  });
  new AccessAnalyzer(member, 'Analyzer');

  const management = new Stack(app, 'OrganizationManagement', {
    env: { account: MANAGEMENT_ACCOUNT, region: 'us-east-1' },
    description: 'cdk-iam-guardrails organization guardrails (management account)',
  });
  const guardrails = new OrganizationGuardrails(management, 'Guardrails', {
    organizationId: ORGANIZATION_ID,
    securityAccountId: SECURITY_ACCOUNT,
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: WORKLOAD_OUS,
    baseline: {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: WORKLOAD_OUS,
      regions: REGIONS,
    },
  });
  const trailLogs = guardrails.trail!.logGroup;
  new IamThreatDetection(management, 'Detection', {
    logGroup: trailLogs,
    emails: ['secops@example.com'],
  });
  // The organization-wide alarms live here: forward their state changes to the central bus too.
  new DetectionForwarder(management, 'Forwarder', {
    centralEventBus: events.EventBus.fromEventBusArn(management, 'Central',
      `arn:aws:events:us-east-1:${SECURITY_ACCOUNT}:event-bus/${CENTRAL_BUS}`),
    findings: false,
  });
  new SiemForwarding(management, 'Siem', {
    logGroup: trailLogs,
    destination: SiemDestination.s3(),
    recordFilter: SiemRecordFilter.iamAttack(),
  });

  const security = new Stack(app, 'OrganizationSecurity', {
    env: { account: SECURITY_ACCOUNT, region: 'us-east-1' },
    description: 'cdk-iam-guardrails organization guardrails (security account)',
  });
  new OrganizationAutoEnable(security, 'AutoEnable');
  const topic = new AlarmTopic(security, 'Alarms', { emails: ['secops@example.com'] });
  new CentralEventBus(security, 'Central', {
    organizationId: ORGANIZATION_ID,
    topic: topic.topic,
    eventBusName: CENTRAL_BUS,
  });

  return app;
}

if (require.main === module) {
  const outdir = path.join(__dirname, '..', '..', 'cdk.out');
  createOrganizationApp(outdir).synth();
  process.stdout.write(`Synthesized the example organization to ${path.relative(process.cwd(), outdir)}/\n`);
}
