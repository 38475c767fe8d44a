import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as zlib from 'zlib';
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccessAnalyzer } from '../../src/account';
import { CliIo, CliStream } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { GlobalEventForwarder } from '../../src/detection';
import { GrantedThenUsedMonitor } from '../../src/investigation';
import { FullPrivilegeGrantMonitor } from '../../src/policy';
import { adapted, adminGrantToUser, iamUser, writeBy } from '../investigation/records';

const TEMPLATES = path.join(__dirname, '..', 'fixtures', 'templates');
const SMALL = path.join(TEMPLATES, 'small.template.json');
const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');
const FAILURE = path.join(CORPUS, 'console-login-failure__unknown-username-hidden.json');
const BENIGN = path.join(CORPUS, 'benign__get-caller-identity.json');

class Capture implements CliStream {
  public text = '';
  public isTTY = false;
  public write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  public once(): this {
    return this;
  }
}

async function run(args: string[], stdinText?: string | Buffer) {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = new PassThrough();
  stdin.end(stdinText ?? '');
  const io: CliIo = { stdout, stderr, stdin };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk-iam-guardrails replay', () => {
  test('prints each detection with its matches and alarm state', async () => {
    const { code, stdout } = await run(['replay', '-t', SMALL, FAILURE, BENIGN]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ConsoleSignInFailures\s+1\s+no ALARM; OK at end$/m);
  });

  test('lists the records that matched, with their event name and detections', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, FAILURE, BENIGN]);
    expect(stdout).toMatch(new RegExp(`^${FAILURE}\\s+ConsoleLogin\\s+ConsoleSignInFailures$`, 'm'));
  });

  test('leaves records that matched nothing out of the table by default', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, FAILURE, BENIGN]);
    expect(stdout).not.toContain(BENIGN);
  });

  test('lists every record with --events all', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, '--events', 'all', FAILURE, BENIGN]);
    expect(stdout).toMatch(new RegExp(`^${BENIGN}\\s+GetCallerIdentity\\s+-$`, 'm'));
  });

  test('prints only the detections with --quiet', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, '--quiet', FAILURE]);
    expect(stdout).not.toContain(FAILURE);
  });

  test('prints one JSON document with every record, detections and problems', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, '--json', FAILURE, BENIGN]);
    const doc = JSON.parse(stdout);
    expect(doc.events).toEqual([
      { source: FAILURE, eventName: 'ConsoleLogin', detections: ['ConsoleSignInFailures'] },
      { source: BENIGN, eventName: 'GetCallerIdentity', detections: [] },
    ]);
  });

  test('reports per detection in JSON its matches and alarm', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, '--json', FAILURE]);
    const doc = JSON.parse(stdout);
    expect(doc.detections.find((d: any) => d.id === 'ConsoleSignInFailures'))
      .toMatchObject({ matches: 1, alarm: { state: 'OK', wentToAlarm: false, simulated: true } });
  });

  test('labels records of a log file by their index in Records', async () => {
    const file = path.join(dir, 'log.json.gz');
    const failure = JSON.parse(fs.readFileSync(FAILURE, 'utf8'));
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify({ Records: [failure, failure] })));
    const { stdout } = await run(['replay', '-t', SMALL, '--json', dir]);
    expect(JSON.parse(stdout).events.map((e: any) => e.source)).toEqual([`${file}#0`, `${file}#1`]);
  });

  test('reads standard input for -', async () => {
    const { stdout } = await run(['replay', '-t', SMALL, '--json', '-'], fs.readFileSync(FAILURE));
    expect(JSON.parse(stdout).events).toEqual([
      { source: 'stdin', eventName: 'ConsoleLogin', detections: ['ConsoleSignInFailures'] },
    ]);
  });

  test('reports bad records on stderr, in JSON problems, and still exits 0', async () => {
    const file = path.join(dir, 'lines.json');
    fs.writeFileSync(file, `${fs.readFileSync(FAILURE, 'utf8').replace(/\n\s*/g, '')}\nnot json\n`);
    const { code, stdout, stderr } = await run(['replay', '-t', SMALL, '--json', file]);
    expect({ code, problems: JSON.parse(stdout).problems.length, stderr })
      .toEqual({ code: 0, problems: 2, stderr: expect.stringContaining(`replay: ${file}#2: line is not valid JSON`) });
  });

  test('reports the template resource it skipped on stderr', async () => {
    const { stderr } = await run(['replay', '-t', SMALL, FAILURE]);
    expect(stderr).toContain('BrokenFilter (AWS::Logs::MetricFilter): FilterPattern does not parse');
  });

  test('keeps stack traces out of stderr', async () => {
    const file = path.join(dir, 'broken.json.gz');
    fs.writeFileSync(file, zlib.gzipSync('{"Records": []}').subarray(0, 12));
    const { stderr } = await run(['replay', '-t', SMALL, file, FAILURE]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('exits 1 with one line when nothing could be read', async () => {
    const { code, stderr } = await run(['replay', '-t', SMALL, '--quiet', path.join(dir, 'missing.json')]);
    expect({ code, last: stderr.trim().split('\n').pop() })
      .toEqual({ code: 1, last: 'cdk-iam-guardrails replay: no CloudTrail input files found' });
  });

  test('exits 1 with one line when no template is given', async () => {
    const { code, stderr } = await run(['replay', FAILURE]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^[^\n]*no --template given[^\n]*\n$/) });
  });

  test('exits 1 on an unknown option', async () => {
    const { code, stderr } = await run(['replay', '-t', SMALL, '--frobnicate', FAILURE]);
    expect({ code, lines: stderr.split('\n').length }).toEqual({ code: 1, lines: 2 });
  });

  test('exits 1 when the templates hold nothing to replay', async () => {
    const { code, stderr } = await run(['replay', '-t', path.join(TEMPLATES, 'no-detections.template.json'), FAILURE]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringContaining('nothing to replay') });
  });

  test('reads every template of a cloud assembly directory given to --template', async () => {
    const assembly = path.join(dir, 'cdk.out');
    fs.mkdirSync(assembly);
    fs.copyFileSync(SMALL, path.join(assembly, 'Guardrails.template.json'));
    const { code, stdout } = await run(['replay', '-t', assembly, '--json', FAILURE]);
    expect({ code, events: JSON.parse(stdout).events }).toEqual({
      code: 0,
      events: [{ source: FAILURE, eventName: 'ConsoleLogin', detections: ['ConsoleSignInFailures'] }],
    });
  });

  test('limits rules to one Region with --region', async () => {
    const key = path.join(CORPUS, 'create-access-key__for-other-user.json');
    const { stdout } = await run(['replay', '-t', SMALL, '--json', '--region', 'eu-west-1', key]);
    expect(JSON.parse(stdout).events[0].detections).toEqual([]);
  });

  test('rejects an --events value it does not know', async () => {
    const { code } = await run(['replay', '-t', SMALL, '--events', 'some', FAILURE]);
    expect(code).toBe(1);
  });
});

describe('cdk-iam-guardrails replay of a template made with the library', () => {
  let synthDir: string;
  let template: string;
  let records: string;
  beforeAll(() => {
    synthDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-library-'));
    const app = new App({ outdir: synthDir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
    const stack = new Stack(app, 'Guardrails', { env: { account: '111122223333', region: 'us-east-1' } });
    const alarmTopic = new sns.Topic(stack, 'Alarms');
    new AccessAnalyzer(stack, 'Analyzer', { alarmTopic });
    new GlobalEventForwarder(stack, 'Forwarder', { targetRegion: 'eu-west-1' });
    new FullPrivilegeGrantMonitor(stack, 'Grants', { alarmTopic });
    new GrantedThenUsedMonitor(stack, 'Monitor', { alarmTopic });
    app.synth();
    template = path.join(synthDir, 'Guardrails.template.json');
    records = path.join(synthDir, 'records.json');
    fs.writeFileSync(records, JSON.stringify({
      Records: [
        adminGrantToUser('dev-alice', '2025-06-01T10:00:00Z'),
        writeBy(iamUser('dev-alice'), '2025-06-01T11:00:00Z'),
        adapted('admin-policy-grant__put-user-policy-action-star-array-console.json', '2025-06-01T12:00:00Z'),
      ],
    }));
  });
  afterAll(() => fs.rmSync(synthDir, { recursive: true, force: true }));

  test('lists only its detections, not the forwarder\'s or the analyzer\'s rules', async () => {
    const { stdout } = await run(['replay', '-t', template, '--json', records]);
    expect(JSON.parse(stdout).detections.map((d: any) => d.id).sort())
      .toEqual(['AdminPrivilegesGranted', 'GrantedThenUsed']);
  });

  test('names no rule that is not a detection among the detections of a record it forwards', async () => {
    const { stdout } = await run(['replay', '-t', template, '--json', records]);
    expect(JSON.parse(stdout).events.map((e: any) => e.detections)).toEqual([
      [], ['GrantedThenUsed'], ['AdminPrivilegesGranted'],
    ]);
  });

  test('says in one line of the table what it left out, and reports no problem', async () => {
    const { stdout, stderr } = await run(['replay', '-t', template, records]);
    expect({ lines: stdout.split('\n').filter((l) => l.startsWith('Left out')), stderr }).toEqual({
      lines: ['Left out, as not detections (no cdk-iam-guardrails:detection metadata): 2 event rules'],
      stderr: '',
    });
  });

  test('lists what it left out in the JSON summary', async () => {
    const { stdout } = await run(['replay', '-t', template, '--json', records]);
    expect(JSON.parse(stdout).summary.notDetections.map((r: any) => r.logicalId)).toEqual([
      expect.stringMatching(/^AnalyzerActiveFindings/), expect.stringMatching(/^ForwarderRule/),
    ]);
  });
});

describe('cdk-iam-guardrails replay on malformed input', () => {
  const NO_DETECTIONS = path.join(TEMPLATES, 'no-detections.template.json');
  let input: string;
  let result: { code: number; stdout: string; stderr: string };
  const files = {
    truncated: 'a-truncated.json.gz',
    lines: 'b-lines.json',
    unnamed: 'c-log.json',
  };
  const failure = () => JSON.parse(fs.readFileSync(FAILURE, 'utf8'));
  const problemLines = () => result.stderr.trim().split('\n');
  const sources = () => JSON.parse(result.stdout).events.map((e: any) => path.basename(e.source));

  beforeAll(async () => {
    input = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-malformed-'));
    const gz = zlib.gzipSync(JSON.stringify({ Records: [failure()] }));
    fs.writeFileSync(path.join(input, files.truncated), gz.subarray(0, gz.length - 8));
    fs.writeFileSync(path.join(input, files.lines), `${JSON.stringify(failure())}\n{"eventName": \n`
      + `${JSON.stringify(failure())}\n`);
    const { eventName: _dropped, ...unnamed } = failure();
    fs.writeFileSync(path.join(input, files.unnamed), JSON.stringify({ Records: [unnamed, failure()] }));
    result = await run(['replay', '-t', NO_DETECTIONS, '-t', SMALL, '--json', input]);
  });
  afterAll(() => fs.rmSync(input, { recursive: true, force: true }));

  test('still replays every readable record and exits 0', () => {
    expect({ code: result.code, sources: sources() }).toEqual({
      code: 0,
      sources: [`${files.lines}#1`, `${files.lines}#3`, `${files.unnamed}#1`],
    });
  });

  test('names a truncated gzip file', () => {
    expect(problemLines()).toContainEqual(expect.stringMatching(
      new RegExp(`^replay: ${path.join(input, files.truncated)}: cannot read \\(not a valid gzip file`)));
  });

  test('names the line that is not JSON', () => {
    expect(problemLines()).toContainEqual(expect.stringMatching(
      new RegExp(`^replay: ${path.join(input, files.lines)}#2: line is not valid JSON`)));
  });

  test('names the record without eventName', () => {
    expect(problemLines()).toContain(`replay: ${path.join(input, files.unnamed)}#0: record has no eventName; skipped`);
  });

  test('names the template without metric filters and replays the other', () => {
    expect(problemLines()).toContain(`replay: ${NO_DETECTIONS}: has no AWS::Logs::MetricFilter or `
      + 'AWS::Events::Rule resources; nothing in it can match CloudTrail records');
  });

  test('lists the same problems in the JSON document, one line each on stderr', () => {
    expect(JSON.parse(result.stdout).problems.map((p: string) => `replay: ${p}`)).toEqual(problemLines());
  });
});

describe('cdk-iam-guardrails', () => {
  test('exits 1 naming the commands on an unknown command', async () => {
    const { code, stderr } = await run(['replya']);
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/^cdk-iam-guardrails: unknown command 'replya' \(commands: replay(, [a-z-]+)*\)\n$/),
    });
  });

  test('exits 1 with one line when no command is given', async () => {
    const { code, stderr } = await run([]);
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/^[^\n]*no command given[^\n]*\n$/) });
  });

  test('prints the help of a command', async () => {
    const { code, stdout } = await run(['replay', '--help']);
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringContaining('--template') });
  });
});
