import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/aws-events';
import { Detection } from './detection';
import {
  all,
  differs,
  equals,
  oneOf,
  successfulCall,
  successfulCallEvent,
} from './private/cloudtrail-patterns';
import { Severity } from './severity';
import { DetectionTrack } from './track';

/**
 * A role assumed by a person or workload rather than by an AWS service. Exact event name:
 * AssumeRoleWithSAML and AssumeRoleWithWebIdentity are federation, not this. High volume,
 * so it alarms on an anomaly band rather than a count.
 */
export const ASSUME_ROLE_ACTIVITY = Detection._catalog({
  id: 'AssumeRoleActivity',
  title: 'Unusual volume of role assumptions',
  severity: Severity.LOW,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1550.001', 'T1078.004'],
  runbook:
    'The rate of sts:AssumeRole calls left its usual band. List the calls of the period by ' +
    'userIdentity.arn and requestParameters.roleArn: a new caller, a new target role, or ' +
    'one principal walking many roles (role chaining) is the lead. Cross-account calls ' +
    'arrive with userIdentity.type AWSAccount.',
  filterPattern: successfulCall('sts', ['AssumeRole'], differs('userIdentity.type', 'AWSService')),
  eventPattern: successfulCallEvent('sts', ['AssumeRole'], {
    userIdentity: { type: Match.anythingBut('AWSService') },
  }),
  includesReadOnlyEvents: true,
  alarm: {
    anomalyBandWidth: 2,
    period: Duration.minutes(15),
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
  },
});

/**
 * Denied role assumptions: a principal probing for roles it can reach, or a trust
 * relationship that was changed under a workload.
 */
export const ASSUME_ROLE_FAILURES = Detection._catalog({
  id: 'AssumeRoleFailures',
  title: 'Repeated denied role assumptions',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1087.004', 'T1580'],
  runbook:
    'Denied AssumeRole calls log no requestParameters: the target role is named only in ' +
    'errorMessage. Group by userIdentity.arn and sourceIPAddress. One principal trying many ' +
    'roles is enumeration with stolen keys: find where the keys came from and rotate them.',
  filterPattern: all(
    equals('eventSource', 'sts.amazonaws.com'),
    equals('eventName', 'AssumeRole'),
    equals('errorCode', 'AccessDenied*'),
  ).logPatternString,
  eventPattern: {
    source: ['aws.sts'],
    detail: {
      eventSource: ['sts.amazonaws.com'],
      eventName: ['AssumeRole'],
      errorCode: Match.prefix('AccessDenied'),
    },
  },
  includesReadOnlyEvents: true,
  alarm: { threshold: 10, period: Duration.minutes(5) },
});

/**
 * Temporary credentials minted from an IAM user's or root's long-term key: a common step
 * after a key is stolen, because the session outlives the key's rotation.
 */
export const SESSION_TOKEN_ISSUED = Detection._catalog({
  id: 'SessionTokenIssued',
  title: 'Session token issued to an IAM user or root',
  severity: Severity.LOW,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1550.001'],
  runbook:
    'Check that the user normally calls sts:GetSessionToken (MFA-protected CLI use does). ' +
    'A first-time call, an unusual sourceIPAddress or userAgent, or a call by root is a lead: ' +
    'the session keeps working after the access key is deactivated, so revoke it with a ' +
    'deny on aws:TokenIssueTime if the key is compromised.',
  filterPattern: successfulCall('sts', ['GetSessionToken'], oneOf('userIdentity.type', ['IAMUser', 'Root'])),
  eventPattern: successfulCallEvent('sts', ['GetSessionToken'], {
    userIdentity: { type: ['IAMUser', 'Root'] },
  }),
  includesReadOnlyEvents: true,
});

/** A console password created or changed, for oneself or, worse, for another user. */
export const LOGIN_PROFILE_CHANGED = Detection._catalog({
  id: 'LoginProfileChanged',
  title: 'Console password created or changed',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.001'],
  runbook:
    'Compare requestParameters.userName with userIdentity.userName: a password set for ' +
    'another user is account takeover or a backdoor. Confirm with the owner of the target ' +
    'user; if unexplained, delete the login profile and review the caller.',
  filterPattern: successfulCall('iam', ['CreateLoginProfile', 'UpdateLoginProfile']),
  eventPattern: successfulCallEvent('iam', ['CreateLoginProfile', 'UpdateLoginProfile']),
  globalServiceEvents: true,
});

/** A new access key: the most common way to keep access after the first foothold. */
export const ACCESS_KEY_CREATED = Detection._catalog({
  id: 'AccessKeyCreated',
  title: 'Access key created',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.001'],
  runbook:
    'Compare requestParameters.userName with the caller: a key created for another user is ' +
    'a backdoor. Confirm with the owner; if unexplained, deactivate the key ' +
    '(responseElements.accessKey.accessKeyId) and search for its use.',
  filterPattern: successfulCall('iam', ['CreateAccessKey']),
  eventPattern: successfulCallEvent('iam', ['CreateAccessKey']),
  globalServiceEvents: true,
});

/** An MFA device switched off or deleted, which reopens password-only sign-in. */
export const MFA_DEVICE_REMOVED = Detection._catalog({
  id: 'MfaDeviceRemoved',
  title: 'MFA device deactivated or deleted',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1556.006'],
  runbook:
    'Ask the owner of requestParameters.userName whether they replaced their device. If ' +
    'not, the account is in someone else\'s hands: reset the password, remove unknown ' +
    'devices and keys, and review the user\'s activity.',
  filterPattern: successfulCall('iam', ['DeactivateMFADevice', 'DeleteVirtualMFADevice']),
  eventPattern: successfulCallEvent('iam', ['DeactivateMFADevice', 'DeleteVirtualMFADevice']),
  globalServiceEvents: true,
});

/** A new IAM user: persistence outside the identity provider. */
export const USER_CREATED = Detection._catalog({
  id: 'UserCreated',
  title: 'IAM user created',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1136.003'],
  runbook:
    'New IAM users should come from infrastructure as code. If invokedBy is not ' +
    'cloudformation.amazonaws.com or the caller is not your pipeline, find who created ' +
    'requestParameters.userName and what keys, passwords and policies it got next.',
  filterPattern: successfulCall('iam', ['CreateUser']),
  eventPattern: successfulCallEvent('iam', ['CreateUser']),
  globalServiceEvents: true,
});

