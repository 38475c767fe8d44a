import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createBaselineApp } from '../../examples/baseline/app';
import { main } from '../../src/cli/main';

/**
 * The example baseline replayed on the CloudTrail corpus. What must fire comes from the
 * corpus itself: the label of each file (README table) and its `also` and `must not`
 * lists (SOURCES.md). Every test names the file it is about.
 */

const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');

/** The IAM-attack track (DESIGN.md): no benign record may fire any of these. */
const IAM_ATTACK_IDS = [
  'ConsoleSignInFailures', 'MfaSignInFailures', 'ConsoleSignInWithoutMfa', 'RootActivity',
  'AssumeRoleActivity', 'AssumeRoleFailures', 'SessionTokenIssued', 'LoginProfileChanged',
  'AccessKeyCreated', 'PolicyCreated', 'PolicyAttached', 'InlinePolicyPut',
  'AdminPrivilegesGranted', 'TrailTampering', 'MfaDeviceRemoved', 'TrustPolicyChanged',
  'UserCreated', 'PolicyVersionDefaultChanged', 'GuardrailTampering',
];

/**
 * Detections whose signal is failure (threshold counters of denied calls). The corpus
 * labels failed calls benign yet notes they are what such counters count
 * (benign__assume-role-access-denied.json: "useful for an assume-role brute-force
 * counter"), so these may count a benign record, but only one that failed.
 */
const FAILURE_COUNTERS = ['ConsoleSignInFailures', 'MfaSignInFailures', 'AssumeRoleFailures'];

/** Label -> the detection ids of which one must fire, from the README's table. */
function readLabels(): Map<string, string[]> {
  const readme = fs.readFileSync(path.join(CORPUS, 'README.md'), 'utf8');
  const labels = new Map<string, string[]>();
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length !== 2 || cells[0] === 'label' || cells[0].startsWith('---')) continue;
    const ids = cells[1].replace(/^one of /, '').replace(/^none of the .*$/, '');
    for (const label of cells[0].split(',').map((l) => l.trim())) {
      labels.set(label, ids === '' ? [] : ids.split(',').map((id) => id.trim()));
    }
  }
  return labels;
}

/** File -> its `also` and `must not` labels, from SOURCES.md. */
function readSources(): Map<string, { also: string[]; mustNot: string[] }> {
  const sources = new Map<string, { also: string[]; mustNot: string[] }>();
  let current: { also: string[]; mustNot: string[] } | undefined;
  const list = (text: string) => text.split(',').map((l) => l.trim()).filter((l) => l !== '');
  for (const line of fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8').split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) {
      current = { also: [], mustNot: [] };
      sources.set(heading[1], current);
    }
    const also = /^- \*\*also:\*\* (.*)$/.exec(line);
    if (also && current) current.also.push(...list(also[1]));
    const mustNot = /^- \*\*must not:\*\* (.*)$/.exec(line);
    if (mustNot && current) current.mustNot.push(...list(mustNot[1]));
  }
  return sources;
}

const LABELS = readLabels();
const SOURCES = readSources();
const FILES = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();
const labelOf = (file: string) => file.split('__')[0];
const idsOf = (label: string): string[] => {
  const ids = LABELS.get(label);
  if (!ids) throw new Error(`label '${label}' is not in the corpus README`);
  return ids;
};

const labelled = FILES.filter((f) => labelOf(f) !== 'benign').map((f) => [f, idsOf(labelOf(f))] as const);
const also = FILES.flatMap((f) => (SOURCES.get(f)?.also ?? []).map((l) => [f, l, idsOf(l)] as const));
const mustNot = FILES.flatMap((f) => (SOURCES.get(f)?.mustNot ?? []).map((l) => [f, l, idsOf(l)] as const));
const benign = FILES.filter((f) => labelOf(f) === 'benign');

/** File name -> the detections that fired on it. */
const fired = new Map<string, readonly string[]>();
let replay: { code: number; stderr: string; problems: string[] };

beforeAll(async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-corpus-'));
  let stdout = '';
  let stderr = '';
  try {
    createBaselineApp(outdir).synth();
    const template = path.join(outdir, 'ExampleBaseline.template.json');
    const code = await main(['replay', '--template', template, '--json', CORPUS], {
      stdout: { write: (text: string) => ((stdout += text), true), once: () => undefined },
      stderr: { write: (text: string) => ((stderr += text), true), once: () => undefined },
      stdin: process.stdin,
    });
    const doc = JSON.parse(stdout);
    for (const event of doc.events) fired.set(path.basename(event.source), event.detections);
    replay = { code, stderr, problems: doc.problems };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 120_000);

function failedCall(file: string): boolean {
  const record = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
  return typeof record.errorCode === 'string';
}

/** Whether one of `ids` fired on the file, with what fired, for the failure message. */
function firesOneOf(file: string, ids: readonly string[]) {
  const list = fired.get(file) ?? [];
  return { file, fired: list, fires: list.some((id) => ids.includes(id)) };
}

describe('the example baseline replayed on the CloudTrail corpus', () => {
  test('reads the template and every corpus record without a problem', () => {
    expect({ ...replay, records: fired.size })
      .toEqual({ code: 0, stderr: '', problems: [], records: FILES.length });
  });

  test('has every label of the corpus README and every file of SOURCES.md', () => {
    expect([...SOURCES.keys()].sort()).toEqual(FILES);
  });

  test.each(labelled)('%s fires one of %j', (file, ids) => {
    expect(firesOneOf(file, ids)).toMatchObject({ fires: true });
  });

  test.each(also)('%s also fires %s (%j)', (file, _label, ids) => {
    expect(firesOneOf(file, ids)).toMatchObject({ fires: true });
  });

  test.each(mustNot)('%s must not fire %s (%j)', (file, _label, ids) => {
    expect(fired.get(file)!.filter((id) => ids.includes(id))).toEqual([]);
  });

  test.each(benign)('%s fires no IAM-attack detection', (file) => {
    const failed = failedCall(file);
    const attacks = fired.get(file)!.filter((id) => IAM_ATTACK_IDS.includes(id)
      && !(failed && FAILURE_COUNTERS.includes(id)));
    expect(attacks).toEqual([]);
  });

  test.each(benign)('%s is counted by a failure counter only if the call failed', (file) => {
    const counted = fired.get(file)!.filter((id) => FAILURE_COUNTERS.includes(id));
    expect({ counted, failed: counted.length > 0 && failedCall(file) })
      .toEqual({ counted, failed: counted.length > 0 });
  });

  test('does not take the deny-all quarantine for an AdminPrivilegesGranted', () => {
    expect(fired.get('put-user-policy__deny-all-quarantine.json')).not.toContain('AdminPrivilegesGranted');
  });
});
