import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'aws-cdk-lib';
import { Detection, DetectionCatalog, DetectionTrack, Severity } from '../../src/detections';
import { CloudTrailDelivery, EventBridgePattern, LogPattern } from '../../src/patterns';
import { PolicyAnalyzer } from '../../src/policy';
import { loadCorpus } from '../support/corpus';
import { eventPatternJson } from '../support/event-pattern-json';

const IAM_ATTACK_IDS = [
  'ConsoleSignInFailures',
  'MfaSignInFailures',
  'ConsoleSignInWithoutMfa',
  'RootActivity',
  'AssumeRoleActivity',
  'AssumeRoleFailures',
  'SessionTokenIssued',
  'LoginProfileChanged',
  'AccessKeyCreated',
  'PolicyCreated',
  'PolicyAttached',
  'InlinePolicyPut',
  'AdminPrivilegesGranted',
  'TrailTampering',
  'MfaDeviceRemoved',
  'TrustPolicyChanged',
  'UserCreated',
  'PolicyVersionDefaultChanged',
  'GuardrailTampering',
];

const corpus = loadCorpus(IAM_ATTACK_IDS);
const compile = (detection: Detection) => ({
  detection,
  filter: LogPattern.parse(detection.filterPattern),
  event: detection.eventPattern
    ? EventBridgePattern.fromObject(eventPatternJson(detection.eventPattern))
    : undefined,
});
const compiled = DetectionCatalog.iamAttack().map(compile);

const corpusRecord = (file: string) => corpus.find((entry) => entry.file === file)!.record;
/** A corpus record with some fields replaced (`undefined` removes one), under a new name. */
function variant(file: string, name: string, changes: Record<string, unknown>): { file: string; record: any } {
  const record = JSON.parse(JSON.stringify(corpusRecord(file)));
  for (const [field, value] of Object.entries(changes)) {
    const keys = field.split('.');
    const parent = keys.slice(0, -1).reduce((node, key) => (node[key] ??= {}), record);
    if (value === undefined) delete parent[keys[keys.length - 1]];
    else parent[keys[keys.length - 1]] = value;
  }
  return { file: `${file} as ${name}`, record };
}
const WRITE = 'create-policy__customer-managed-sns-publish.json';
const call = (eventSource: string, eventName: string, more: Record<string, unknown> = {}) =>
  variant(WRITE, [eventSource, eventName, more.errorCode].filter(Boolean).join(' '), {
    eventSource: `${eventSource}.amazonaws.com`,
    eventName,
    ...more,
  });

/**
 * Records for the CIS controls the corpus has no example of, each next to near misses: the
 * same call from another service, a neighbouring call, a wildcard that just fails.
 */
const CIS_RECORDS = [
  call('kms', 'DisableKey'), call('kms', 'ScheduleKeyDeletion'), call('kms', 'EnableKey'), call('ec2', 'DisableKey'),
  call('s3', 'PutBucketPolicy'), call('s3', 'DeleteBucketReplication'), call('s3', 'PutBucketTagging'),
  call('iam', 'PutBucketPolicy'),
  call('ec2', 'AuthorizeSecurityGroupIngress'), call('ec2', 'DeleteSecurityGroup'),
  call('ec2', 'DescribeSecurityGroups', { readOnly: true }),
  call('ec2', 'CreateNetworkAclEntry'), call('ec2', 'ReplaceNetworkAclAssociation'),
  call('ec2', 'AttachInternetGateway'), call('ec2', 'CreateCustomerGateway'),
  call('ec2', 'CreateEgressOnlyInternetGateway'),
  call('ec2', 'CreateRoute'), call('ec2', 'DisassociateRouteTable'), call('networkmanager', 'CreateRoute'),
  call('ec2', 'CreateVpc'), call('ec2', 'EnableVpcClassicLink'), call('ec2', 'ModifyVpcEndpoint'),
  call('organizations', 'CreateAccount'), call('organizations', 'LeaveOrganization'),
  call('organizations', 'CreatePolicy'), call('organizations', 'DescribeOrganization', { readOnly: true }),
  call('iam', 'DeleteRolePolicy'), call('iam', 'DeleteRolePolicy', { errorCode: 'AccessDenied' }),
  call('config', 'PutDeliveryChannel'), call('cloudtrail', 'CreateTrail'),
  call('ec2', 'RunInstances', { errorCode: 'Client.UnauthorizedOperation' }),
  call('ec2', 'RunInstances', { errorCode: 'UnauthorizedOperationPending' }),
  call('lambda', 'GetFunction', { errorCode: 'AccessDeniedException', readOnly: true }),
  call('lambda', 'GetFunction', { errorCode: 'NotAccessDenied', readOnly: true }),
  variant('root-usage__s3-api-call.json', 'invoked by a service',
    { 'userIdentity.invokedBy': 'cloudformation.amazonaws.com' }),
  variant('root-usage__s3-api-call.json', 'service event', { eventType: 'AwsServiceEvent' }),
  variant('root-usage__s3-api-call.json', 'without eventType', { eventType: undefined }),
  variant('console-login-no-mfa__iam-user-v108.json', 'MFAUsed YES', { 'additionalEventData.MFAUsed': 'YES' }),
  variant('console-login-no-mfa__iam-user-v108.json', 'without MFAUsed', { 'additionalEventData.MFAUsed': undefined }),
];

const POLICY_DOCUMENT_CALLS = ['PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'CreatePolicy', 'CreatePolicyVersion'];

/** What fires on a record: metric filters, plus the policy-document judgement of AdminPrivilegesGranted. */
function firedByFilters(record: any): string[] {
  const fired = compiled.filter((c) => c.filter.matchesRecord(record)).map((c) => c.detection.id);
  const document = record.requestParameters?.policyDocument;
  if (
    POLICY_DOCUMENT_CALLS.includes(record.eventName) &&
    record.errorCode === undefined &&
    typeof document === 'string' &&
    PolicyAnalyzer.grantsFullPrivileges(document)
  ) {
    fired.push('AdminPrivilegesGranted');
  }
  return fired;
}

describe('DetectionCatalog', () => {
  test('holds the IAM-attack detections with their documented ids, in attack order', () => {
    expect(DetectionCatalog.iamAttack().map((d) => d.id)).toEqual(IAM_ATTACK_IDS);
  });

  test('holds 15 CIS detections: Security Hub CloudWatch.1 to 14 and CIS 4.15', () => {
    expect(DetectionCatalog.cis().map((d) => d.control)).toEqual([
      ...Array.from({ length: 14 }, (_, i) => `CloudWatch.${i + 1}`),
      'CIS-4.15',
    ]);
  });

  test('keeps each CIS pattern equal, character for character, to the Security Hub text', () => {
    const reference = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'reference', 'cis-metric-filters.json'), 'utf8'),
    ).patterns as Record<string, string[]>;
    for (const detection of DetectionCatalog.cis()) {
      expect({ control: detection.control, pattern: detection.filterPattern }).toEqual({
        control: detection.control,
        pattern: reference[detection.control!][0],
      });
    }
  });

  test('gives every detection a title, severity, ATT&CK technique and runbook', () => {
    for (const detection of DetectionCatalog.all()) {
      expect(detection.title.length).toBeGreaterThan(5);
      expect(Object.values(Severity)).toContain(detection.severity);
      expect(detection.techniques.length).toBeGreaterThan(0);
      detection.techniques.forEach((t) => expect(t).toMatch(/^T\d{4}(\.\d{3})?$/));
      expect(detection.runbook.length).toBeGreaterThan(40);
    }
  });

  test('has unique ids across both tracks', () => {
    const ids = DetectionCatalog.ids();
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('returns one detection by id and names the known ids for an unknown one', () => {
    expect(DetectionCatalog.get('RootActivity').severity).toBe(Severity.CRITICAL);
    expect(() => DetectionCatalog.get('NoSuchThing')).toThrow(/No detection has the id 'NoSuchThing'. Known ids: ConsoleSignInFailures/);
  });

  test('keeps every filter pattern parseable and within 1024 characters', () => {
    for (const detection of DetectionCatalog.all()) {
      expect({ id: detection.id, problem: LogPattern.problem(detection.filterPattern) }).toEqual({
        id: detection.id,
        problem: undefined,
      });
      expect(detection.filterPattern.length).toBeLessThanOrEqual(1024);
    }
  });

  test('gives the counting detections their documented thresholds', () => {
    const alarm = (id: string) => DetectionCatalog.get(id).alarm;
    expect(alarm('ConsoleSignInFailures')).toMatchObject({ threshold: 5, period: Duration.minutes(5) });
    expect(alarm('MfaSignInFailures')).toMatchObject({ threshold: 3, period: Duration.minutes(5) });
    expect(alarm('AssumeRoleFailures')).toMatchObject({ threshold: 10, period: Duration.minutes(5) });
    expect(alarm('AssumeRoleActivity').anomalyBandWidth).toBe(2);
  });
});

describe('the IAM-attack track on the CloudTrail corpus', () => {
  test.each(corpus.filter((c) => c.mustFire.length > 0).map((c) => [c.file, c] as const))(
    '%s fires its labelled detections',
    (_file, entry) => {
      const fired = firedByFilters(entry.record);
      for (const oneOf of entry.mustFire) {
        expect({ oneOf, fired: fired.filter((id) => oneOf.includes(id)).length > 0 }).toEqual({ oneOf, fired: true });
      }
    },
  );

  test.each(corpus.map((c) => [c.file, c] as const))('%s fires none of its traps', (_file, entry) => {
    const fired = firedByFilters(entry.record);
    expect(fired.filter((id) => entry.mustNotFire.includes(id))).toEqual([]);
  });

  test('does not judge the deny-all quarantine a full-privilege grant', () => {
    const quarantine = corpus.find((c) => c.file.startsWith('put-user-policy__deny-all-quarantine'))!;
    expect(firedByFilters(quarantine.record)).not.toContain('AdminPrivilegesGranted');
    expect(firedByFilters(quarantine.record)).toContain('InlinePolicyPut');
  });
});

describe('event patterns', () => {
  const withRules = DetectionCatalog.all().map(compile).filter((c) => c.event);
  const records = [...corpus, ...CIS_RECORDS];
  const reaches = (detection: Detection, record: any) =>
    CloudTrailDelivery.reachesRule(
      record,
      detection.includesReadOnlyEvents ? 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' : 'ENABLED',
    );

  test.each(withRules.map((c) => [c.detection.id, c] as const))(
    '%s: the EventBridge pattern agrees with the filter pattern on every corpus record',
    (_id, c) => {
      const disagreements = records
        .filter((entry) => {
          const byFilter = c.filter.matchesRecord(entry.record);
          const byRule =
            reaches(c.detection, entry.record) &&
            c.event!.matchesEvent(CloudTrailDelivery.toEvent(entry.record));
          return byFilter !== byRule;
        })
        .map((entry) => entry.file);
      expect(disagreements).toEqual([]);
    },
  );

  test('marks read-only detections so their rules receive read-only events', () => {
    const readOnly = DetectionCatalog.all().filter((d) => d.includesReadOnlyEvents).map((d) => d.id);
    expect(readOnly).toEqual([
      'RootActivity', 'AssumeRoleActivity', 'AssumeRoleFailures', 'SessionTokenIssued',
      'CisRootAccountUsage', 'CisUnauthorizedApiCalls',
    ]);
  });

  test('gives every CIS detection an event pattern', () => {
    expect(DetectionCatalog.cis().filter((d) => !d.eventPattern).map((d) => d.id)).toEqual([]);
  });

  test.each(DetectionCatalog.cis().map(compile).map((c) => [c.detection.control, c] as const))(
    '%s fires on some records and stays silent on others',
    (_control, c) => {
      const fired = records.filter((entry) => c.filter.matchesRecord(entry.record)).length;
      expect({ fired: fired > 0, silent: fired < records.length }).toEqual({ fired: true, silent: true });
    },
  );

  test('proves the wildcard, anything-but and exists translations on their near misses', () => {
    const firing = (id: string) => {
      const c = compile(DetectionCatalog.get(id));
      return CIS_RECORDS.filter((entry) => c.event!.matchesEvent(CloudTrailDelivery.toEvent(entry.record)))
        .map((entry) => entry.file.split(' as ')[1]);
    };
    expect(firing('CisUnauthorizedApiCalls')).toEqual([
      'iam DeleteRolePolicy AccessDenied', 'ec2 RunInstances Client.UnauthorizedOperation',
      'lambda GetFunction AccessDeniedException',
    ]);
    expect(firing('CisRootAccountUsage')).toEqual([]);
    expect(firing('CisConsoleSignInWithoutMfa')).toEqual(['MFAUsed YES']);
    expect(firing('CisCmkDisabledOrDeleted')).toEqual(['kms DisableKey', 'kms ScheduleKeyDeletion']);
    expect(firing('CisRouteTableChanges')).toEqual(['ec2 CreateRoute', 'ec2 DisassociateRouteTable']);
  });
});

describe('Detection.custom', () => {
  test('builds a custom-track detection with defaults', () => {
    const detection = Detection.custom({ id: 'BreakGlassRoleUsed', filterPattern: '{ $.eventName = "X" }' });
    expect(detection).toMatchObject({
      id: 'BreakGlassRoleUsed',
      title: 'BreakGlassRoleUsed',
      severity: Severity.MEDIUM,
      track: DetectionTrack.CUSTOM,
    });
  });

  test.each([
    ['has a space', /Detection id 'has a space' is not valid/],
    ['', /Detection id '' is not valid/],
    ['x'.repeat(101), /is not valid: use 1 to 100 letters/],
  ])('refuses the id %j', (id, message) => {
    expect(() => Detection.custom({ id, filterPattern: '{ $.a = 1 }' })).toThrow(message);
  });

  test('refuses a filter pattern longer than CloudWatch Logs accepts', () => {
    expect(() => Detection.custom({ id: 'Long', filterPattern: `{ $.a = "${'x'.repeat(1100)}" }` })).toThrow(
      /filterPattern is 1112 characters long; CloudWatch Logs accepts 1 to 1024/,
    );
  });
});
