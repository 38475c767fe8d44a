import {
  BootstraplessSynthesizer, Stack, Stage, aws_events as events, aws_logs as logs,
  aws_secretsmanager as secretsmanager, aws_sns as sns,
} from 'aws-cdk-lib';
import { DetectionCatalog } from '../../src/detections';
import {
  BaselineTemplate, CentralEventBus, DetectionForwarder, OrganizationAutoEnable, OrganizationGuardrails,
} from '../../src/organization';
import { SiemDestination, SiemForwarding, SiemRecordFilter } from '../../src/siem';
import { nagApp, unacknowledgedFindings as nagFindings } from '../nag/nag-harness';

const OUS = ['ou-ab12-cd34ef56', 'ou-ab12-gh78ij90'];
const BUS_ARN = 'arn:aws:events:us-east-1:444455556666:event-bus/IamGuardrailsCentral';

function organizationApp() {
  const app = nagApp();
  const member = new Stack(new Stage(app, 'MemberBaseline'), 'Baseline', {
    synthesizer: new BootstraplessSynthesizer(),
  });
  new DetectionForwarder(member, 'Forwarder', {
    centralEventBus: events.EventBus.fromEventBusArn(member, 'Central', BUS_ARN),
    detections: DetectionCatalog.iamAttack(),
  });

  const management = new Stack(app, 'Management', { env: { account: '111122223333', region: 'us-east-1' } });
  new OrganizationGuardrails(management, 'Guardrails', {
    organizationId: 'o-abcdef1234',
    securityAccountId: '444455556666',
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: OUS,
    baseline: {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: OUS,
      regions: ['us-east-1', 'eu-west-1'],
    },
  });

  const security = new Stack(app, 'Security', { env: { account: '444455556666', region: 'us-east-1' } });
  new OrganizationAutoEnable(security, 'AutoEnable', { organizationConfigRules: true });
  const topic = new sns.Topic(security, 'Topic', { enforceSSL: true });
  new CentralEventBus(security, 'Central', { organizationId: 'o-abcdef1234', topic });
  const trailLogs = new logs.LogGroup(security, 'TrailLogs');
  const token = new secretsmanager.Secret(security, 'Token');
  new SiemForwarding(security, 'SiemS3', {
    logGroup: trailLogs, destination: SiemDestination.s3(), recordFilter: SiemRecordFilter.iamAttack(),
  });
  new SiemForwarding(security, 'SiemSplunk', {
    logGroup: trailLogs,
    destination: SiemDestination.splunk({ hecEndpoint: 'https://splunk.example.com', hecToken: token }),
  });
  new SiemForwarding(security, 'SiemHttp', {
    logGroup: new logs.LogGroup(security, 'OtherLogs'),
    destination: SiemDestination.httpEndpoint({ url: 'https://siem.example.com', accessKey: token }),
  });
  return app;
}

const OURS = new RegExp('^(' + [
  'MemberBaseline/Baseline/Forwarder',
  'Management/Guardrails/(Administrators|Protection|Baseline)',
  'Security/(AutoEnable|Central|Siem)',
  'Management/AWS679f53fac',
  'Security/AWS679f53fac',
].join('|') + ')');

describe('organization constructs under cdk-nag', () => {
  test('sees the findings of the fixture\'s own unencrypted topic', () => {
    const findings = nagFindings(organizationApp());
    expect(findings.map((f) => f.path)).toContain('Security/Topic/Resource');
  });

  test('leave no unacknowledged AwsSolutions or NIST 800-53 R5 finding with every option on', () => {
    const findings = nagFindings(organizationApp())
      .filter((f) => OURS.test(f.path))
      .map((f) => `${f.rule} ${f.path}`);
    expect(findings).toEqual([]);
  });
});
