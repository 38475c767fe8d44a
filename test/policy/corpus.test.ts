import * as fs from 'fs';
import * as path from 'path';
import { PolicyAnalyzer } from '../../src/policy';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'cloudtrail');

/** Files SOURCES.md lists as `also: admin-policy-grant`. */
function alsoAdminGrant(): Set<string> {
  const sources = fs.readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8');
  const files = new Set<string>();
  let current: string | undefined;
  for (const line of sources.split('\n')) {
    const heading = /^### `([^`]+)`/.exec(line);
    if (heading) current = heading[1];
    else if (current && /^- \*\*also:\*\*.*\badmin-policy-grant\b/.test(line)) files.add(current);
  }
  return files;
}

const also = alsoAdminGrant();
const records = fs.readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, record: JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) }))
  .filter(({ record }) => typeof record.requestParameters?.policyDocument === 'string');

describe('PolicyAnalyzer on every corpus record with a policy document', () => {
  test('the corpus holds grants and non-grants', () => {
    const labels = records.map(({ file }) => file.split('__')[0]);
    expect(labels).toEqual(expect.arrayContaining(['admin-policy-grant', 'put-user-policy']));
  });

  test.each(records.map(({ file, record }) => [file, record]))('%s', (file, record) => {
    const expected = file.startsWith('admin-policy-grant__') || also.has(file);
    expect(PolicyAnalyzer.grantsFullPrivileges(record.requestParameters.policyDocument)).toBe(expected);
  });
});
