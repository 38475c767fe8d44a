import { Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newStack } from './fixtures';
import { AuditTrail, AuditTrailObjectLockMode, AuditTrailProps } from '../../src/trail';

function build(props: AuditTrailProps | ((stack: ReturnType<typeof newStack>) => AuditTrailProps)) {
  const stack = newStack();
  new AuditTrail(stack, 'Trail', typeof props === 'function' ? props(stack) : props);
}

describe('AuditTrail refuses bad input', () => {
  test.each<[string, AuditTrailProps | ((stack: ReturnType<typeof newStack>) => AuditTrailProps), RegExp]>([
    ['retention shorter than a year', { logRetention: logs.RetentionDays.SIX_MONTHS },
      /Audit\/Trail: logRetention is 180 days, shorter than one year; .*acknowledgeShortRetention: true/],
    ['retention set on a given log group', (stack) => ({
      logGroup: new logs.LogGroup(stack, 'Own'), logRetention: logs.RetentionDays.TWO_YEARS,
    }), /logRetention is set but logGroup is given/],
    ['transition after expiry', { transitionAfterDays: 400, expireAfterDays: 365 },
      /expireAfterDays \(365\) must be greater than transitionAfterDays \(400\)/],
    ['transition on the expiry day', { transitionAfterDays: 365, expireAfterDays: 365 },
      /expireAfterDays \(365\) must be greater than transitionAfterDays \(365\)/],
    ['expiry before the default transition', { expireAfterDays: 60 },
      /expireAfterDays \(60\) must be greater than transitionAfterDays \(90\)/],
    ['transition below 1 day', { transitionAfterDays: 0 },
      /transitionAfterDays is 0; use a whole number of days, 1 or more/],
    ['expiry below 1 day', { expireAfterDays: -5 }, /expireAfterDays is -5; use a whole number of days, 1 or more/],
    ['fractional expiry', { expireAfterDays: 400.5 }, /expireAfterDays is 400.5; use a whole number/],
    ['noncurrent expiry below 1 day', { noncurrentVersionExpireAfterDays: 0 },
      /noncurrentVersionExpireAfterDays is 0/],
    ['access log expiry below 1 day', { accessLogsExpireAfterDays: 0 }, /accessLogsExpireAfterDays is 0/],
    ['infrequent access before 30 days', {
      transitionAfterDays: 10, transitionStorageClass: s3.StorageClass.INFREQUENT_ACCESS,
    }, /transitionAfterDays is 10 but S3 moves objects to STANDARD_IA only after 30 days/],
    ['Object Lock retention below 1 day', {
      objectLockMode: AuditTrailObjectLockMode.GOVERNANCE, objectLockRetentionDays: 0,
    }, /objectLockRetentionDays is 0; use a whole number of days, 1 or more/],
    ['Object Lock retention without a mode', { objectLockRetentionDays: 30 },
      /objectLockRetentionDays is set but objectLockMode is not/],
    ['Object Lock on a given bucket', (stack) => ({
      bucket: new s3.Bucket(stack, 'Own'), objectLockMode: AuditTrailObjectLockMode.COMPLIANCE,
    }), /objectLockMode is set but bucket is given/],
    ['lifecycle settings with a given bucket', (stack) => ({
      bucket: new s3.Bucket(stack, 'Own'), expireAfterDays: 400, accessLogsBucket: new s3.Bucket(stack, 'Logs'),
    }), /accessLogsBucket, expireAfterDays set but bucket is given/],
    ['access log expiry with a given access logs bucket', (stack) => ({
      accessLogsBucket: new s3.Bucket(stack, 'Logs'), accessLogsExpireAfterDays: 30,
    }), /accessLogsExpireAfterDays is set but accessLogsBucket is given/],
    ['organization trail without an organization id', { organizationTrail: true },
      /organizationTrail is true but organizationId is missing/],
    ['an organization id of the wrong shape', { organizationTrail: true, organizationId: 'r-abcd' },
      /organizationId is "r-abcd", which is not an organization ID; use the o-\[a-z0-9\]\{10,32\} value/],
    ['an organization id in upper case', { organizationTrail: true, organizationId: 'o-ABCDEFGHIJ' },
      /organizationId is "o-ABCDEFGHIJ"/],
    ['an organization id without organizationTrail', { organizationId: 'o-abcdefghij' },
      /organizationId is set but organizationTrail is not true/],
    ['insight types without insights', { insightTypes: [] }, /insightTypes is set but insights is not true/],
    ['an empty list of insight types', { insights: true, insightTypes: [] }, /insightTypes is empty/],
    ['auto-delete while retaining', { autoDeleteObjects: true },
      /autoDeleteObjects is true but removalPolicy is not RemovalPolicy.DESTROY/],
    ['auto-delete with Object Lock', {
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
      objectLockMode: AuditTrailObjectLockMode.GOVERNANCE,
    }, /autoDeleteObjects is true but objectLockMode is set/],
    ['a snapshot removal policy', { removalPolicy: RemovalPolicy.SNAPSHOT },
      /removalPolicy is snapshot; use RemovalPolicy.RETAIN or RemovalPolicy.DESTROY/],
    ['a trail name with spaces', { trailName: 'my trail' }, /trailName is "my trail"; use 3 to 128 letters/],
    ['a trail name too short', { trailName: 'ab' }, /trailName is "ab"/],
  ])('%s', (_case, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('names the construct path in the message', () => {
    expect(() => build({ expireAfterDays: 0 })).toThrow(/^Audit\/Trail: /);
  });

  test.each<[string, AuditTrailProps]>([
    ['an unresolved organization id', {
      organizationTrail: true, organizationId: Lazy.string({ produce: () => 'anything' }),
    }],
    ['unresolved lifecycle days', {
      transitionAfterDays: Lazy.number({ produce: () => 400 }), expireAfterDays: 30,
    }],
    ['an unresolved trail name', { trailName: Lazy.string({ produce: () => 'x' }) }],
  ])('does not validate %s', (_case, props) => {
    expect(() => build(props)).not.toThrow();
  });
});
