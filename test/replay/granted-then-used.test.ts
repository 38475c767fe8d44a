import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { main } from '../../src/cli/main';
import { GrantedThenUsedMonitor } from '../../src/investigation';
import { ReplayCorrelation } from '../../src/replay/correlation';
import { ProblemList } from '../../src/replay/problems';
import { readTemplate } from '../../src/replay/template-reader';
import { adminGrantToUser, corpus, iamUser, writeBy } from '../investigation/records';

const SMALL = path.join(__dirname, '..', 'fixtures', 'templates', 'small.template.json');
const GRANTEE = 'svc-etl-runner';
const GRANT_TIME = '2025-04-10T18:24:58Z';
const WINDOW = Duration.hours(6);

let dir: string;
let monitorTemplate: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-granted-then-used-'));
  const app = new App({ outdir: dir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'Monitored', { env: { account: '111122223333', region: 'us-east-1' } });
  const alarmTopic = new sns.Topic(stack, 'Alarms');
  new GrantedThenUsedMonitor(stack, 'Monitor', { alarmTopic, window: WINDOW });
  app.synth();
  monitorTemplate = path.join(dir, 'Monitored.template.json');
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Replays the records, in this order, from one CloudTrail log file. */
async function replay(records: any[], template = monitorTemplate, ...flags: string[]) {
  const file = path.join(dir, `records-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ Records: records }));
  let stdout = '';
  let stderr = '';
  const code = await main(['replay', '-t', template, ...flags, file], {
    stdout: { write: (text: string) => ((stdout += text), true), once: () => undefined },
    stderr: { write: (text: string) => ((stderr += text), true), once: () => undefined },
    stdin: process.stdin,
  });
  return { code, stderr, stdout };
}

async function replayJson(records: any[], template = monitorTemplate) {
  const { code, stderr, stdout } = await replay(records, template, '--json');
  return { code, stderr, doc: JSON.parse(stdout) };
}

const firing = (doc: any) => doc.events
  .filter((e: any) => e.detections.includes('GrantedThenUsed'))
  .map((e: any) => e.eventName);
const detection = (doc: any) => doc.detections.find((d: any) => d.id === 'GrantedThenUsed');
const hoursAfterGrant = (hours: number) => new Date(Date.parse(GRANT_TIME) + hours * 3600_000).toISOString();

describe('replay of a GrantedThenUsedMonitor', () => {
  test('reports the grantee\'s first write inside the window', async () => {
    const { code, stderr, doc } = await replayJson([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
    ]);
    expect({ code, stderr, firing: firing(doc) }).toEqual({ code: 0, stderr: '', firing: ['CreateUser'] });
  });

  test('names the grant in the alert of the record', async () => {
    const { doc } = await replayJson([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
    ]);
    expect(doc.events[1].alerts).toEqual([expect.objectContaining({
      detection: 'GrantedThenUsed',
      kind: 'FIRST_USE',
      principal: `user#111122223333#${GRANTEE}`,
      secondsAfterGrant: 3600,
      grant: expect.objectContaining({
        eventName: 'AttachUserPolicy',
        eventTime: GRANT_TIME,
        policy: 'arn:aws:iam::aws:policy/AdministratorAccess',
        grantedBy: 'arn:aws:iam::111122223333:user/it-admin-legacy',
      }),
    })]);
  });

  test('stays silent after the window the template gives (6 hours, not the 24-hour default)', async () => {
    const { doc } = await replayJson([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(7)),
    ]);
    expect(firing(doc)).toEqual([]);
  });

  test('stays silent for writes without a grant', async () => {
    const { doc } = await replayJson([
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
      corpus('iam-persistence__create-user.json'),
    ]);
    expect(firing(doc)).toEqual([]);
  });

  test('counts one match per alert: later writes in the window stay silent', async () => {
    const { doc } = await replayJson([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1), 'first'),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(2), 'second'),
    ]);
    expect(detection(doc))
      .toMatchObject({ matches: 1, alarm: null, correlation: { windowSeconds: 6 * 3600 } });
  });

  test('does not correlate a use that comes before its grant in the input', async () => {
    const { doc } = await replayJson([
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
      adminGrantToUser(GRANTEE, GRANT_TIME),
    ]);
    expect(firing(doc)).toEqual([]);
  });

  test('names the grant in the table and says the detection notifies on each match', async () => {
    const { stdout } = await replay([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
    ], monitorTemplate, '--events', 'matched');
    expect(stdout).toMatch(/^GrantedThenUsed\s+1\s+notifies on each match \(6 h window\)$/m);
    expect(stdout).toContain(`CreateUser  GrantedThenUsed (user#111122223333#${GRANTEE} first write `
      + `3600 s after AttachUserPolicy of arn:aws:iam::aws:policy/AdministratorAccess at ${GRANT_TIME} `
      + 'by arn:aws:iam::111122223333:user/it-admin-legacy');
  });

  test('reports no GrantedThenUsed detection for a template without the monitor', async () => {
    const { code, doc } = await replayJson([
      adminGrantToUser(GRANTEE, GRANT_TIME),
      writeBy(iamUser(GRANTEE), hoursAfterGrant(1)),
    ], SMALL);
    expect({ code, detection: detection(doc), firing: firing(doc) })
      .toEqual({ code: 0, detection: undefined, firing: [] });
  });
});

describe('replay correlation', () => {
  test('skips a monitor rule whose function is not in the template, saying why', () => {
    const template = JSON.parse(fs.readFileSync(monitorTemplate, 'utf8'));
    for (const [id, resource] of Object.entries<any>(template.Resources)) {
      if (resource.Type === 'AWS::Lambda::Function') delete template.Resources[id];
    }
    const problems = new ProblemList();
    const model = { filters: [], rules: [], alarms: [] };
    readTemplate('monitor.json', template, model, problems);
    expect({ rules: model.rules, problems: problems.messages }).toEqual({
      rules: [],
      problems: [expect.stringMatching(
        /\(AWS::Events::Rule\): the GrantedThenUsed correlation needs the rule's one function target/)],
    });
  });

  test('holds a watch only until a later record is past its window', () => {
    const correlation = new ReplayCorrelation(3600);
    correlation.process(adminGrantToUser(GRANTEE, GRANT_TIME));
    const open = correlation.openWatches;
    correlation.process(writeBy(iamUser('someone-else'), hoursAfterGrant(2)));
    expect([open, correlation.openWatches]).toEqual([1, 0]);
  });
});
