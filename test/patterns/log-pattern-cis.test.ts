import * as fs from 'fs';
import * as path from 'path';
import { LogPattern } from '../../src/patterns';

// The exact Security Hub CloudWatch.1-14 and CIS 4.15 filter texts, and hand
// checks of them against CloudTrail records of the corpus (copied as fixtures).

const reference = JSON.parse(fs.readFileSync(
  path.join(__dirname, '..', 'fixtures', 'reference', 'cis-metric-filters.json'), 'utf8'));
const patterns: Record<string, string[]> = reference.patterns;

function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8');
}

function cis(id: string, form = 0): LogPattern {
  return LogPattern.parse(patterns[id][form]);
}

const allForms = Object.entries(patterns).flatMap(([id, forms]) => forms.map((p, i) => [`${id} form ${i + 1}`, p]));

describe('Security Hub and CIS filter patterns', () => {
  test('the reference holds every control from CloudWatch.1 to CloudWatch.14', () => {
    const ids = Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`);
    expect(Object.keys(patterns)).toEqual(expect.arrayContaining(ids));
  });

  test.each(allForms)('%s parses', (_id, pattern) => {
    expect(LogPattern.problem(pattern)).toBeUndefined();
  });
});

describe('Security Hub filter patterns on corpus records', () => {
  test.each([
    ['CloudWatch.1', 0, 'root-usage__console-login-no-mfa', true],
    ['CloudWatch.1', 0, 'root-usage__s3-api-call', true],
    ['CloudWatch.1', 0, 'console-login-no-mfa__iam-user-v108', false],
    ['CloudWatch.2', 0, 'benign__describe-instances-unauthorized', true],
    ['CloudWatch.2', 0, 'benign__create-access-key-access-denied', true],
    ['CloudWatch.2', 0, 'iam-persistence__create-user', false],
    ['CloudWatch.3', 0, 'console-login-no-mfa__iam-user-v108', true],
    ['CloudWatch.3', 0, 'benign__console-login-iam-user-with-mfa', false],
    ['CloudWatch.3', 0, 'root-usage__console-login-no-mfa', false],
    ['CloudWatch.3', 1, 'root-usage__console-login-no-mfa', true],
    ['CloudWatch.4', 0, 'admin-policy-grant__attach-user-policy-administratoraccess', true],
    ['CloudWatch.4', 0, 'iam-persistence__create-user', false],
    ['CloudWatch.5', 0, 'cloudtrail-tamper__stop-logging', true],
    ['CloudWatch.6', 0, 'console-login-failure__iam-user-failed-authentication-no-arn', true],
    ['CloudWatch.6', 0, 'benign__console-login-iam-user-with-mfa', false],
    ['CloudWatch.9', 0, 'guardrail-tamper__config-stop-configuration-recorder', true],
    ['CloudWatch.9', 0, 'cloudtrail-tamper__stop-logging', false],
  ])('%s (form %i) on %s matches: %s', (id, form, record, expected) => {
    const p = cis(id as string, form as number);
    const text = fixture(record as string);
    expect([p.matches(text), p.matchesRecord(JSON.parse(text))]).toEqual([expected, expected]);
  });

  test('CloudWatch.1 skips root activity that an AWS service performs', () => {
    const record = JSON.parse(fixture('root-usage__s3-api-call'));
    record.userIdentity.invokedBy = 'cloudformation.amazonaws.com';
    expect(cis('CloudWatch.1').matchesRecord(record)).toBe(false);
  });
});
