import * as fs from 'fs';
import * as path from 'path';
import { PolicyAnalyzer } from '../../src/policy';
import { grantsFullPrivileges } from '../../src/policy/private/full-privilege';

function corpusPolicy(file: string): string {
  const record = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8'));
  return record.requestParameters.policyDocument;
}

const ADMIN = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('PolicyAnalyzer on CloudTrail records', () => {
  test('an inline policy with Action ["*"] in tabbed console formatting is a grant', () => {
    const doc = corpusPolicy('admin-policy-grant__put-user-policy-action-star-array-console.json');
    expect(PolicyAnalyzer.grantsFullPrivileges(doc)).toBe(true);
  });

  test('names the granting statement by its Sid', () => {
    const doc = corpusPolicy('admin-policy-grant__put-user-policy-action-star-array-console.json');
    expect(PolicyAnalyzer.fullPrivilegeStatements(doc)).toEqual(['BreakGlass']);
  });

  test('a minified policy version allowing * on * is a grant', () => {
    const doc = corpusPolicy('iam-persistence__create-policy-version-set-as-default-admin.json');
    expect(PolicyAnalyzer.grantsFullPrivileges(doc)).toBe(true);
  });

  test('a deny-all quarantine policy is not a grant', () => {
    const doc = corpusPolicy('put-user-policy__deny-all-quarantine.json');
    expect(PolicyAnalyzer.grantsFullPrivileges(doc)).toBe(false);
  });

  test('a policy allowing only sns:Publish on * is not a grant', () => {
    const doc = corpusPolicy('create-policy__customer-managed-sns-publish.json');
    expect(PolicyAnalyzer.grantsFullPrivileges(doc)).toBe(false);
  });
});

describe('PolicyAnalyzer.grantsFullPrivileges', () => {
  const cases: Array<[string, string, boolean]> = [
    ['minified single statement object',
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}', true],
    ['pretty-printed with newlines', JSON.stringify({ Statement: [ADMIN] }, null, 2), true],
    ['tabs and CRLF', '{\r\n\t"Statement": [ {\r\n\t"Effect" : "Allow",\r\n\t"Action" : [ "*" ],'
      + '\r\n\t"Resource" : [ "*" ] } ] }', true],
    ['action *:*', JSON.stringify({ Statement: [{ ...ADMIN, Action: '*:*' }] }), true],
    ['* among other actions', JSON.stringify({
      Statement: [{ ...ADMIN, Action: ['s3:GetObject', '*'] }],
    }), true],
    ['URL-encoded', encodeURIComponent(JSON.stringify({ Statement: [ADMIN] })), true],
    ['URL-encoded with + for spaces',
      encodeURIComponent(JSON.stringify({ Statement: [ADMIN] }, null, 1)).replace(/%20/g, '+'), true],
    ['all-wildcard ARN resource', JSON.stringify({
      Statement: [{ ...ADMIN, Resource: 'arn:aws:*:*:*:*' }],
    }), true],
    ['second statement grants', JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, ADMIN],
    }), true],
    ['Deny * on *', JSON.stringify({ Statement: [{ ...ADMIN, Effect: 'Deny' }] }), false],
    ['Allow * on * cancelled by Deny * on *', JSON.stringify({
      Statement: [ADMIN, { ...ADMIN, Effect: 'Deny' }],
    }), false],
    ['Allow * on * beside a partial Deny', JSON.stringify({
      Statement: [ADMIN, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }],
    }), true],
    ['service wildcard iam:*', JSON.stringify({ Statement: [{ ...ADMIN, Action: 'iam:*' }] }), false],
    ['* on one bucket', JSON.stringify({
      Statement: [{ ...ADMIN, Resource: 'arn:aws:s3:::bucket/*' }],
    }), false],
    ['NotAction iam:* on *', JSON.stringify({
      Statement: [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }],
    }), false],
    ['NotAction that excludes nothing', JSON.stringify({
      Statement: [{ Effect: 'Allow', NotAction: [], Resource: '*' }],
    }), true],
    ['NotResource on *', JSON.stringify({
      Statement: [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::logs/*' }],
    }), false],
    ['conditioned on source address', JSON.stringify({
      Statement: [{ ...ADMIN, Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }],
    }), false],
    ['empty Condition block', JSON.stringify({ Statement: [{ ...ADMIN, Condition: {} }] }), true],
    ['lower-case effect', JSON.stringify({ Statement: [{ ...ADMIN, Effect: 'allow' }] }), false],
    ['malformed JSON', '{"Statement":[{"Effect":"Allow","Action":"*",', false],
    ['malformed percent-encoding', '%E0%A4%A{"Statement"', false],
    ['empty string', '', false],
    ['a JSON array', '[1,2]', false],
    ['no Statement', '{"Version":"2012-10-17"}', false],
    ['null statement entries', '{"Statement":[null, 3, "x"]}', false],
  ];

  test.each(cases)('%s', (_name, document, expected) => {
    expect(PolicyAnalyzer.grantsFullPrivileges(document)).toBe(expected);
  });
});

describe('grantsFullPrivileges on parsed documents', () => {
  test('judges an object document', () => {
    expect(grantsFullPrivileges({ Statement: [ADMIN] })).toBe(true);
  });

  test('does not take an intrinsic function for *', () => {
    expect(grantsFullPrivileges({
      Statement: [{ ...ADMIN, Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] } }],
    })).toBe(false);
  });

  test('does not throw on a cyclic object', () => {
    const doc: Record<string, unknown> = {};
    doc.Statement = doc;
    expect(grantsFullPrivileges(doc)).toBe(false);
  });
});
