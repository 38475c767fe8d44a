import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IamThreatDetection } from '../../src/detection';
import { Detection, DetectionCatalog, PrivilegedPrincipalActivity } from '../../src/detections';
import { InvestigationLink, InvestigationQueries, InvestigationQueriesProps } from '../../src/investigation';

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

/** Reads the query and log group back from a console address, undoing each layer. */
function decodeConsoleUrl(url: string): { region: string; query: string; source: string } {
  const [base, fragment] = url.split('#logsV2:logs-insights');
  const state = unescape(decodeURIComponent(fragment.replace(/\$/g, '%')));
  const values = (text: string) => text.replace(/\*([0-9a-f]{2})/g, '%$1');
  const editor = /~editorString~'([^~]*)~/.exec(state)![1];
  const source = /~source~\(~'([^~)]*)\)/.exec(state)![1];
  return {
    region: /^https:\/\/([a-z0-9-]+)\.console/.exec(base)![1],
    query: decodeURIComponent(values(editor)),
    source: decodeURIComponent(values(source)),
  };
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
    expect(decoded).toEqual({
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

describe('InvestigationLink', () => {
  test('gives the same address as the saved query, without the construct', () => {
    const { queries, stack, logGroup } = build({}, '/aws/cloudtrail/org');
    const detection = DetectionCatalog.get('UserCreated');
    expect(InvestigationLink.consoleUrl(stack, detection, logGroup)).toBe(queries.consoleUrl('UserCreated'));
  });

  test('looks back over the period it is given', () => {
    const { stack, logGroup } = build({}, '/aws/cloudtrail/org');
    const url = InvestigationLink.consoleUrl(stack, DetectionCatalog.get('UserCreated'), logGroup, Duration.hours(2));
    expect(unescape(decodeURIComponent(url.split('#')[1].replace(/\$/g, '%')))).toContain('~start~-7200~');
  });
});
