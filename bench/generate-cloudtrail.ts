/**
 * Generates gzipped CloudTrail log files (`{"Records": [...]}`, one file per five minutes
 * of activity, about 500 records each, laid out as CloudTrail writes them to S3) from the
 * shapes of the corpus records, in a realistic mix: mostly read-only and service calls,
 * some other writes and failures, a few per cent IAM writes and sign-ins.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import * as zlib from 'zlib';

const gzip = util.promisify(zlib.gzip);
const FORMAT_VERSION = 1;
const ACCOUNT = '111122223333';

export interface GeneratedCorpus {
  readonly records: number;
  readonly files: number;
  readonly bytes: number;
  /** Generation time; undefined when the cached corpus was used. */
  readonly seconds?: number;
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Api = readonly [eventSource: string, eventName: string, requestParameters: object | null];

const READ_ONLY: Api[] = [
  ['ec2.amazonaws.com', 'DescribeInstances', { maxResults: 100 }],
  ['ec2.amazonaws.com', 'DescribeVolumes', { filterSet: {} }],
  ['ec2.amazonaws.com', 'DescribeSecurityGroups', { securityGroupIdSet: {} }],
  ['s3.amazonaws.com', 'GetBucketLocation', { bucketName: 'example-app-data', location: '' }],
  ['s3.amazonaws.com', 'ListBuckets', null],
  ['s3.amazonaws.com', 'GetBucketAcl', { bucketName: 'example-app-logs', acl: '' }],
  ['kms.amazonaws.com', 'Decrypt', { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' }],
  ['kms.amazonaws.com', 'GenerateDataKey', { keySpec: 'AES_256', keyId: 'alias/app' }],
  ['sts.amazonaws.com', 'GetCallerIdentity', null],
  ['logs.amazonaws.com', 'DescribeLogGroups', { limit: 50 }],
  ['monitoring.amazonaws.com', 'GetMetricData', { startTime: 'Jun 1, 2025, 12:00:00 AM' }],
  ['monitoring.amazonaws.com', 'DescribeAlarms', { maxRecords: 100 }],
  ['lambda.amazonaws.com', 'ListFunctions20150331', null],
  ['dynamodb.amazonaws.com', 'DescribeTable', { tableName: 'orders' }],
  ['ssm.amazonaws.com', 'GetParameter', { name: '/app/config', withDecryption: true }],
  ['iam.amazonaws.com', 'GetRole', { roleName: 'app-task-role' }],
  ['iam.amazonaws.com', 'ListRoles', null],
  ['secretsmanager.amazonaws.com', 'GetSecretValue', { secretId: 'app/db' }],
  ['cloudtrail.amazonaws.com', 'DescribeTrails', { includeShadowTrails: true }],
  ['config.amazonaws.com', 'DescribeConfigRules', null],
];

const WRITES: Api[] = [
  ['ec2.amazonaws.com', 'CreateTags', { resourcesSet: { items: [{ resourceId: 'i-0abc' }] } }],
  ['logs.amazonaws.com', 'CreateLogStream', { logGroupName: '/app', logStreamName: 'web-1' }],
  ['ssm.amazonaws.com', 'PutParameter', { name: '/app/flag', type: 'String', overwrite: true }],
  ['lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', { functionName: 'api' }],
  ['s3.amazonaws.com', 'PutBucketTagging', { bucketName: 'example-app-data', tagging: '' }],
  ['cloudformation.amazonaws.com', 'UpdateStack', { stackName: 'app' }],
  ['ecs.amazonaws.com', 'UpdateService', { cluster: 'app', service: 'web' }],
];

function load(dir: string, prefix: string): any[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** Record makers by share of the mix (shares sum to 1). */
function mix(fixtures: string): Array<[number, (r: () => number) => any]> {
  const apiBase = JSON.parse(fs.readFileSync(path.join(fixtures, 'benign__get-policy.json'), 'utf8'));
  const roleIdentity = JSON.parse(fs.readFileSync(
    path.join(fixtures, 'attach-user-policy__readonlyaccess-by-assumed-role.json'), 'utf8')).userIdentity;
  const serviceAssume = load(fixtures, 'benign__assume-role-by-lambda-service');
  const pick = <T>(list: T[], r: () => number): T => list[Math.floor(r() * list.length)];
  const api = (list: Api[], readOnly: boolean) => (r: () => number) => {
    const [eventSource, eventName, requestParameters] = pick(list, r);
    return {
      ...apiBase,
      userIdentity: r() < 0.8 ? roleIdentity : apiBase.userIdentity,
      eventSource,
      eventName,
      requestParameters,
      readOnly,
      sourceIPAddress: `198.51.100.${Math.floor(r() * 250) + 1}`,
    };
  };
  const fixture = (list: any[]) => (r: () => number) => ({ ...pick(list, r) });
  const serviceCall = (r: () => number) => ({
    ...api(READ_ONLY.slice(6, 8), true)(r),
    userIdentity: { type: 'AWSService', invokedBy: 's3.amazonaws.com' },
    sourceIPAddress: 's3.amazonaws.com',
    userAgent: 's3.amazonaws.com',
  });
  const iamWrites = ['create-access-key', 'create-login-profile', 'create-policy', 'attach-',
    'put-user-policy', 'admin-policy-grant', 'iam-persistence'].flatMap((p) => load(fixtures, p));
  const signIns = ['console-login-', 'benign__console-login', 'benign__check-mfa', 'mfa-failure']
    .flatMap((p) => load(fixtures, p));
  const failures = ['benign__assume-role-access-denied', 'benign__attach-role-policy-nosuchentity',
    'benign__create-access-key-access-denied', 'benign__describe-instances-unauthorized',
    'benign__get-session-token-access-denied', 'benign__cloudwatch-delete-alarms-access-denied']
    .flatMap((p) => load(fixtures, p));
  const rare = ['root-usage', 'cloudtrail-tamper', 'guardrail-tamper', 'get-session-token']
    .flatMap((p) => load(fixtures, p));
  return [
    [0.66, api(READ_ONLY, true)],
    [0.10, fixture(serviceAssume)],
    [0.08, serviceCall],
    [0.07, api(WRITES, false)],
    [0.03, fixture(failures)],
    [0.03, fixture(iamWrites)],
    [0.015, fixture(signIns)],
    [0.01, fixture(load(fixtures, 'assume-role__'))],
    [0.005, fixture(rare)],
  ];
}

function uuid(n: number, r: () => number): string {
  const hex = (v: number, width: number) => Math.floor(v).toString(16).padStart(width, '0');
  return `${hex(n, 8)}-${hex(r() * 0xffff, 4)}-4${hex(r() * 0xfff, 3)}-a${hex(r() * 0xfff, 3)}-`
    + `${hex(r() * 0xffffff, 6)}${hex(r() * 0xffffff, 6)}`;
}

/**
 * Writes `total` records under `dir`, unless a complete corpus of that size is there.
 * @param fixtures the folder of corpus records whose shapes are used
 */
export async function generateCorpus(dir: string, total: number, fixtures: string): Promise<GeneratedCorpus> {
  const marker = `${dir}.complete.json`;
  if (fs.existsSync(marker)) {
    const cached = JSON.parse(fs.readFileSync(marker, 'utf8'));
    if (cached.version === FORMAT_VERSION && cached.records === total) return cached;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(marker, { force: true });
  const started = Date.now();
  const r = random(20250601);
  const makers = mix(fixtures);
  const cumulative: number[] = [];
  makers.reduce((sum, [share]) => (cumulative.push(sum + share), sum + share), 0);

  const window = 5 * 60 * 1000;
  let time = Date.parse('2025-06-01T00:00:00Z');
  let written = 0;
  let files = 0;
  let bytes = 0;
  const pending: Array<Promise<void>> = [];
  while (written < total) {
    const count = Math.min(total - written, 300 + Math.floor(r() * 400));
    const step = window / count;
    const records = new Array(count);
    for (let i = 0; i < count; i++) {
      const x = r();
      let k = 0;
      while (k < cumulative.length - 1 && x >= cumulative[k]) k++;
      const record = makers[k][1](r);
      record.eventTime = new Date(time + i * step).toISOString().slice(0, 19) + 'Z';
      record.eventID = uuid(written + i, r);
      record.requestID = uuid(written + i + 7, r);
      record.awsRegion = record.awsRegion ?? 'us-east-1';
      record.recipientAccountId = ACCOUNT;
      records[i] = record;
    }
    const stamp = new Date(time).toISOString().replace(/[-:]/g, '').slice(0, 13);
    const day = new Date(time).toISOString().slice(0, 10).replace(/-/g, '/');
    const folder = path.join(dir, 'AWSLogs', ACCOUNT, 'CloudTrail', 'us-east-1', day);
    const file = path.join(folder, `${ACCOUNT}_CloudTrail_us-east-1_${stamp}Z_${uuid(files, r).slice(0, 16)}.json.gz`);
    const json = JSON.stringify({ Records: records });
    pending.push(gzip(json, { level: 6 }).then(async (data) => {
      await fs.promises.mkdir(folder, { recursive: true });
      await fs.promises.writeFile(file, data);
      bytes += data.length;
    }));
    if (pending.length >= 4) await pending.shift();
    written += count;
    files++;
    time += window;
  }
  await Promise.all(pending);
  const seconds = (Date.now() - started) / 1000;
  fs.writeFileSync(marker, JSON.stringify({ version: FORMAT_VERSION, records: written, files, bytes }));
  return { records: written, files, bytes, seconds };
}
