// Internal: synth-time checks of AuditTrailProps. Not exported from the barrel.
import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AuditTrailProps } from './audit-trail-props';

/** Lifecycle and retention values with their defaults applied. */
export interface ResolvedLifecycle {
  readonly transitionAfterDays: number;
  readonly expireAfterDays: number;
  readonly noncurrentVersionExpireAfterDays: number;
  readonly accessLogsExpireAfterDays: number;
  readonly objectLockRetentionDays: number;
  readonly logRetention: logs.RetentionDays;
}

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
// Settings of the log bucket AuditTrail creates; meaningless with a bucket passed in.
const BUCKET_SETTINGS: (keyof AuditTrailProps)[] = [
  'accessLogsBucket', 'transitionAfterDays', 'transitionStorageClass', 'expireAfterDays',
  'noncurrentVersionExpireAfterDays', 'accessLogsExpireAfterDays',
];
const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;
const ONE_YEAR = 365;
// S3 refuses transitions to the infrequent-access classes before 30 days.
const IA_CLASSES = [s3.StorageClass.INFREQUENT_ACCESS, s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS];

function fail(scope: Construct, message: string): never {
  throw new Error(`${scope.node.path}: ${message}`);
}

function known(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}

function atLeastOne(scope: Construct, prop: string, value: number | undefined) {
  if (known(value) && (!Number.isInteger(value) || value < 1)) {
    fail(scope, `${prop} is ${value}; use a whole number of days, 1 or more.`);
  }
}

function checkTrailName(scope: Construct, name: string | undefined) {
  if (name !== undefined && !Token.isUnresolved(name) && !TRAIL_NAME.test(name)) {
    fail(scope, `trailName is "${name}"; use 3 to 128 letters, digits, periods, ` +
      'underscores or hyphens, starting and ending with a letter or digit.');
  }
}

function checkOrganization(scope: Construct, props: AuditTrailProps) {
  const id = props.organizationId;
  if (props.organizationTrail && id === undefined) {
    fail(scope, 'organizationTrail is true but organizationId is missing; pass the ' +
      'organization ID (o-xxxxxxxxxx) so the bucket policy can admit the member accounts.');
  }
  if (id !== undefined && !Token.isUnresolved(id) && !ORGANIZATION_ID.test(id)) {
    fail(scope, `organizationId is "${id}", which is not an organization ID; use the ` +
      'o-[a-z0-9]{10,32} value shown by `aws organizations describe-organization`.');
  }
  if (id !== undefined && !props.organizationTrail) {
    fail(scope, 'organizationId is set but organizationTrail is not true; set ' +
      'organizationTrail: true for an organization trail, or drop organizationId.');
  }
}

function checkRetention(scope: Construct, props: AuditTrailProps): logs.RetentionDays {
  const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
  if (props.logGroup && props.logRetention !== undefined) {
    fail(scope, 'logRetention is set but logGroup is given; set the retention on that ' +
      'log group instead.');
  }
  if (!Token.isUnresolved(retention) && retention < ONE_YEAR && !props.acknowledgeShortRetention) {
    fail(scope, `logRetention is ${retention} days, shorter than one year; use ` +
      'logs.RetentionDays.ONE_YEAR or longer, or set acknowledgeShortRetention: true.');
  }
  return retention;
}

function checkLifecycle(scope: Construct, props: AuditTrailProps): ResolvedLifecycle {
  atLeastOne(scope, 'transitionAfterDays', props.transitionAfterDays);
  atLeastOne(scope, 'expireAfterDays', props.expireAfterDays);
  atLeastOne(scope, 'noncurrentVersionExpireAfterDays', props.noncurrentVersionExpireAfterDays);
  atLeastOne(scope, 'accessLogsExpireAfterDays', props.accessLogsExpireAfterDays);
  atLeastOne(scope, 'objectLockRetentionDays', props.objectLockRetentionDays);

  const transition = props.transitionAfterDays ?? 90;
  const expire = props.expireAfterDays ?? 2557;
  if (known(transition) && known(expire) && expire <= transition) {
    fail(scope, `expireAfterDays (${expire}) must be greater than transitionAfterDays ` +
      `(${transition}); raise expireAfterDays or lower transitionAfterDays.`);
  }
  const storageClass = props.transitionStorageClass;
  if (storageClass && IA_CLASSES.includes(storageClass) && known(transition) && transition < 30) {
    fail(scope, `transitionAfterDays is ${transition} but S3 moves objects to ` +
      `${storageClass.value} only after 30 days or more; use 30 or more.`);
  }
  return {
    transitionAfterDays: transition,
    expireAfterDays: expire,
    noncurrentVersionExpireAfterDays: props.noncurrentVersionExpireAfterDays ?? 90,
    accessLogsExpireAfterDays: props.accessLogsExpireAfterDays ?? 365,
    objectLockRetentionDays: props.objectLockRetentionDays ?? 365,
    logRetention: logs.RetentionDays.ONE_YEAR,
  };
}

function checkCombinations(scope: Construct, props: AuditTrailProps) {
  if (props.objectLockRetentionDays !== undefined && props.objectLockMode === undefined) {
    fail(scope, 'objectLockRetentionDays is set but objectLockMode is not; set ' +
      'objectLockMode to GOVERNANCE or COMPLIANCE, or drop objectLockRetentionDays.');
  }
  if (props.bucket && props.objectLockMode !== undefined) {
    fail(scope, 'objectLockMode is set but bucket is given; Object Lock is chosen when a ' +
      'bucket is created, so turn it on for that bucket or let AuditTrail create one.');
  }
  if (props.bucket) {
    const ignored = BUCKET_SETTINGS.filter((name) => props[name] !== undefined);
    if (ignored.length > 0) {
      fail(scope, `${ignored.join(', ')} set but bucket is given; those settings only apply ` +
        'to a bucket AuditTrail creates, so configure them on your bucket instead.');
    }
  }
  if (props.accessLogsBucket && props.accessLogsExpireAfterDays !== undefined) {
    fail(scope, 'accessLogsExpireAfterDays is set but accessLogsBucket is given; set the ' +
      'lifecycle on that bucket instead.');
  }
  if (props.insightTypes !== undefined && !props.insights) {
    fail(scope, 'insightTypes is set but insights is not true; set insights: true.');
  }
  if (props.insightTypes !== undefined && props.insightTypes.length === 0) {
    fail(scope, 'insightTypes is empty; list at least one InsightType or set insights: false.');
  }
  const removal = props.removalPolicy ?? RemovalPolicy.RETAIN;
  if (removal !== RemovalPolicy.RETAIN && removal !== RemovalPolicy.DESTROY) {
    fail(scope, `removalPolicy is ${removal}; use RemovalPolicy.RETAIN or RemovalPolicy.DESTROY.`);
  }
  if (props.autoDeleteObjects && removal !== RemovalPolicy.DESTROY) {
    fail(scope, 'autoDeleteObjects is true but removalPolicy is not RemovalPolicy.DESTROY; ' +
      'set removalPolicy: RemovalPolicy.DESTROY as well, or drop autoDeleteObjects.');
  }
  if (props.autoDeleteObjects && props.objectLockMode !== undefined) {
    fail(scope, 'autoDeleteObjects is true but objectLockMode is set; locked log files ' +
      'cannot be deleted, so drop one of the two.');
  }
}

/** Checks the props and returns the lifecycle values with defaults applied. */
export function validateAuditTrailProps(scope: Construct, props: AuditTrailProps): ResolvedLifecycle {
  checkTrailName(scope, props.trailName);
  checkOrganization(scope, props);
  checkCombinations(scope, props);
  const logRetention = checkRetention(scope, props);
  return { ...checkLifecycle(scope, props), logRetention };
}
