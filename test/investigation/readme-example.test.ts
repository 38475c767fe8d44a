import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { decodeConsoleUrl } from './console-url';
import { IamThreatDetection } from '../../src/detection';
import { PrivilegedPrincipalActivity } from '../../src/detections';
import { GrantedThenUsedMonitor, InvestigationQueries } from '../../src/investigation';
import { AuditTrail } from '../../src/trail';

describe('README: Investigation', () => {
  const stack = new Stack(new App(), 'Guardrails', { env: { account: '111122223333', region: 'us-east-1' } });
  const trail = new AuditTrail(stack, 'Trail');

  const detection = new IamThreatDetection(stack, 'Detection', {
    logGroup: trail.logGroup,
    emails: ['secops@example.com'],
    detections: [PrivilegedPrincipalActivity.detection({
      roleNames: ['OrganizationAccountAccessRole'],
      roleNamePatterns: ['AWSReservedSSO_AdministratorAccess_*'],
      userNames: ['break-glass'],
    })],
    investigationLookback: Duration.days(3),
  });
  new GrantedThenUsedMonitor(stack, 'GrantedThenUsed', { alarmTopic: detection.alarmTopic });
  const queries = new InvestigationQueries(stack, 'Queries', {
    logGroup: trail.logGroup,
    threatDetection: detection,
  });
  const template = Template.fromStack(stack);

  test('saves a query for the privileged principals next to the catalog\'s', () => {
    expect(queries.detectionIds).toContain('PrivilegedPrincipalActivity');
    template.hasResourceProperties('AWS::Logs::QueryDefinition', { Name: 'IamGuardrails/PrivilegedPrincipalActivity' });
  });

  test('links the privileged-principal rule to the same query as the saved one', () => {
    const rule = Object.values(template.findResources('AWS::Events::Rule'))
      .find((r) => r.Metadata['cdk-iam-guardrails:detection'] === 'PrivilegedPrincipalActivity')!;
    const message = JSON.parse(rule.Properties.Targets[0].InputTransformer.InputTemplate);
    const url = /Investigate: (\S+)/.exec(message)![1];
    expect(decodeConsoleUrl(url)).toMatchObject({
      query: queries.queryString('PrivilegedPrincipalActivity'),
      lookback: 3 * 24 * 3600,
    });
  });

  test('watches grantees in a table', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
  });
});
