import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createBaselineApp } from '../../examples/baseline/app';
import { main } from '../../src/cli/main';

/**
 * `AdminPrivilegesGranted` on the example baseline, replayed on the forms an `Allow *`
 * policy document takes in CloudTrail: the corpus holds a minified plain-string form and a
 * tab-indented array form; the others are derived from those two records here.
 */

const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');
const SOURCES = [
  'iam-persistence__create-policy-version-set-as-default-admin.json',
  'admin-policy-grant__put-user-policy-action-star-array-console.json',
];

type Effect = 'Allow' | 'Deny';

function readRecord(file: string): any {
  const doc = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
  return doc.Records ? doc.Records[0] : doc;
}

/** The corpus documents as CloudTrail recorded them: minified plain strings, tabbed arrays. */
const PLAIN_TEXT: string = readRecord(SOURCES[0]).requestParameters.policyDocument;
const ARRAY_TEXT: string = readRecord(SOURCES[1]).requestParameters.policyDocument;
const PLAIN = JSON.parse(PLAIN_TEXT);
const ARRAY = JSON.parse(ARRAY_TEXT);

/** `text` as recorded, its effect turned to Deny for the quarantine. */
function recorded(text: string, effect: Effect): string {
  return effect === 'Allow' ? text : text.replace(/("Effect":\s*)"Allow"/g, '$1"Deny"');
}

/** `document` with every statement's effect set to `effect`. */
function withEffect(document: any, effect: Effect): any {
  const statements = (document.Statement as any[]).map((s) => ({ ...s, Effect: effect }));
  return { ...document, Statement: statements };
}

/** The ways the document is written, keyed by a file-name part; the first two are the corpus's. */
const FORMS: Record<string, (effect: Effect) => string> = {
  'minified-plain': (effect) => recorded(PLAIN_TEXT, effect),
  'pretty-array': (effect) => recorded(ARRAY_TEXT, effect),
  'pretty-plain': (effect) => JSON.stringify(withEffect(PLAIN, effect), null, 2),
  'minified-array': (effect) => JSON.stringify(withEffect(ARRAY, effect)),
  'single-statement-object': (effect) => {
    const document = withEffect(PLAIN, effect);
    return JSON.stringify({ ...document, Statement: document.Statement[0] });
  },
};

/** File name -> the detections that fired on it. */
const fired = new Map<string, readonly string[]>();

/** The corpus record with its policy document replaced by `document`. */
function withDocument(record: any, document: string): any {
  return { ...record, requestParameters: { ...record.requestParameters, policyDocument: document } };
}

beforeAll(async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-admin-forms-'));
  const records = path.join(outdir, 'records');
  fs.mkdirSync(records);
  let stdout = '';
  try {
    for (const source of SOURCES) {
      const record = readRecord(source);
      for (const [form, document] of Object.entries(FORMS)) {
        for (const effect of ['Allow', 'Deny'] as const) {
          const name = `${record.eventName}__${form}__${effect}.json`;
          fs.writeFileSync(path.join(records, name), JSON.stringify(withDocument(record, document(effect))));
        }
      }
    }
    createBaselineApp(outdir).synth();
    const template = path.join(outdir, 'ExampleBaseline.template.json');
    const code = await main(['replay', '--template', template, '--json', records], {
      stdout: { write: (text: string) => ((stdout += text), true), once: () => undefined },
      stderr: { write: () => true, once: () => undefined },
      stdin: process.stdin,
    });
    expect(code).toBe(0);
    for (const event of JSON.parse(stdout).events) fired.set(path.basename(event.source), event.detections);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}, 120_000);

describe('AdminPrivilegesGranted on the forms of an Allow * policy document', () => {
  test.each(Object.keys(FORMS))('the %s quarantine denies everything the grant allowed', (form) => {
    const grant = JSON.parse(FORMS[form]('Allow'));
    const quarantine = JSON.parse(FORMS[form]('Deny'));
    const deny = (statement: object) => ({ ...statement, Effect: 'Deny' });
    const statement = grant.Statement;
    expect(quarantine).toEqual({
      ...grant,
      Statement: Array.isArray(statement) ? statement.map(deny) : deny(statement),
    });
  });

  const cases = ['CreatePolicyVersion', 'PutUserPolicy'].flatMap((eventName) =>
    Object.keys(FORMS).map((form) => [eventName, form]));

  test.each(cases)('%s with a %s Allow * document fires it', (eventName, form) => {
    expect(fired.get(`${eventName}__${form}__Allow.json`)).toContain('AdminPrivilegesGranted');
  });

  test.each(cases)('%s with a %s deny-all quarantine does not fire it', (eventName, form) => {
    const detections = fired.get(`${eventName}__${form}__Deny.json`);
    expect(detections).toBeDefined();
    expect(detections).not.toContain('AdminPrivilegesGranted');
  });
});
