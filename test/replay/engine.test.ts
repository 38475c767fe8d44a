import * as fs from 'fs';
import * as path from 'path';
import { EngineOptions, ReplayEngine } from '../../src/replay/engine';
import { ProblemList } from '../../src/replay/problems';
import { readTemplate, readTemplates } from '../../src/replay/template-reader';

const SMALL = path.join(__dirname, '..', 'fixtures', 'templates', 'small.template.json');
const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');

function corpus(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, `${name}.json`), 'utf8'));
}

function engine(options: EngineOptions = {}): ReplayEngine {
  return new ReplayEngine(readTemplates([SMALL], new ProblemList()), options);
}

function result(e: ReplayEngine, id: string) {
  return e.results().find((d) => d.id === id)!;
}

/** A copy of the record at `seconds` past its own eventTime. */
function at(record: any, seconds: number): any {
  const time = new Date(Date.parse(record.eventTime) + seconds * 1000).toISOString();
  return { ...record, eventTime: time.replace('.000Z', 'Z') };
}

function inlineEngine(filterPattern: string): ReplayEngine {
  const model = { filters: [], rules: [], alarms: [] };
  readTemplate('inline.json', {
    Resources: {
      Filter: {
        Type: 'AWS::Logs::MetricFilter',
        Properties: {
          FilterPattern: filterPattern,
          MetricTransformations: [{ MetricName: 'Terms', MetricNamespace: 'Custom', MetricValue: '1' }],
        },
      },
    },
  }, model, new ProblemList());
  return new ReplayEngine(model);
}

function ruleEngine(eventPattern: object): ReplayEngine {
  const model = { filters: [], rules: [], alarms: [] };
  readTemplate('inline.json', {
    Resources: {
      Rule: { Type: 'AWS::Events::Rule', Properties: { State: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS', EventPattern: eventPattern } },
    },
  }, model, new ProblemList());
  return new ReplayEngine(model);
}

describe('replay engine', () => {
  test('matches a term pattern against the record as JSON text', () => {
    expect(inlineEngine('"AccessDenied" ?"not authorized"').process(corpus('benign__assume-role-access-denied')))
      .toEqual(['Terms']);
  });

  test('does not match a term pattern whose term the record lacks', () => {
    expect(inlineEngine('"AccessDenied"').process(corpus('benign__get-caller-identity'))).toEqual([]);
  });

  test('names the detections whose metric filters match a record', () => {
    expect(engine().process(corpus('console-login-failure__root-failed-authentication')))
      .toEqual(['ConsoleSignInFailures', 'RootUse']);
  });

  test('names the detections whose rules match a record', () => {
    expect(engine().process(corpus('create-access-key__for-other-user'))).toEqual(['AccessKeyRule']);
  });

  test('returns no detection for a record nothing matches', () => {
    expect(engine().process(corpus('benign__get-caller-identity'))).toEqual([]);
  });

  test('does not deliver a read-only record to a rule in state ENABLED', () => {
    const e = engine();
    const detections = e.process(corpus('assume-role__iam-user-same-account'));
    expect(detections).toEqual(['AssumeRoleActivity']);
  });

  test('fires a full-privilege rule on an inline policy that allows everything', () => {
    expect(engine().process(corpus('admin-policy-grant__put-user-policy-action-star-array-console')))
      .toEqual(['AdminPrivilegesGranted']);
  });

  test('does not fire a full-privilege rule on a deny-all quarantine policy', () => {
    expect(engine().process(corpus('put-user-policy__deny-all-quarantine'))).toEqual([]);
  });

  test('fires a rule whose required detail value the record holds', () => {
    const rule = ruleEngine({ detail: { userIdentity: { type: ['Root'] } } });
    expect(rule.process(corpus('root-usage__list-access-keys-readonly'))).toEqual(['Rule']);
  });

  test('does not fire a rule whose required detail value the record lacks', () => {
    const rule = ruleEngine({ detail: { userIdentity: { type: ['Root'] } } });
    expect(rule.process(corpus('attach-user-policy__readonlyaccess-by-assumed-role'))).toEqual([]);
  });

  test('fires a rule whose required detail value is one element of an array in the record', () => {
    const rule = ruleEngine({ detail: { requestParameters: { tags: ['prod'] } } });
    const record = { ...corpus('benign__get-caller-identity'), requestParameters: { tags: ['dev', 'prod'] } };
    expect(rule.process(record)).toEqual(['Rule']);
  });

  test('judges the branches of $or with the full pattern', () => {
    const rule = ruleEngine({ detail: { $or: [{ errorCode: ['AccessDenied'] }, { userIdentity: { type: ['Root'] } }] } });
    expect(rule.process(corpus('root-usage__list-access-keys-readonly'))).toEqual(['Rule']);
  });

  test('lets rules see records of every Region by default', () => {
    const record = { ...corpus('create-access-key__for-other-user'), awsRegion: 'eu-west-1' };
    expect(engine().process(record)).toEqual(['AccessKeyRule']);
  });

  test('keeps records of other Regions from the rules when a Region is given', () => {
    const record = { ...corpus('create-access-key__for-other-user'), awsRegion: 'eu-west-1' };
    expect(engine({ region: 'us-east-1' }).process(record)).toEqual([]);
  });

  test('still runs metric filters on records of other Regions when a Region is given', () => {
    const record = { ...corpus('console-login-failure__unknown-username-hidden'), awsRegion: 'eu-west-1' };
    expect(engine({ region: 'us-east-1' }).process(record)).toEqual(['ConsoleSignInFailures']);
  });

  test('counts the matches of each detection', () => {
    const e = engine();
    const failure = corpus('console-login-failure__unknown-username-hidden');
    e.process(failure);
    e.process(failure);
    e.process(corpus('benign__get-caller-identity'));
    expect(result(e, 'ConsoleSignInFailures').matches).toBe(2);
  });

  test('puts the alarm in ALARM when the threshold is reached within one period', () => {
    const e = engine();
    const failure = corpus('console-login-failure__unknown-username-hidden');
    [0, 30, 60].forEach((s) => e.process(at(failure, s)));
    expect(result(e, 'ConsoleSignInFailures').alarm).toMatchObject({ state: 'ALARM', wentToAlarm: true });
  });

  test('reports how many times the alarm went to ALARM, the first and last time, and its state at the end', () => {
    const e = engine();
    const failure = corpus('console-login-failure__unknown-username-hidden');
    [0, 30, 60, 7200, 7230, 7260, 9000].forEach((s) => e.process(at(failure, s)));
    const alarm = result(e, 'ConsoleSignInFailures').alarm!;
    expect(alarm).toMatchObject({ state: 'OK', wentToAlarm: true, alarmCount: 2 });
    expect(Date.parse(alarm.lastAlarmAt!) - Date.parse(alarm.firstAlarmAt!)).toBe(7200_000);
  });

  test('leaves the alarm OK when the matches are spread over several periods', () => {
    const e = engine();
    const failure = corpus('console-login-failure__unknown-username-hidden');
    [0, 600, 1200].forEach((s) => e.process(at(failure, s)));
    expect(result(e, 'ConsoleSignInFailures').alarm).toMatchObject({ state: 'OK', wentToAlarm: false });
  });

  test('reports an anomaly-detection alarm as not simulated', () => {
    const e = engine();
    e.process(corpus('assume-role__iam-user-same-account'));
    expect(result(e, 'AssumeRoleActivity').alarm)
      .toMatchObject({ state: 'not simulated (anomaly detection)', simulated: false });
  });

  test('covers the time range of every record, matched or not', () => {
    const e = engine();
    e.process(at(corpus('benign__get-caller-identity'), 0));
    e.process(at(corpus('benign__get-caller-identity'), 3600));
    const range = e.timeRange()!;
    expect(range.last - range.first).toBe(3600_000);
  });
});
