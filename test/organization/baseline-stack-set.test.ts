import {
  App, BootstraplessSynthesizer, Stack, Stage, aws_lambda as lambda, aws_ssm as ssm,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BaselineStackSet, BaselineStackSetProps, BaselineTemplate, RegionConcurrency, StackSetCallAs,
} from '../../src/organization';

const OUS = ['ou-ab12-cd34ef56', 'ou-ab12-gh78ij90'];

function memberStack(app: App, build?: (stack: Stack) => void): Stack {
  const stage = new Stage(app, 'MemberBaseline');
  const stack = new Stack(stage, 'Baseline', { synthesizer: new BootstraplessSynthesizer() });
  new ssm.StringParameter(stack, 'Marker', { stringValue: 'guardrails' });
  build?.(stack);
  return stack;
}

function render(props: Partial<BaselineStackSetProps> = {}, build?: (stack: Stack) => void) {
  const app = new App();
  const management = new Stack(app, 'Management', {
    env: { account: '111122223333', region: 'us-east-1' },
  });
  new BaselineStackSet(management, 'Baseline', {
    template: BaselineTemplate.fromStack(memberStack(app, build)),
    organizationalUnitIds: OUS,
    regions: ['us-east-1', 'eu-west-1'],
    ...props,
  });
  return Template.fromStack(management);
}

function stackSet(template: Template): any {
  return Object.values(template.findResources('AWS::CloudFormation::StackSet'))[0];
}

describe('BaselineStackSet', () => {
  test('is service-managed', () => {
    render().hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
    });
  });

  test('deploys automatically to accounts that join the target units', () => {
    render().hasResourceProperties('AWS::CloudFormation::StackSet', {
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
    });
  });

  test('can remove the stack from accounts that leave the target units', () => {
    render({ retainStacksOnAccountRemoval: false }).hasResourceProperties(
      'AWS::CloudFormation::StackSet',
      { AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false } });
  });

  test('targets the organizational units in every Region', () => {
    render().hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [{
        DeploymentTargets: { OrganizationalUnitIds: OUS },
        Regions: ['us-east-1', 'eu-west-1'],
      }],
    });
  });

  test('is managed as the management account by default', () => {
    render().hasResourceProperties('AWS::CloudFormation::StackSet', { CallAs: 'SELF' });
  });

  test('can be managed as a delegated administrator', () => {
    render({ callAs: StackSetCallAs.DELEGATED_ADMIN }).hasResourceProperties(
      'AWS::CloudFormation::StackSet', { CallAs: 'DELEGATED_ADMIN' });
  });

  test('rolls out a quarter of the accounts at a time with 10% failure tolerance by default', () => {
    render().hasResourceProperties('AWS::CloudFormation::StackSet', {
      OperationPreferences: {
        MaxConcurrentPercentage: 25,
        FailureTolerancePercentage: 10,
        RegionConcurrencyType: 'PARALLEL',
        RegionOrder: ['us-east-1', 'eu-west-1'],
      },
    });
  });

  test('takes the operation preferences given', () => {
    render({
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 0,
      regionConcurrency: RegionConcurrency.SEQUENTIAL,
    }).hasResourceProperties('AWS::CloudFormation::StackSet', {
      OperationPreferences: Match.objectLike({
        MaxConcurrentPercentage: 100,
        FailureTolerancePercentage: 0,
        RegionConcurrencyType: 'SEQUENTIAL',
      }),
    });
  });

  test('takes a StackSet name', () => {
    render({ stackSetName: 'IamGuardrailsBaseline' }).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'IamGuardrailsBaseline',
    });
  });

  test('derives a StackSet name from the construct path by default', () => {
    expect(stackSet(render()).Properties.StackSetName).toMatch(/^Management-Baseline-[A-Za-z0-9]+$/);
  });

  test('passes parameter values to the per-account template', () => {
    render({ parameters: { Email: 'secops@example.com' } }).hasResourceProperties(
      'AWS::CloudFormation::StackSet',
      { Parameters: [{ ParameterKey: 'Email', ParameterValue: 'secops@example.com' }] });
  });

  test('inlines the per-account template', () => {
    const body = JSON.parse(stackSet(render()).Properties.TemplateBody);
    expect(Object.values(body.Resources).map((r: any) => r.Type)).toEqual(['AWS::SSM::Parameter']);
  });

  test('uploads a per-account template over 51,200 bytes as an asset', () => {
    const template = render({}, (stack) => {
      for (let i = 0; i < 200; i++) {
        new ssm.StringParameter(stack, `Filler${i}`, { stringValue: 'x'.repeat(200) });
      }
    });
    const properties = stackSet(template).Properties;
    expect([properties.TemplateBody, typeof properties.TemplateURL]).toEqual([undefined, 'object']);
  });

  test('takes a template URL', () => {
    const app = new App();
    const stack = new Stack(app, 'Management');
    new BaselineStackSet(stack, 'Baseline', {
      template: BaselineTemplate.fromUrl('https://example-bucket.s3.amazonaws.com/baseline.json'),
      organizationalUnitIds: OUS,
      regions: ['us-east-1'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      TemplateURL: 'https://example-bucket.s3.amazonaws.com/baseline.json',
    });
  });

  test('refuses a per-account stack with a Lambda asset', () => {
    const app = new App();
    const stage = new Stage(app, 'Member');
    const member = new Stack(stage, 'Baseline');
    new lambda.Function(member, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(__dirname),
    });
    const management = new Stack(app, 'Management');
    expect(() => new BaselineStackSet(management, 'Baseline', {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: OUS,
      regions: ['us-east-1'],
    })).toThrow(/Management\/Baseline: per-account stack Member\/Baseline uses assets/);
  });

  test('refuses a per-account stack that checks the bootstrap version', () => {
    const app = new App();
    const member = new Stack(new Stage(app, 'Member'), 'Baseline');
    new ssm.StringParameter(member, 'Marker', { stringValue: 'x' });
    expect(() => new BaselineStackSet(new Stack(app, 'Management'), 'Baseline', {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: OUS,
      regions: ['us-east-1'],
    })).toThrow(/BootstraplessSynthesizer/);
  });

  test('refuses a per-account stack in the same stage', () => {
    const app = new App();
    const member = new Stack(app, 'Member', { synthesizer: new BootstraplessSynthesizer() });
    expect(() => new BaselineStackSet(new Stack(app, 'Management'), 'Baseline', {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: OUS,
      regions: ['us-east-1'],
    })).toThrow(/Stage of its own/);
  });

  test('refuses a per-account stack bound to one environment', () => {
    const app = new App();
    const member = new Stack(new Stage(app, 'Member'), 'Baseline', {
      env: { account: '777788889999', region: 'us-east-1' },
      synthesizer: new BootstraplessSynthesizer(),
    });
    expect(() => new BaselineStackSet(new Stack(app, 'Management'), 'Baseline', {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: OUS,
      regions: ['us-east-1'],
    })).toThrow(/leave env unset/);
  });
});
