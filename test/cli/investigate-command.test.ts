import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as zlib from 'zlib';
import { CliIo, CliStream } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { Detection, DetectionCatalog } from '../../src/detections';
import { adapted, adminGrantToUser, iamUser, readBy, writeBy } from '../investigation/records';

const CHAIN = path.join(__dirname, '..', 'investigation', 'fixtures', 'grant-key-chain.jsonl');
const GRANTER = 'arn:aws:iam::111122223333:user/it-admin-legacy';
const NEW_KEY = 'AKIASVCBACKUPEXMP002';

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

async function run(args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = new PassThrough();
  stdin.end('');
  const io: CliIo = { stdout, stderr, stdin };
  const code = await main(['investigate', ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function runJson(args: string[]) {
  const { code, stdout } = await run([...args, '--json']);
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

/** A template with one metric filter per detection, as IamThreatDetection writes them. */
function metricFilterTemplate(detections: Detection[]): unknown {
  return {
    Resources: Object.fromEntries(detections.map((d) => [`${d.id}Filter`, {
      Type: 'AWS::Logs::MetricFilter',
      Metadata: { 'cdk-iam-guardrails:detection': d.id },
      Properties: {
        LogGroupName: 'trail',
        FilterPattern: d.filterPattern,
        MetricTransformations: [{ MetricNamespace: 'IamGuardrails', MetricName: d.id, MetricValue: '1' }],
      },
    }])),
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'investigate-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cdk-iam-guardrails investigate', () => {
  test('prints the chain from the admin grant to user A, to the key A made for user B, to what the key did', async () => {
    const { code, stdout } = await run(['--principal', GRANTER, CHAIN]);
    expect(code).toBe(0);
    const chain = stdout.slice(stdout.indexOf('Chain'), stdout.indexOf('Timeline'));
    expect(chain).toMatch(/ {2}\S+ {2}user\/it-admin-legacy .*AttachUserPolicy: AdministratorAccess on user\/dev-alice {2}-> following user\/dev-alice/);
    expect(chain).toMatch(/ {4}\S+ {2}user\/dev-alice .*CreateAccessKey: access key AKIASVCBACKUPEXMP002 for user\/svc-backup {2}-> following access key AKIASVCBACKUPEXMP002/);
    expect(chain).toMatch(/ {6}\S+ {2}user\/svc-backup \(key AKIASVCBACKUPEXMP002\) {2}CreateUser: user\/shadow-admin/);
  });

  test('lists the actions of every identity followed, in eventTime order whatever the file order', async () => {
    const { events } = await runJson(['--principal', GRANTER, CHAIN]);
    expect(events.map((e: any) => `${e.time} ${e.event}`)).toEqual([
      '2025-06-01T09:00:00Z iam:AttachUserPolicy',
      '2025-06-01T09:05:00Z iam:CreateAccessKey',
      '2025-06-01T09:10:00Z iam:CreateUser',
      '2025-06-01T09:12:00Z iam:CreateLoginProfile',
      '2025-06-01T09:15:00Z iam:UpdateAssumeRolePolicy',
      '2025-06-01T09:20:00Z sts:AssumeRole',
      '2025-06-01T09:25:00Z cloudtrail:StopLogging',
      '2025-06-01T09:40:00Z signin:ConsoleLogin',
    ]);
  });

  test('follows only the new key of user B, not B\'s other keys', async () => {
    const { events } = await runJson(['--principal', GRANTER, CHAIN]);
    expect(events.some((e: any) => e.actor.includes('AKIASVCBACKUPEXMP999'))).toBe(false);
  });

  test('does not count what user A did before the grant', async () => {
    const { events } = await runJson(['--principal', GRANTER, CHAIN]);
    expect(events.some((e: any) => e.target === 'early-user')).toBe(false);
  });

  test('includes what A did before the grant when A is the principal asked for', async () => {
    const { events } = await runJson(['--principal', 'arn:aws:iam::111122223333:user/dev-alice', CHAIN]);
    expect(events[0]).toMatchObject({ time: '2025-06-01T08:00:00Z', target: 'early-user' });
  });

  test('follows a trust policy change to the session of the account it let in', async () => {
    const { identities } = await runJson(['--principal', GRANTER, CHAIN]);
    expect(identities.map((i: any) => i.identity)).toContain(
      'arn:arn:aws:sts::111122223333:assumed-role/app-ec2-role/partner-sync');
  });

  test('starts from an access key id', async () => {
    const { chain } = await runJson(['--principal', NEW_KEY, CHAIN]);
    expect(chain.map((l: any) => l.eventName)).toEqual(['CreateUser', 'CreateLoginProfile', 'UpdateAssumeRolePolicy', 'AssumeRole']);
  });

  test('starts from a role session name', async () => {
    const { events } = await runJson(['--principal', 'partner-sync', CHAIN]);
    expect(events.map((e: any) => e.event)).toEqual(['cloudtrail:StopLogging']);
  });

  test('lists what was created or empowered, by kind', async () => {
    const { created } = await runJson(['--principal', GRANTER, CHAIN]);
    expect(created).toMatchObject({
      'access-key': ['access key AKIASVCBACKUPEXMP002 for user/svc-backup'],
      'user': ['user/shadow-admin'],
      'login-profile': ['console password of user/shadow-admin'],
      'trust': ['role/app-ec2-role now trusts arn:aws:iam::444455556666:root'],
    });
  });

  test('names the detections each action fires when given a template', async () => {
    const template = path.join(dir, 'guardrails.template.json');
    fs.writeFileSync(template, JSON.stringify(metricFilterTemplate(DetectionCatalog.iamAttack())));
    const { events } = await runJson(['--principal', GRANTER, '--template', template, CHAIN]);
    const fired = Object.fromEntries(events.map((e: any) => [e.event, e.detections]));
    expect(fired['iam:AttachUserPolicy']).toContain('AdminPrivilegesGranted');
    expect(fired['iam:CreateUser']).toContain('UserCreated');
    expect(fired['cloudtrail:StopLogging']).toContain('TrailTampering');
  });

  test('names the templates the detections come from in the header', async () => {
    const template = path.join(dir, 'guardrails.template.json');
    fs.writeFileSync(template, JSON.stringify(metricFilterTemplate(DetectionCatalog.iamAttack())));
    const { stdout } = await run(['--principal', GRANTER, '--template', template, CHAIN]);
    expect(stdout.split('\n')[2]).toBe(`Detections from ${template}.`);
  });

  test('prints an empty chain for a principal that does nothing in the input', async () => {
    const { code, stdout } = await run(['--principal', 'arn:aws:iam::111122223333:user/nobody', CHAIN]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\(nothing created or empowered\)/);
  });

  test('says plainly that a principal made none of the records, and still exits 0', async () => {
    const { code, stdout } = await run(['--principal', 'arn:aws:iam::111122223333:user/nobody', CHAIN]);
    expect({ code, lines: stdout.split('\n').slice(1, 3) }).toEqual({
      code: 0,
      lines: [
        expect.stringMatching(/; 1 identity followed, 0 actions\.$/),
        'No record in the input was made by arn:aws:iam::111122223333:user/nobody.',
      ],
    });
  });

  test('names with --json on stderr a principal that made none of the records', async () => {
    const { code, stdout, stderr } = await run(
      ['--principal', 'nobody-session', '--principal', GRANTER, '--json', CHAIN]);
    expect({ code, events: JSON.parse(stdout).events.length > 0, stderr })
      .toEqual({ code: 0, events: true, stderr: 'investigate: No record in the input was made by nobody-session.\n' });
  });

  test('does not name a principal that made records', async () => {
    const { stdout } = await run(['--principal', GRANTER, CHAIN]);
    expect(stdout).not.toContain('No record in the input');
  });

  test('writes the counts of the header with singular and plural nouns', async () => {
    const { stdout } = await run(['--principal', GRANTER, CHAIN]);
    expect(stdout.split('\n')[1])
      .toMatch(/^\d+ records in 1 file, read twice; \d+ identities followed, \d+ actions\.$/);
  });

  test('refuses standard input, which cannot be read twice', async () => {
    const { code, stderr } = await run(['--principal', GRANTER, '-']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/standard input .* is read twice/);
  });

  test('refuses to run without a principal', async () => {
    const { code, stderr } = await run([CHAIN]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no --principal given/);
  });

  test('reports an input that does not exist and fails when nothing could be read', async () => {
    const { code, stderr } = await run(['--principal', GRANTER, path.join(dir, 'missing.json')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.json: cannot read/);
  });
});

describe('cdk-iam-guardrails investigate on a sequence built from the corpus', () => {
  const ADMIN = 'arn:aws:iam::111122223333:user/it-admin-legacy';
  const NEW = 'AKIAS6PQW2LEXAMPLE13'; // the key the corpus's CreateAccessKey record creates
  const alice = iamUser('dev-alice', 'AKIAALICEEXAMPLE0001');

  /** Admin grant to dev-alice, dev-alice's key for svc-etl-runner, that key's activity, and noise. */
  function writeSequence(): string {
    const records = [
      writeBy(iamUser('svc-etl-runner', NEW), '2025-06-01T10:20:00Z', 'etl-shadow'),
      adminGrantToUser('dev-alice', '2025-06-01T10:00:00Z'),
      writeBy(iamUser('svc-etl-runner', 'AKIAS6PQW2LEXAMPLE77'), '2025-06-01T10:25:00Z', 'other-key-user'),
      adapted('create-access-key__for-other-user.json', '2025-06-01T10:10:00Z', (r) => {
        r.userIdentity = alice;
      }),
      readBy(iamUser('svc-etl-runner', NEW), '2025-06-01T10:15:00Z'),
    ];
    const file = path.join(dir, '111122223333_CloudTrail_us-east-1_20250601T1030Z_example.json.gz');
    fs.writeFileSync(file, zlib.gzipSync(JSON.stringify({ Records: records })));
    return file;
  }

  test('prints the chain from the admin to dev-alice to the key she made for svc-etl-runner', async () => {
    const { code, stdout } = await run(['--principal', ADMIN, writeSequence()]);
    expect(code).toBe(0);
    const chain = stdout.slice(stdout.indexOf('Chain'), stdout.indexOf('Timeline')).split('\n');
    expect(chain.slice(1, 4)).toEqual([
      expect.stringMatching(/^ {2}2025-06-01T10:00:00Z {2}user\/it-admin-legacy .* AttachUserPolicy: AdministratorAccess on user\/dev-alice {2}-> following user\/dev-alice$/),
      expect.stringMatching(new RegExp(`^ {4}2025-06-01T10:10:00Z {2}user/dev-alice .* CreateAccessKey: access key ${NEW} for user/svc-etl-runner {2}-> following access key ${NEW}$`)),
      expect.stringMatching(new RegExp(`^ {6}2025-06-01T10:20:00Z {2}user/svc-etl-runner \\(key ${NEW}\\) {2}CreateUser: user/etl-shadow`)),
    ]);
  });

  test('lists what each identity did in time order, with the catalog detections each fired', async () => {
    const { events } = await runJson(['--principal', ADMIN, writeSequence()]);
    expect(events.map((e: any) => [e.time, e.event, e.detections])).toEqual([
      ['2025-06-01T10:00:00Z', 'iam:AttachUserPolicy', expect.arrayContaining(['AdminPrivilegesGranted'])],
      ['2025-06-01T10:10:00Z', 'iam:CreateAccessKey', ['AccessKeyCreated']],
      ['2025-06-01T10:15:00Z', 'sts:GetCallerIdentity', []],
      ['2025-06-01T10:20:00Z', 'iam:CreateUser', ['UserCreated']],
    ]);
  });

  test('prints the detections of the catalog in the readable timeline when no template is given', async () => {
    const { stdout } = await run(['--principal', ADMIN, writeSequence()]);
    expect(stdout).toContain('Detections from the built-in IAM-attack catalog.');
    expect(stdout).toMatch(/iam:CreateAccessKey {2}svc-etl-runner {2}\S+ {2}fires AccessKeyCreated/);
  });
});


describe('README: the investigate command', () => {
  test('shows what the command prints on the chain fixture', async () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const intro = readme.indexOf('On the records of `test/investigation/fixtures/grant-key-chain.jsonl`');
    const start = readme.indexOf('```\n', intro) + 4;
    const shown = readme.slice(start, readme.indexOf('```\n', start));

    const { code, stdout } = await run(['--principal', GRANTER, CHAIN]);

    expect(intro).toBeGreaterThan(0);
    expect({ code, stdout }).toEqual({ code: 0, stdout: shown });
  });
});
