import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ReplayModel } from '../../src/replay/model';
import { ProblemList } from '../../src/replay/problems';
import { readTemplate, readTemplates } from '../../src/replay/template-reader';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'templates');
const SMALL = path.join(FIXTURES, 'small.template.json');

function readSmall() {
  const problems = new ProblemList();
  return { model: readTemplates([SMALL], problems), problems: problems.messages };
}

function readInline(resources: object) {
  const problems = new ProblemList();
  const model: ReplayModel = { filters: [], rules: [], alarms: [] };
  readTemplate('inline.json', { Resources: resources }, model, problems);
  return { model, problems: problems.messages };
}

function filter(metricName: string, detection?: string) {
  return {
    Type: 'AWS::Logs::MetricFilter',
    ...(detection ? { Metadata: { 'cdk-iam-guardrails:detection': detection } } : {}),
    Properties: {
      FilterPattern: '{ $.eventName = "CreateUser" }',
      MetricTransformations: [{ MetricName: metricName, MetricNamespace: 'Custom', MetricValue: '1' }],
    },
  };
}

function rule(detection?: string, properties: object = { EventPattern: { source: ['aws.iam'] } }) {
  return {
    Type: 'AWS::Events::Rule',
    ...(detection ? { Metadata: { 'cdk-iam-guardrails:detection': detection } } : {}),
    Properties: properties,
  };
}

describe('template reader', () => {
  test('reads every metric filter whose pattern parses', () => {
    const { model } = readSmall();
    expect(model.filters.map((f) => f.logicalId))
      .toEqual(['SignInFailuresFilter', 'RootFilter', 'AssumeRoleFilter']);
  });

  test('reports a pattern that does not parse, naming the template and logical id', () => {
    const { problems } = readSmall();
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${SMALL}: BrokenFilter \\(AWS::Logs::MetricFilter\\): `
        + 'FilterPattern does not parse')),
    ]);
  });

  test('takes the detection id of a metric filter and of a rule from its metadata', () => {
    const { model } = readSmall();
    expect([...model.filters, ...model.rules].map((r) => r.detectionId)).toEqual([
      'ConsoleSignInFailures', 'RootUse', 'AssumeRoleActivity',
      'AccessKeyRule', 'AdminPrivilegesGranted', 'AssumeRoleRule',
    ]);
  });

  test('marks a rule whose matches must grant full privileges', () => {
    const { model } = readSmall();
    expect(model.rules.filter((r) => r.fullPrivilegeGrant).map((r) => r.logicalId))
      .toEqual(['FullPrivilegeRule']);
  });

  test('indexes rules by the eventName values their pattern requires', () => {
    const { model } = readSmall();
    expect(model.rules[1].pattern.eventNames).toEqual(['PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy']);
  });

  test('indexes metric filters by the eventName values their pattern requires', () => {
    const { model } = readSmall();
    expect(model.filters.map((f) => f.pattern.eventNames)).toEqual([['ConsoleLogin'], undefined, ['AssumeRole']]);
  });

  test('reads a plain alarm with its statistic, period and threshold', () => {
    const { model } = readSmall();
    expect(model.alarms[0]).toMatchObject({
      namespace: 'IamGuardrails',
      metricName: 'ConsoleSignInFailures',
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      threshold: 3,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      notSimulated: undefined,
    });
  });

  test('links an anomaly-detection alarm to its metric and marks it not simulated', () => {
    const { model } = readSmall();
    expect(model.alarms[1]).toMatchObject({
      metricName: 'AssumeRoleActivity',
      namespace: 'IamGuardrails',
      notSimulated: 'anomaly detection',
    });
  });

  test('says so when a template has no metric filter and no rule', () => {
    const file = path.join(FIXTURES, 'no-detections.template.json');
    const problems = new ProblemList();
    readTemplates([file], problems);
    expect(problems.messages).toEqual([
      `${file}: has no AWS::Logs::MetricFilter or AWS::Events::Rule resources; `
      + 'nothing in it can match CloudTrail records',
    ]);
  });

  describe('given a cloud assembly directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-assembly-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    function assemblyFile(name: string, content: string) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      return file;
    }

    test('reads every template in it', () => {
      const problems = new ProblemList();
      const model = readTemplates([FIXTURES], problems);
      expect(model.filters.map((f) => f.template)).toEqual([SMALL, SMALL, SMALL]);
    });

    test('reads the templates of the nested assembly of a stage', () => {
      assemblyFile('manifest.json', '{}');
      const staged = assemblyFile('assembly-Stage/StageStack.template.json', fs.readFileSync(SMALL, 'utf8'));
      assemblyFile('assembly-Stage/manifest.json', '{}');
      const model = readTemplates([dir], new ProblemList());
      expect(new Set(model.filters.map((f) => f.template))).toEqual(new Set([staged]));
    });

    test('leaves out asset directories', () => {
      assemblyFile('asset.abc/Copied.template.json', fs.readFileSync(SMALL, 'utf8'));
      assemblyFile('Main.template.json', fs.readFileSync(SMALL, 'utf8'));
      const model = readTemplates([dir], new ProblemList());
      expect(new Set(model.filters.map((f) => path.basename(f.template)))).toEqual(new Set(['Main.template.json']));
    });

    test('does not report its stacks that hold no detection', () => {
      assemblyFile('Main.template.json', fs.readFileSync(SMALL, 'utf8'));
      assemblyFile('Other.template.json', JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } }));
      const problems = new ProblemList();
      readTemplates([dir], problems);
      expect(problems.messages.filter((m) => m.includes('Other.template.json'))).toEqual([]);
    });

    test('reports a directory that holds no template', () => {
      assemblyFile('notes.txt', 'not a template');
      const problems = new ProblemList();
      readTemplates([dir], problems);
      expect(problems.messages).toEqual([`${dir}: a directory without *.template.json files; give a cloud assembly `
        + '(such as cdk.out, after cdk synth) or template files']);
    });
  });

  test('reports a template file that cannot be read', () => {
    const problems = new ProblemList();
    readTemplates([path.join(FIXTURES, 'missing.template.json')], problems);
    expect(problems.messages).toEqual([expect.stringMatching(/missing\.template\.json: cannot read the template/)]);
  });

  test('resolves Fn::Join and the partition in an event pattern', () => {
    const { model, problems } = readInline({
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventPattern: {
            detail: {
              requestParameters: {
                policyArn: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/X']] }],
              },
            },
          },
        },
      },
    });
    expect({ rules: model.rules.length, problems }).toEqual({ rules: 1, problems: [] });
  });

  test('reports a value known only after deployment and skips the resource', () => {
    const { model, problems } = readInline({
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { EventPattern: { account: [{ Ref: 'AWS::AccountId' }] } },
      },
    });
    expect(model.rules).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^inline\.json: Rule \(AWS::Events::Rule\): .*only known after deployment/)]);
  });

  test('reports an event pattern the evaluator rejects', () => {
    const { problems } = readInline({
      Rule: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: 'aws.iam' } } },
    });
    expect(problems).toEqual([expect.stringMatching(/^inline\.json: Rule \(AWS::Events::Rule\): EventPattern is not valid/)]);
  });

  describe('given a template made with the library', () => {
    const resources = {
      UserCreatedFilter: filter('UserCreated', 'UserCreated'),
      UserCreatedRule: rule('UserCreated'),
      ForwarderRule: rule(),
      OwnFilter: filter('OwnMetric'),
      NightlyRule: rule(undefined, { ScheduleExpression: 'rate(1 day)' }),
    };

    test('replays the rules and metric filters that carry detection metadata', () => {
      const { model } = readInline(resources);
      expect([...model.filters, ...model.rules].map((r) => r.logicalId))
        .toEqual(['UserCreatedFilter', 'UserCreatedRule']);
    });

    test('leaves out the rules and metric filters without it, as not detections, without a problem', () => {
      const { model, problems } = readInline(resources);
      expect({ notDetections: model.notDetections, problems }).toEqual({
        notDetections: [
          { template: 'inline.json', logicalId: 'ForwarderRule', type: 'AWS::Events::Rule' },
          { template: 'inline.json', logicalId: 'OwnFilter', type: 'AWS::Logs::MetricFilter' },
        ],
        problems: [],
      });
    });

    test('does not parse what it leaves out', () => {
      const { problems } = readInline({
        ...resources,
        BrokenFilter: { Type: 'AWS::Logs::MetricFilter', Properties: {} },
      });
      expect(problems).toEqual([]);
    });
  });

  describe('given a template without detection metadata', () => {
    const resources = { OwnFilter: filter('OwnMetric'), OwnRule: rule() };

    test('counts every metric filter as a detection named by its metric name', () => {
      expect(readInline(resources).model.filters.map((f) => f.detectionId)).toEqual(['OwnMetric']);
    });

    test('counts every rule as a detection named by its logical id', () => {
      expect(readInline(resources).model.rules.map((r) => r.detectionId)).toEqual(['OwnRule']);
    });

    test('leaves nothing out', () => {
      expect(readInline(resources).model.notDetections).toBeUndefined();
    });
  });
});
