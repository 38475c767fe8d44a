import * as fs from 'fs';
import * as path from 'path';

/** The labelled CloudTrail records bundled in test/fixtures/cloudtrail. */
export const CORPUS_DIR = path.join(__dirname, '..', 'fixtures', 'cloudtrail');

/** Detections a label stands for (corpus README); a record must fire at least one. */
export const LABEL_DETECTIONS: Record<string, string[]> = {
  'console-login-failure': ['ConsoleSignInFailures'],
  'console-login-no-mfa': ['ConsoleSignInWithoutMfa'],
  'root-usage': ['RootActivity'],
  'assume-role': ['AssumeRoleActivity'],
  'get-session-token': ['SessionTokenIssued'],
  'create-login-profile': ['LoginProfileChanged'],
  'create-access-key': ['AccessKeyCreated'],
  'create-policy': ['PolicyCreated'],
  'attach-user-policy': ['PolicyAttached'],
  'attach-group-policy': ['PolicyAttached'],
  'attach-role-policy': ['PolicyAttached'],
  'put-user-policy': ['InlinePolicyPut'],
  'admin-policy-grant': ['AdminPrivilegesGranted'],
  'cloudtrail-tamper': ['TrailTampering'],
  'iam-persistence': [
    'UserCreated',
    'LoginProfileChanged',
    'MfaDeviceRemoved',
    'TrustPolicyChanged',
    'PolicyVersionDefaultChanged',
  ],
  'mfa-failure': ['MfaSignInFailures'],
  'guardrail-tamper': ['GuardrailTampering'],
};

/**
 * Detections that count failures toward a threshold: failure is their signal, so a single
 * failed call is counted even where the corpus calls the record benign. One such record
 * never reaches their alarm threshold on its own.
 */
export const FAILURE_COUNTERS = ['ConsoleSignInFailures', 'MfaSignInFailures', 'AssumeRoleFailures'];

export interface CorpusRecord {
  readonly file: string;
  readonly label: string;
  readonly record: any;
  /** Each inner list: at least one of these must fire. */
  readonly mustFire: string[][];
  /** None of these may fire. */
  readonly mustNotFire: string[];
}

/** `also` and `must not` labels per file, from SOURCES.md. */
function readSources(): Map<string, { also: string[]; mustNot: string[] }> {
  const text = fs.readFileSync(path.join(CORPUS_DIR, 'SOURCES.md'), 'utf8');
  const byFile = new Map<string, { also: string[]; mustNot: string[] }>();
  let current: { also: string[]; mustNot: string[] } | undefined;
  for (const line of text.split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) {
      current = { also: [], mustNot: [] };
      byFile.set(heading[1], current);
      continue;
    }
    const list = /^- \*\*(also|must not):\*\* (.*)$/.exec(line);
    if (list && current) {
      const labels = list[2].split(',').map((label) => label.trim()).filter(Boolean);
      (list[1] === 'also' ? current.also : current.mustNot).push(...labels);
    }
  }
  return byFile;
}

/**
 * Every corpus record with what must and must not fire on it. `iamAttackIds` are the
 * detections a benign record must not fire.
 */
export function loadCorpus(iamAttackIds: string[]): CorpusRecord[] {
  const sources = readSources();
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const label = file.split('__')[0];
      const notes = sources.get(file) ?? { also: [], mustNot: [] };
      const idsOf = (l: string) => LABEL_DETECTIONS[l] ?? [];
      const mustFire = label === 'benign' ? [] : [idsOf(label), ...notes.also.map(idsOf)];
      const mustNotFire =
        label === 'benign'
          ? iamAttackIds.filter((id) => !FAILURE_COUNTERS.includes(id))
          : notes.mustNot.flatMap(idsOf).filter((id) => !mustFire.some((ids) => ids.includes(id)));
      const record = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8'));
      return { file, label, record, mustFire, mustNotFire };
    });
}
