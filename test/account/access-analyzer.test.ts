import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessAnalyzer, AccessAnalyzerProps, AnalyzerScope } from '../../src/account';
import { EventBridgePattern } from '../../src/patterns';

function stack(): Stack {
  return new Stack(new App(), 'Account', { env: { account: '111122223333', region: 'us-east-1' } });
}

function synth(props: AccessAnalyzerProps = {}): Template {
  const s = stack();
  new AccessAnalyzer(s, 'Analyzer', props);
  return Template.fromStack(s);
}

function withTopic(props: AccessAnalyzerProps = {}): Template {
  const s = stack();
  new AccessAnalyzer(s, 'Analyzer', { ...props, alarmTopic: new sns.Topic(s, 'Alarms') });
  return Template.fromStack(s);
}

/** The rule whose description names the finding kind, as the template holds it. */
function findingRule(template: Template, kind: 'external-access' | 'unused-access'): any {
  const rules = template.findResources('AWS::Events::Rule', {
    Properties: { Description: Match.stringLikeRegexp(kind) },
  });
  expect(Object.keys(rules)).toHaveLength(1);
  return Object.values(rules)[0].Properties;
}

function fires(template: Template, kind: 'external-access' | 'unused-access', event: any): boolean {
  return EventBridgePattern.fromObject(findingRule(template, kind).EventPattern).matchesEvent(event);
}

/** An Access Analyzer event as EventBridge delivers it, in the shape AWS documents. */
function analyzerEvent(detailType: string, region: string, analyzer: string, detail: object): any {
  return {
    'version': '0',
    'id': '6a1f0c52-1b7e-4d8a-9c3e-2f5b8d7a4e10',
    'detail-type': detailType,
    'source': 'aws.access-analyzer',
    'account': '111122223333',
    'time': '2025-03-04T10:15:31Z',
    region,
    'resources': [`arn:aws:access-analyzer:${region}:111122223333:analyzer/${analyzer}`],
    detail,
  };
}

/** The fields both finding events share, for a finding just created in this account. */
function newFinding(resourceType: string, resource: string, time: string): object {
  const status = { accountId: '111122223333', status: 'ACTIVE', isDeleted: false };
  return { resourceType, resource, ...status, createdAt: time, analyzedAt: time, updatedAt: time };
}

function externalAccessEvent(detail: Record<string, unknown> = {}): any {
  return analyzerEvent('Access Analyzer Finding', 'eu-west-1', 'Guardrails', {
    ...newFinding('AWS::S3::Bucket', 'arn:aws:s3:::reports-export', '2025-03-04T10:02:11Z'),
    version: '1.0',
    id: '0d6b3c1e-7f2a-4b9d-8e5c-1a2b3c4d5e6f',
    region: 'eu-west-1',
    principal: { AWS: '444455556666' },
    action: ['s3:GetObject', 's3:ListBucket'],
    condition: {},
    isPublic: false,
    ...detail,
  });
}

function unusedAccessEvent(detail: Record<string, unknown> = {}): any {
  const role = 'arn:aws:iam::111122223333:role/LegacyDeployer';
  return analyzerEvent('Unused Access Finding for IAM entities', 'us-east-1', 'Guardrails-unused-access', {
    ...newFinding('AWS::IAM::Role', role, '2025-03-05T06:38:44.120Z'),
    findingId: '3c8e1f4a-2d7b-4e6c-9a5f-0b1d2e3f4a5b',
    previousStatus: '',
    version: '5b7d9f1a-3c5e-4a7b-9d1f-2e4a6c8b0d13',
    findingType: 'UnusedIAMRole',
    ...detail,
  });
}

describe('AccessAnalyzer', () => {
  test('creates an account external-access analyzer by default', () => {
    const template = synth();

    template.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
  });

  test('creates an organization analyzer when asked', () => {
    synth({ analyzerScope: AnalyzerScope.ORGANIZATION }).hasResourceProperties(
      'AWS::AccessAnalyzer::Analyzer',
      { Type: 'ORGANIZATION' },
    );
  });

  test('creates no unused-access analyzer unless asked, since it costs money', () => {
    synth().resourcePropertiesCountIs('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT_UNUSED_ACCESS' }, 0);
  });

  test('creates the unused-access analyzer with a 90-day age by default', () => {
    synth({ unusedAccess: true }).hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 90 } },
    });
  });

  test('uses the unused-access age it is given', () => {
    synth({ unusedAccess: true, unusedAccessAge: Duration.days(30) }).hasResourceProperties(
      'AWS::AccessAnalyzer::Analyzer',
      { AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 30 } } },
    );
  });

  test('scopes the unused-access analyzer like the external one', () => {
    synth({ unusedAccess: true, analyzerScope: AnalyzerScope.ORGANIZATION }).hasResourceProperties(
      'AWS::AccessAnalyzer::Analyzer',
      { Type: 'ORGANIZATION_UNUSED_ACCESS' },
    );
  });

  test('names the unused-access analyzer after the external one', () => {
    synth({ unusedAccess: true, analyzerName: 'Guardrails' }).hasResourceProperties(
      'AWS::AccessAnalyzer::Analyzer',
      { Type: 'ACCOUNT_UNUSED_ACCESS', AnalyzerName: 'Guardrails-unused-access' },
    );
  });

  test('renders archive rules with their filters', () => {
    const template = synth({
      archiveRules: [
        {
          ruleName: 'TrustedAuditAccount',
          filters: [
            { property: 'principal.AWS', eq: ['444455556666'] },
            { property: 'isPublic', eq: ['false'] },
          ],
        },
      ],
    });

    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT',
      ArchiveRules: [
        {
          RuleName: 'TrustedAuditAccount',
          Filter: [
            { Property: 'principal.AWS', Eq: ['444455556666'] },
            { Property: 'isPublic', Eq: ['false'] },
          ],
        },
      ],
    });
  });

  test('renders unused-access archive rules on the unused-access analyzer', () => {
    const template = synth({
      unusedAccess: true,
      unusedAccessArchiveRules: [
        { ruleName: 'IgnoreBreakGlass', filters: [{ property: 'resource', contains: ['break-glass'] }] },
      ],
    });

    template.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', {
      Type: 'ACCOUNT_UNUSED_ACCESS',
      ArchiveRules: [{ RuleName: 'IgnoreBreakGlass', Filter: [{ Property: 'resource', Contains: ['break-glass'] }] }],
    });
  });

  test('routes nothing when no alarm topic is given', () => {
    synth().resourceCountIs('AWS::Events::Rule', 0);
  });

  test('routes new active external-access findings to the alarm topic', () => {
    withTopic().hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.access-analyzer'],
        'detail-type': ['Access Analyzer Finding'],
        'detail': { status: ['ACTIVE'], isDeleted: [false] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alarms') } })],
    });
  });

  test('sends a new active external-access finding', () => {
    expect(fires(withTopic(), 'external-access', externalAccessEvent())).toBe(true);
  });

  test('sends an external-access error finding, which marks a resource it cannot analyze', () => {
    const event = externalAccessEvent({ error: 'ACCESS_DENIED' });
    for (const field of ['principal', 'action', 'condition', 'isPublic']) delete event.detail[field];

    expect(fires(withTopic(), 'external-access', event)).toBe(true);
  });

  test('does not send an archived or resolved external-access finding', () => {
    const template = withTopic();
    const later = { updatedAt: '2025-03-06T08:00:00Z' };

    expect(fires(template, 'external-access', externalAccessEvent({ ...later, status: 'ARCHIVED' }))).toBe(false);
    expect(fires(template, 'external-access', externalAccessEvent({ ...later, status: 'RESOLVED' }))).toBe(false);
  });

  test('does not send an active external-access finding being deleted with its analyzer', () => {
    const event = externalAccessEvent({ isDeleted: true });
    expect(fires(withTopic(), 'external-access', event)).toBe(false);
  });

  test('does not send unused-access or access preview events on the external-access rule', () => {
    const template = withTopic({ unusedAccess: true });
    const preview = { ...externalAccessEvent(), 'detail-type': 'Access Preview State Change' };

    expect(fires(template, 'external-access', unusedAccessEvent())).toBe(false);
    expect(fires(template, 'external-access', preview)).toBe(false);
  });

  test('sends a message naming the resource, principal, account, Region and finding', () => {
    const rule = findingRule(withTopic(), 'external-access');
    const transformer = rule.Targets[0].InputTransformer;

    expect(transformer.InputPathsMap).toEqual(
      expect.objectContaining({
        'detail-accountId': '$.detail.accountId',
        'detail-resource': '$.detail.resource',
        'detail-resourceType': '$.detail.resourceType',
        'detail-principal-AWS': '$.detail.principal.AWS',
        'detail-id': '$.detail.id',
        'region': '$.region',
      }),
    );
    expect(transformer.InputTemplate).toContain(
      'The <detail-resourceType> <detail-resource> is reachable from outside the zone of trust ' +
        'by principal <detail-principal-AWS>',
    );
  });

  test('links the external-access message to the finding in the console of its Region', () => {
    const rule = findingRule(withTopic(), 'external-access');

    expect(rule.Targets[0].InputTransformer.InputTemplate).toContain(
      'https://<region>.console.aws.amazon.com/access-analyzer/home?region=<region>' +
        '#/findings/details/<detail-id>',
    );
  });

  test.each([
    ['us-gov-west-1', 'console.amazonaws-us-gov.com'],
    ['cn-north-1', 'console.amazonaws.cn'],
  ])('links to the console of the partition of %s', (region, host) => {
    const s = new Stack(new App(), 'Account', { env: { account: '111122223333', region } });
    new AccessAnalyzer(s, 'Analyzer', { unusedAccess: true, alarmTopic: new sns.Topic(s, 'Alarms') });
    const template = Template.fromStack(s);

    for (const kind of ['external-access', 'unused-access'] as const) {
      expect(findingRule(template, kind).Targets[0].InputTransformer.InputTemplate)
        .toContain(`https://<region>.${host}/access-analyzer/home?region=<region>`);
    }
  });

  test('routes no unused-access findings when the unused-access analyzer is off', () => {
    withTopic().resourcePropertiesCountIs(
      'AWS::Events::Rule',
      { EventPattern: { 'detail-type': ['Unused Access Finding for IAM entities'] } },
      0,
    );
  });

  test('routes new active unused-access findings to the alarm topic', () => {
    withTopic({ unusedAccess: true }).hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        'source': ['aws.access-analyzer'],
        'detail-type': ['Unused Access Finding for IAM entities'],
        'detail': { status: ['ACTIVE'], previousStatus: [''], isDeleted: [false] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alarms') } })],
    });
  });

  test('sends a new active unused-access finding of every finding type', () => {
    const template = withTopic({ unusedAccess: true });
    const types = ['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission'];

    for (const findingType of types) {
      expect(fires(template, 'unused-access', unusedAccessEvent({ findingType }))).toBe(true);
    }
  });

  test('does not send an unused-access finding that was archived, resolved or set back to active', () => {
    const template = withTopic({ unusedAccess: true });
    const later = { updatedAt: '2025-03-07T09:12:30.004Z' };
    const changes = [
      { status: 'ARCHIVED', previousStatus: 'ACTIVE' },
      { status: 'RESOLVED', previousStatus: 'ACTIVE' },
      { status: 'ACTIVE', previousStatus: 'ARCHIVED' },
    ];

    for (const change of changes) {
      expect(fires(template, 'unused-access', unusedAccessEvent({ ...later, ...change }))).toBe(false);
    }
  });

  test('does not send an unused-access finding being deleted', () => {
    const event = unusedAccessEvent({ isDeleted: true });
    expect(fires(withTopic({ unusedAccess: true }), 'unused-access', event)).toBe(false);
  });

  test('does not send external-access events on the unused-access rule', () => {
    const event = externalAccessEvent({ previousStatus: '' });
    expect(fires(withTopic({ unusedAccess: true }), 'unused-access', event)).toBe(false);
  });

  test('sends an unused-access message naming the finding type, resource, account, Region and age', () => {
    const rule = findingRule(withTopic({ unusedAccess: true, unusedAccessAge: Duration.days(60) }), 'unused-access');
    const transformer = rule.Targets[0].InputTransformer;

    expect(transformer.InputPathsMap).toEqual({
      'detail-findingType': '$.detail.findingType',
      'detail-accountId': '$.detail.accountId',
      'detail-resourceType': '$.detail.resourceType',
      'detail-resource': '$.detail.resource',
      'detail-findingId': '$.detail.findingId',
      'region': '$.region',
    });
    expect(transformer.InputTemplate).toContain(
      'The <detail-resourceType> <detail-resource> holds access unused for at least 60 days',
    );
    expect(transformer.InputTemplate).toContain(
      'https://<region>.console.aws.amazon.com/access-analyzer/home?region=<region>#/unused-access-findings',
    );
  });
});
