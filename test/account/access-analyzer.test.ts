import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessAnalyzer, AccessAnalyzerProps, AnalyzerScope } from '../../src/account';

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
        'detail': { status: ['ACTIVE'] },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Alarms') } })],
    });
  });

  test('sends a message naming the resource, principal, account and resource type', () => {
    const rules = withTopic().findResources('AWS::Events::Rule');
    const [rule] = Object.values(rules);
    const transformer = rule.Properties.Targets[0].InputTransformer;

    expect(transformer.InputPathsMap).toEqual(
      expect.objectContaining({
        'detail-accountId': '$.detail.accountId',
        'detail-resource': '$.detail.resource',
        'detail-resourceType': '$.detail.resourceType',
        'detail-principal-AWS': '$.detail.principal.AWS',
      }),
    );
    expect(transformer.InputTemplate).toContain(
      'The <detail-resourceType> <detail-resource> is reachable from outside the zone of trust ' +
        'by principal <detail-principal-AWS>',
    );
  });
});
