import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { createOrganizationApp } from '../../examples/organization/app';

describe('the organization example', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'organization-example-'));
  const app = createOrganizationApp(outdir);
  const management = app.node.findChild('OrganizationManagement') as Stack;
  const security = app.node.findChild('OrganizationSecurity') as Stack;

  test('synthesizes the management and security stacks', () => {
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['OrganizationManagement', 'OrganizationSecurity']);
  });

  test('rolls the baseline out to both OUs in both Regions', () => {
    Template.fromStack(management).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [{
        DeploymentTargets: { OrganizationalUnitIds: ['ou-a1b2-11111111', 'ou-a1b2-22222222'] },
        Regions: ['us-east-1', 'eu-west-1'],
      }],
    });
  });

  test('forwards the organization-wide alarms of the management account to the central bus', () => {
    Template.fromStack(management).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ 'detail-type': ['CloudWatch Alarm State Change'] }),
      Targets: [Match.objectLike({
        Arn: 'arn:aws:events:us-east-1:444455556666:event-bus/IamGuardrailsCentral',
      })],
    });
  });

  test('receives every account\'s events on the central bus in the security account', () => {
    Template.fromStack(security).hasResourceProperties('AWS::Events::EventBus', { Name: 'IamGuardrailsCentral' });
  });
});
