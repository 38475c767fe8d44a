import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IamThreatDetection } from '../../src/detection';
import { Detection, Severity } from '../../src/detections';
import { AuditTrail } from '../../src/trail';

// CloudFormation refuses a template with more than 500 resources or larger than 1 MB.
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1024 * 1024;

describe('a trail with every detection', () => {
  const app = new App();
  const stack = new Stack(app, 'Everything', { env: { account: '111122223333', region: 'us-east-1' } });
  const trail = new AuditTrail(stack, 'Trail', { insights: true, s3DataEvents: true, lambdaDataEvents: true });
  new IamThreatDetection(stack, 'Detection', {
    logGroup: trail.logGroup,
    cis: true,
    emails: ['secops@example.com', 'oncall@example.com'],
    detections: [
      Detection.custom({
        id: 'BreakGlassRoleUsed',
        severity: Severity.CRITICAL,
        filterPattern: '{ $.userIdentity.sessionContext.sessionIssuer.userName = "BreakGlass" }',
      }),
    ],
  });
  const template = Template.fromStack(stack).toJSON();

  test('stays under the 500 resources CloudFormation allows', () => {
    expect(Object.keys(template.Resources).length).toBeLessThan(MAX_RESOURCES);
  });

  test('stays under the 1 MB CloudFormation allows', () => {
    expect(Buffer.byteLength(JSON.stringify(template))).toBeLessThan(MAX_TEMPLATE_BYTES);
  });
});
