import { App, BootstraplessSynthesizer, Stack, Stage, aws_ssm as ssm } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { isDenied, resolvePartition } from './scp-evaluator';
import {
  BaselineTemplate, OrganizationGuardrails, OrganizationGuardrailsProps, StackSetCallAs,
} from '../../src/organization';

const OUS = ['ou-ab12-cd34ef56', 'ou-ab12-gh78ij90'];

function render(props: Partial<OrganizationGuardrailsProps> = {}, withBaseline = false) {
  const app = new App();
  const stack = new Stack(app, 'Management', { env: { account: '111122223333', region: 'us-east-1' } });
  let baseline: OrganizationGuardrailsProps['baseline'];
  if (withBaseline) {
    const member = new Stack(new Stage(app, 'Member'), 'Baseline', { synthesizer: new BootstraplessSynthesizer() });
    new ssm.StringParameter(member, 'Marker', { stringValue: 'x' });
    baseline = { template: BaselineTemplate.fromStack(member), organizationalUnitIds: OUS, regions: ['us-east-1'] };
  }
  const guardrails = new OrganizationGuardrails(stack, 'Guardrails', {
    organizationId: 'o-abcdef1234',
    securityAccountId: '444455556666',
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: OUS,
    baseline,
    ...props,
  });
  return { guardrails, template: Template.fromStack(stack) };
}

describe('OrganizationGuardrails', () => {
  test('creates an organization trail', () => {
    render().template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true });
  });

  test('can leave the organization trail out', () => {
    render({ organizationTrail: false }).template.resourceCountIs('AWS::CloudTrail::Trail', 0);
  });

  test('passes trail options through', () => {
    render({ trailOptions: { trailName: 'OrgTrail' } }).template.hasResourceProperties(
      'AWS::CloudTrail::Trail', { TrailName: 'OrgTrail', IsOrganizationTrail: true });
  });

  test('makes the security account delegated administrator', () => {
    render().template.hasResourceProperties('AWS::SecurityHub::DelegatedAdmin', { AdminAccountId: '444455556666' });
  });

  test('can leave delegated administration out', () => {
    render({ delegatedAdministrators: false }).template.resourceCountIs('AWS::SecurityHub::DelegatedAdmin', 0);
  });

  test('attaches the protection policy to the protected targets', () => {
    render().template.hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'SERVICE_CONTROL_POLICY', TargetIds: OUS,
    });
  });

  test('rolls the baseline out when one is given', () => {
    render({}, true).template.resourceCountIs('AWS::CloudFormation::StackSet', 1);
  });

  test('creates no StackSet without a baseline', () => {
    render().template.resourceCountIs('AWS::CloudFormation::StackSet', 0);
  });

  test('protects the resources named with the prefixes given', () => {
    const { template } = render({ namePrefixes: { alarmNamePrefix: 'SecOps' } });
    const policy = Object.values(template.findResources('AWS::Organizations::Policy'))[0] as any;
    expect(isDenied(resolvePartition(policy.Properties.Content), {
      action: 'cloudwatch:DeleteAlarms',
      resource: 'arn:aws:cloudwatch:us-east-1:777788889999:alarm:SecOps-RootActivity',
      principalArn: 'arn:aws:iam::777788889999:role/Developer',
    })).toBe(true);
  });

  test('deploys from a delegated administrator with the management-only parts left out', () => {
    const app = new App();
    const stack = new Stack(app, 'Delegated', { env: { account: '555566667777', region: 'us-east-1' } });
    new OrganizationGuardrails(stack, 'Guardrails', {
      organizationId: 'o-abcdef1234',
      securityAccountId: '444455556666',
      breakGlassRoleName: 'BreakGlass',
      protectedTargetIds: OUS,
      organizationTrail: false,
      delegatedAdministrators: false,
      baseline: {
        template: BaselineTemplate.fromUrl('https://bucket.s3.amazonaws.com/baseline.json'),
        organizationalUnitIds: OUS,
        regions: ['us-east-1'],
        callAs: StackSetCallAs.DELEGATED_ADMIN,
      },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudFormation::StackSet', { CallAs: 'DELEGATED_ADMIN' });
    template.resourceCountIs('AWS::Organizations::Policy', 1);
  });
});
