import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { decodeConsoleUrl } from './console-url';
import { IamThreatDetection } from '../../src/detection';
import { Detection, PrivilegedPrincipalActivity } from '../../src/detections';
import { InvestigationQueries, InvestigationQueriesProps } from '../../src/investigation';

const ENV = { account: '111122223333', region: 'us-east-1' };

function build(props: Partial<InvestigationQueriesProps> = {}, logGroupName?: string) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const logGroup = new logs.LogGroup(stack, 'Trail', { logGroupName });
  const withDetections = props.detections || props.threatDetection
    ? props
    : { threatDetection: new IamThreatDetection(stack, 'Detection', { logGroup }), ...props };
  const queries = new InvestigationQueries(stack, 'Queries', { logGroup, ...withDetections });
  return { stack, logGroup, queries, template: () => Template.fromStack(stack) };
}

describe('InvestigationQueries', () => {
  test('saves one query per detection of an IamThreatDetection, plus the principal timeline', () => {
    const { queries, template } = build();
    template().resourceCountIs('AWS::Logs::QueryDefinition', queries.detectionIds.length + 1);
    expect(queries.detectionIds).toContain('AdminPrivilegesGranted');
  });

  test('names each query by its detection under the prefix', () => {
    build().template().hasResourceProperties('AWS::Logs::QueryDefinition', { Name: 'IamGuardrails/UserCreated' });
  });

  test('searches the log group it is given', () => {
    const { template, stack, logGroup } = build();
    template().hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'IamGuardrails/UserCreated',
      LogGroupNames: [stack.resolve(logGroup.logGroupName)],
    });
  });

  test('lists who, what, where and when, filtered like the detection', () => {
    const { queries } = build();
    expect(queries.queryString('UserCreated')).toBe([
      'fields eventTime, userIdentity.type, userIdentity.arn, userIdentity.accessKeyId, eventSource, eventName, '
        + 'errorCode, sourceIPAddress, awsRegion, userAgent, recipientAccountId, @message',
      '| filter eventSource = "iam.amazonaws.com" and eventName = "CreateUser" and not ispresent(errorCode)',
      '| sort eventTime desc',
      '| limit 1000',
    ].join('\n'));
  });

  test('writes queries for a list of detections without a detection construct', () => {
    const detection = PrivilegedPrincipalActivity.detection({ userNames: ['break-glass'] });
    const { queries } = build({ detections: [detection] });
    expect(queries.detectionIds).toEqual(['PrivilegedPrincipalActivity']);
  });

  test('marks a query that falls back to event names in its name', () => {
    const odd = Detection.custom({ id: 'Odd', filterPattern: '{ $.eventName = "CreateUser" && $.x IS NULL }' });
    build({ detections: [odd] }).template().hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'IamGuardrails/Odd (event names only)',
      QueryString: Match.stringLikeRegexp('filter eventName in \\["CreateUser"\\]'),
    });
  });

  test('gives the principal timeline a principal parameter', () => {
    build().template().hasResourceProperties('AWS::Logs::QueryDefinition', {
      Name: 'IamGuardrails/PrincipalTimeline',
      QueryString: Match.stringLikeRegexp('userIdentity.accessKeyId = "\\{\\{principal\\}\\}"'),
      Parameters: [Match.objectLike({ Name: 'principal' })],
    });
  });

  test('opens the detection\'s query in the console of the stack\'s Region', () => {
    const { queries } = build({}, '/aws/cloudtrail/org');
    const decoded = decodeConsoleUrl(queries.consoleUrl('AdminPrivilegesGranted'));
    expect(decoded).toMatchObject({
      region: 'us-east-1',
      query: queries.queryString('AdminPrivilegesGranted'),
      source: '/aws/cloudtrail/org',
    });
  });

  test('keeps a deploy-time log group name as a reference in the address', () => {
    const { queries, stack, logGroup } = build();
    const resolved = JSON.stringify(stack.resolve(queries.consoleUrl('UserCreated')));
    expect(resolved).toContain(JSON.stringify(stack.resolve(logGroup.logGroupName)));
  });

  test('rejects a second query for the same detection', () => {
    const { queries } = build();
    expect(() => queries.addDetection(PrivilegedPrincipalActivity.detection({ userNames: ['a'] }))).not.toThrow();
    expect(() => queries.addDetection(PrivilegedPrincipalActivity.detection({ userNames: ['a'] })))
      .toThrow(/Stack\/Queries: detection 'PrivilegedPrincipalActivity' already has a query/);
  });

  test('rejects being given no detections, naming the construct path', () => {
    const stack = new Stack();
    const logGroup = new logs.LogGroup(stack, 'L');
    expect(() => new InvestigationQueries(stack, 'Q', { logGroup, detections: [] }))
      .toThrow(/Q: neither threatDetection nor detections is given/);
  });

  test('says which detections exist when asked for an unknown one', () => {
    expect(() => build().queries.consoleUrl('Nope')).toThrow(/no query for detection 'Nope'. Present: /);
  });
});
