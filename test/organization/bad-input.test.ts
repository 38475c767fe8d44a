import {
  App, BootstraplessSynthesizer, Stack, Stage, aws_events as events, aws_logs as logs,
  aws_secretsmanager as secretsmanager, aws_sns as sns,
} from 'aws-cdk-lib';
import {
  BaselineStackSet, BaselineTemplate, CentralEventBus, DelegatedAdministrators, DetectionForwarder,
  GuardrailProtectionPolicy, OrganizationGuardrails, StackSetCallAs,
} from '../../src/organization';
import { SiemDestination, SiemForwarding } from '../../src/siem';

const OU = 'ou-ab12-cd34ef56';

function stack(): Stack {
  return new Stack(new App(), 'Fixture', { env: { account: '111122223333', region: 'us-east-1' } });
}

function stackSet(props: { ous?: string[]; regions?: string[]; concurrency?: number; tolerance?: number }) {
  const s = stack();
  new BaselineStackSet(s, 'Baseline', {
    template: BaselineTemplate.fromUrl('https://bucket.s3.amazonaws.com/t.json'),
    organizationalUnitIds: props.ous ?? [OU],
    regions: props.regions ?? ['us-east-1'],
    maxConcurrentPercentage: props.concurrency,
    failureTolerancePercentage: props.tolerance,
  });
}

function scp(props: { targets?: string[]; role?: string; prefix?: string; exempt?: string[] }) {
  new GuardrailProtectionPolicy(stack(), 'Protection', {
    targetIds: props.targets ?? [OU],
    breakGlassRoleName: props.role ?? 'BreakGlass',
    alarmNamePrefix: props.prefix,
    additionalExemptRoleNames: props.exempt,
  });
}

function siem(destination: (s: Stack) => SiemDestination) {
  const s = stack();
  new SiemForwarding(s, 'Siem', { logGroup: new logs.LogGroup(s, 'Logs'), destination: destination(s) });
}

const cases: Array<[string, () => unknown, RegExp]> = [
  ['an empty OU list', () => stackSet({ ous: [] }),
    /Fixture\/Baseline: organizationalUnitIds \[\] is empty; give at least one organizational unit id/],
  ['a placeholder OU id', () => stackSet({ ous: ['ou-xxxx-yyyyyyyy'] }),
    /Fixture\/Baseline: organizationalUnitIds "ou-xxxx-yyyyyyyy" is the placeholder from the documentation/],
  ['an upper-case OU id', () => stackSet({ ous: ['ou-AB12-CD34EF56'] }), /is not an organizational unit id/],
  ['an account id as an OU', () => stackSet({ ous: ['444455556666'] }), /is not an organizational unit id/],
  ['a duplicate OU', () => stackSet({ ous: [OU, OU] }), /is listed twice/],
  ['no Region', () => stackSet({ regions: [] }), /regions \[\] is empty/],
  ['a bad Region', () => stackSet({ regions: ['US East'] }), /regions "US East" is not a Region name/],
  ['a concurrency over 100', () => stackSet({ concurrency: 150 }), /maxConcurrentPercentage 150 is out of range/],
  ['a negative failure tolerance', () => stackSet({ tolerance: -1 }), /failureTolerancePercentage -1 is out of range/],
  ['an http template URL', () => {
    new BaselineStackSet(stack(), 'Baseline', {
      template: BaselineTemplate.fromUrl('http://bucket/t.json'), organizationalUnitIds: [OU], regions: ['us-east-1'],
    });
  }, /is not an https:\/\/ URL/],
  ['an empty SCP target list', () => scp({ targets: [] }), /Fixture\/Protection: targetIds \[\] is empty/],
  ['a bad SCP target', () => scp({ targets: ['root'] }), /targetIds "root" is not an organizational unit id/],
  ['a break-glass role ARN', () => scp({ role: 'arn:aws:iam::111122223333:role/BreakGlass' }),
    /breakGlassRoleName "arn:aws:iam::111122223333:role\/BreakGlass" is not an IAM role name/],
  ['a break-glass role with a wildcard', () => scp({ role: 'Break*' }), /is not an IAM role name/],
  ['a break-glass role name over 64 characters', () => scp({ role: 'B'.repeat(65) }), /is not an IAM role name/],
  ['an empty break-glass role name', () => scp({ role: '' }), /is not an IAM role name/],
  ['a name prefix with a wildcard', () => scp({ prefix: 'Iam*' }),
    /alarmNamePrefix "Iam\*" is not a usable name prefix/],
  ['a protection policy over 5120 characters',
    () => scp({ exempt: Array.from({ length: 12 }, (_, i) => `IncidentResponder${i}`.padEnd(60, 'x')) }),
    /Fixture\/Protection: the protection policy renders to \d+ characters, over the 5120-character limit/],
  ['an invalid exempt role name', () => scp({ exempt: ['role/Responder'] }),
    /additionalExemptRoleNames "role\/Responder" is not an IAM role name/],
  ['a short admin account id', () => new DelegatedAdministrators(stack(), 'Admins', { adminAccountId: '4444' }),
    /Fixture\/Admins: adminAccountId "4444" is not an AWS account id/],
  ['a bad organization id', () => new CentralEventBus(stack(), 'Bus', {
    organizationId: 'org-1', topic: sns.Topic.fromTopicArn(stack(), 'T', 'arn:aws:sns:us-east-1:111122223333:t'),
  }), /Fixture\/Bus: organizationId "org-1" is not an organization id/],
  ['a bad security account id', () => new OrganizationGuardrails(stack(), 'Org', {
    organizationId: 'o-abcdef1234',
    securityAccountId: '44445555666x',
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: [OU],
    organizationTrail: false,
  }), /Fixture\/Org: securityAccountId "44445555666x" is not an AWS account id/],
  ['a forwarder prefix with a wildcard', () => {
    const s = stack();
    new DetectionForwarder(s, 'Forwarder', {
      centralEventBus: events.EventBus.fromEventBusArn(s, 'Bus', 'arn:aws:events:us-east-1:444455556666:event-bus/b'),
      namePrefix: 'a*',
    });
  }, /Fixture\/Forwarder: namePrefix "a\*" is not a usable name prefix/],
  ['a forwarder prefix over 40 characters', () => {
    const s = stack();
    new DetectionForwarder(s, 'Forwarder', {
      centralEventBus: events.EventBus.fromEventBusArn(s, 'Bus', 'arn:aws:events:us-east-1:444455556666:event-bus/b'),
      namePrefix: 'P'.repeat(41),
    });
  }, /Fixture\/Forwarder: namePrefix "P{41}" is 41 characters; give at most 40/],
  ['a delegated-administrator StackSet with the organization trail on', () => {
    new OrganizationGuardrails(stack(), 'Org', {
      organizationId: 'o-abcdef1234',
      securityAccountId: '444455556666',
      breakGlassRoleName: 'BreakGlass',
      protectedTargetIds: [OU],
      delegatedAdministrators: false,
      baseline: {
        template: BaselineTemplate.fromUrl('https://bucket.s3.amazonaws.com/t.json'),
        organizationalUnitIds: [OU],
        regions: ['us-east-1'],
        callAs: StackSetCallAs.DELEGATED_ADMIN,
      },
    });
  }, /Fixture\/Org: baseline.callAs is DELEGATED_ADMIN, .* where organizationTrail cannot be made; set them to false/],
  ['an http Splunk endpoint', () => siem((s) => SiemDestination.splunk({
    hecEndpoint: 'http://splunk.example.com', hecToken: new secretsmanager.Secret(s, 'T'),
  })), /Fixture\/Siem: hecEndpoint "http:\/\/splunk.example.com" is not an https:\/\/ URL/],
  ['an http SIEM endpoint', () => siem((s) => SiemDestination.httpEndpoint({
    url: 'siem.example.com', accessKey: new secretsmanager.Secret(s, 'T'),
  })), /Fixture\/Siem: url "siem.example.com" is not an https:\/\/ URL/],
  ['a per-account stack in the StackSet\'s own stage', () => {
    const app = new App();
    const member = new Stack(app, 'Member', { synthesizer: new BootstraplessSynthesizer() });
    new BaselineStackSet(new Stack(app, 'Management'), 'Baseline', {
      template: BaselineTemplate.fromStack(member), organizationalUnitIds: [OU], regions: ['us-east-1'],
    });
  }, /Management\/Baseline: per-account stack Member is in the same stage/],
  ['a per-account stack with the bootstrap check', () => {
    const app = new App();
    const member = new Stack(new Stage(app, 'M'), 'Member');
    new BaselineStackSet(new Stack(app, 'Management'), 'Baseline', {
      template: BaselineTemplate.fromStack(member), organizationalUnitIds: [OU], regions: ['us-east-1'],
    });
  }, /BootstraplessSynthesizer/],
];

describe('organization and SIEM constructs refuse bad input', () => {
  test.each(cases)('%s', (_what, make, message) => {
    expect(make).toThrow(message);
  });
});
