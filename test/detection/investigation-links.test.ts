import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IamThreatDetection, IamThreatDetectionProps } from '../../src/detection';
import { Detection, DetectionCatalog } from '../../src/detections';
import { InvestigationLink } from '../../src/investigation';
import { decodeConsoleUrl, evaluate } from '../investigation/console-url';

const LOG_GROUP = '/aws/cloudtrail/org-trail';

/** A detection on a log group named `logGroupName`, or named at deployment when it is null. */
function build(props: Partial<IamThreatDetectionProps> = {}, logGroupName: string | null = LOG_GROUP) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const logGroup = new logs.LogGroup(stack, 'TrailLogs', { logGroupName: logGroupName ?? undefined });
  const detection = new IamThreatDetection(stack, 'Detection', { logGroup, ...props });
  const link = (d: Detection, lookback?: Duration) => InvestigationLink.consoleUrl(stack, d, logGroup, lookback);
  return { stack, detection, link };
}

function synth(props: Partial<IamThreatDetectionProps> = {}, logGroupName: string | null = LOG_GROUP) {
  const built = build(props, logGroupName);
  return { ...built, template: Template.fromStack(built.stack) };
}

/** The alarm description of each detection, by id. */
function descriptions(template: Template): Map<string, string> {
  const out = new Map<string, string>();
  for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
    out.set(alarm.Metadata['cdk-iam-guardrails:detection'], alarm.Properties.AlarmDescription);
  }
  return out;
}

/** The text each rule sends to the topic, by detection id (placeholders left in). */
function messages(template: Template): Map<string, any> {
  const out = new Map<string, any>();
  for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
    // The policy-document monitor's rule invokes its function, which writes its own message.
    const input = rule.Properties.Targets[0].InputTransformer?.InputTemplate;
    if (input === undefined) continue;
    out.set(rule.Metadata['cdk-iam-guardrails:detection'], typeof input === 'string' ? JSON.parse(input) : input);
  }
  return out;
}

const head = (d: Detection) => `${d.id} (${d.severity}): ${d.title}.`;

describe('IamThreatDetection investigation links', () => {
  describe('on by default', () => {
    const { template, link } = synth();
    const sent = messages(template);
    const described = descriptions(template);

    test('rule messages link to the console query of their detection, before the runbook', () => {
      expect(sent.size).toBeGreaterThan(0);
      for (const [id, message] of sent) {
        const detection = DetectionCatalog.get(id);
        expect(message).toContain(`Investigate: ${link(detection)} Runbook: ${detection.runbook}`);
      }
    });

    test('the link opens the query on the trail\'s log group in the stack\'s Region', () => {
      const url = /Investigate: (\S+)/.exec(sent.get('UserCreated'))![1];
      expect(decodeConsoleUrl(url)).toMatchObject({
        region: 'us-east-1',
        source: LOG_GROUP,
        query: expect.stringContaining('eventName = "CreateUser"'),
        lookback: 24 * 3600,
      });
    });

    test('alarm descriptions carry the link between title and runbook when both title and link fit', () => {
      const fitting = DetectionCatalog.iamAttack()
        .filter((d) => `${head(d)} Investigate: ${link(d)}`.length <= 1024);
      expect(fitting.length).toBeGreaterThan(0);
      for (const d of fitting) {
        const description = described.get(d.id)!;
        expect(description.startsWith(`${head(d)} Investigate: ${link(d)} Runbook: `)).toBe(true);
        expect(description.length).toBeLessThanOrEqual(1024);
      }
    });

    test('cuts the runbook at a word to make room for the link', () => {
      const cut = DetectionCatalog.iamAttack().map((d) => ({ d, description: described.get(d.id)! }))
        .filter(({ d, description }) => description.includes('Investigate:') && !description.endsWith(d.runbook));
      expect(cut.length).toBeGreaterThan(0);
      for (const { d, description } of cut) {
        const kept = description.split(' Runbook: ')[1].replace(/\.\.\.$/, '');
        expect(d.runbook.startsWith(kept)).toBe(true);
        expect(d.runbook.slice(kept.length)).toMatch(/^[\s,;:.]/);
      }
    });

    test('alarm descriptions leave the link out, not the title, when title and link do not fit', () => {
      const tooLong = DetectionCatalog.iamAttack()
        .filter((d) => `${head(d)} Investigate: ${link(d)}`.length > 1024);
      expect(tooLong.length).toBeGreaterThan(0);
      for (const d of tooLong) {
        const description = described.get(d.id)!;
        expect(description).not.toContain('Investigate:');
        expect(description).toBe(`${head(d)} ${d.runbook}`.slice(0, 1024));
      }
    });

    test('the anomaly-detection alarm carries the link too', () => {
      const d = DetectionCatalog.get('AssumeRoleActivity');
      expect(`${head(d)} Investigate: ${link(d)}`.length).toBeLessThanOrEqual(1024);
      expect(described.get('AssumeRoleActivity')).toContain(link(d));
    });
  });

  test('a detection added later gets its link', () => {
    const { detection, stack, link } = build();
    const mine = Detection.custom({ id: 'BreakGlassUsed', filterPattern: '{ $.userIdentity.userName = "BreakGlass" }' });
    detection.addDetection(mine);
    expect(descriptions(Template.fromStack(stack)).get('BreakGlassUsed')).toContain(`Investigate: ${link(mine)}`);
  });

  test('looks back over investigationLookback', () => {
    const { template } = synth({ investigationLookback: Duration.days(3) });
    const url = /Investigate: (\S+)/.exec(messages(template).get('UserCreated'))![1];
    expect(decodeConsoleUrl(url).lookback).toBe(3 * 24 * 3600);
  });

  test('investigationLinks: false leaves every link out and the runbook whole where it fits', () => {
    const { template } = synth({ investigationLinks: false });
    for (const [, message] of messages(template)) expect(message).not.toContain('Investigate:');
    for (const [id, description] of descriptions(template)) {
      const d = DetectionCatalog.get(id);
      expect(description).toBe(`${head(d)} ${d.runbook}`.slice(0, 1024));
    }
  });

  describe('a log group named at deployment', () => {
    const { template } = synth({}, null);
    const logicalId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];

    test('rule messages carry the link, the name encoded by CloudFormation', () => {
      const message = evaluate(messages(template).get('UserCreated'), { [logicalId]: 'Stack-TrailLogs_A1/b' });
      const url = /Investigate: (\S+)/.exec(JSON.parse(message))![1];
      expect(decodeConsoleUrl(url).source).toBe('Stack-TrailLogs_A1/b');
    });

    test('alarm descriptions leave the link out, their length being unknown until then', () => {
      for (const [, description] of descriptions(template)) expect(JSON.stringify(description)).not.toContain('Investigate');
    });
  });

  describe('bad input', () => {
    test('refuses investigationLookback with the links off', () => {
      expect(() => synth({ investigationLinks: false, investigationLookback: Duration.hours(1) }))
        .toThrow(/Detection: investigationLookback is 1 hour but investigationLinks is false/);
    });

    test('refuses an investigationLookback under a minute', () => {
      expect(() => synth({ investigationLookback: Duration.seconds(10) }))
        .toThrow(/Detection: investigationLookback is 10 seconds; give at least Duration.minutes\(1\)/);
    });
  });
});
