import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AuditTrail, AuditTrailObjectLockMode } from '../../src/trail';

describe('AuditTrail README example', () => {
  test('synthesizes an organization trail with Insights and Object Lock', () => {
    const app = new App();
    const stack = new Stack(app, 'Audit', { env: { account: '111122223333', region: 'us-east-1' } });

    const trail = new AuditTrail(stack, 'Trail', {
      organizationTrail: true,
      organizationId: 'o-a1b2c3d4e5',
      insights: true,
      objectLockMode: AuditTrailObjectLockMode.GOVERNANCE,
      objectLockRetentionDays: 365,
      logRetention: logs.RetentionDays.TWO_YEARS,
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudTrail::Trail', { IsOrganizationTrail: true });
    expect(trail.logGroup).toBeDefined();
  });
});
