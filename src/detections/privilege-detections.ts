import { FilterPattern } from 'aws-cdk-lib/aws-logs';
import { Detection } from './detection';
import {
  any,
  equals,
  oneOf,
  successfulCall,
  successfulCallEvent,
} from './private/cloudtrail-patterns';
import { Severity } from './severity';
import { DetectionTrack } from './track';

const ATTACH_POLICY = ['AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy'];
const PUT_POLICY = ['PutUserPolicy', 'PutGroupPolicy', 'PutRolePolicy'];

/**
 * AWS managed policies that hand over the whole account: AdministratorAccess, and
 * IAMFullAccess, with which a principal can grant itself anything. The `aws*` partition
 * wildcard covers aws, aws-cn and aws-us-gov.
 */
export const FULL_PRIVILEGE_MANAGED_POLICY_ARNS = [
  'arn:aws*:iam::aws:policy/AdministratorAccess',
  'arn:aws*:iam::aws:policy/IAMFullAccess',
];

/** A customer managed policy or a new version of one. */
export const POLICY_CREATED = Detection._catalog({
  id: 'PolicyCreated',
  title: 'Customer managed policy or policy version created',
  severity: Severity.LOW,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003'],
  runbook:
    'Read requestParameters.policyDocument. New policies from your pipeline are routine; a ' +
    'policy made by hand, with wildcards, or followed by an attachment to the caller itself ' +
    'is privilege escalation in progress.',
  filterPattern: successfulCall('iam', ['CreatePolicy', 'CreatePolicyVersion']),
  eventPattern: successfulCallEvent('iam', ['CreatePolicy', 'CreatePolicyVersion']),
  globalServiceEvents: true,
});

/** A managed policy attached to a user, group or role. */
export const POLICY_ATTACHED = Detection._catalog({
  id: 'PolicyAttached',
  title: 'Managed policy attached to a user, group or role',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003'],
  runbook:
    'Check requestParameters.policyArn and the target. Attachments made by ' +
    'cloudformation.amazonaws.com come from a stack; an attachment by a person, to their ' +
    'own user or to a role they can assume, is an escalation to confirm.',
  filterPattern: successfulCall('iam', ATTACH_POLICY),
  eventPattern: successfulCallEvent('iam', ATTACH_POLICY),
  globalServiceEvents: true,
});

/** An inline policy written into a user, group or role. */
export const INLINE_POLICY_PUT = Detection._catalog({
  id: 'InlinePolicyPut',
  title: 'Inline policy put on a user, group or role',
  severity: Severity.MEDIUM,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003'],
  runbook:
    'Inline policies hide from managed-policy reviews. Read ' +
    'requestParameters.policyDocument: an Allow on wildcards is escalation (the ' +
    'AdminPrivilegesGranted detection judges it); a Deny on everything is an incident ' +
    'responder\'s quarantine.',
  filterPattern: successfulCall('iam', PUT_POLICY),
  eventPattern: successfulCallEvent('iam', PUT_POLICY),
  globalServiceEvents: true,
});

/**
 * Full privileges granted. The metric filter sees the managed-policy case
 * (AdministratorAccess or IAMFullAccess attached). Inline policies and policy versions that
 * allow every action on every resource need the policy document judged, which a filter
 * pattern cannot do: `IamThreatDetection` adds an EventBridge rule and a function built on
 * `PolicyAnalyzer` for them, and `replay` runs the same analyzer.
 */
export const ADMIN_PRIVILEGES_GRANTED = Detection._catalog({
  id: 'AdminPrivilegesGranted',
  title: 'Full administrative privileges granted',
  severity: Severity.CRITICAL,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003', 'T1078.004'],
  runbook:
    'Someone now holds every permission in the account. Identify the grantee (userName, ' +
    'groupName, roleName or policyArn in requestParameters) and the caller. Unless a change ' +
    'record explains it, detach or delete the grant at once, then follow what the grantee ' +
    'did since: new keys, users, roles and trust changes are the usual next steps.',
  filterPattern: successfulCall(
    'iam',
    ATTACH_POLICY,
    oneOf('requestParameters.policyArn', FULL_PRIVILEGE_MANAGED_POLICY_ARNS),
  ),
  eventPattern: successfulCallEvent('iam', ATTACH_POLICY, {
    requestParameters: {
      policyArn: FULL_PRIVILEGE_MANAGED_POLICY_ARNS.map((arn) => ({ wildcard: arn })),
    },
  }),
  globalServiceEvents: true,
});

/** A role's trust policy rewritten: who may assume it changed. */
export const TRUST_POLICY_CHANGED = Detection._catalog({
  id: 'TrustPolicyChanged',
  title: 'Role trust policy changed',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003', 'T1484.002'],
  runbook:
    'Read requestParameters.policyDocument for principals outside your organization, `*`, ' +
    'or a missing sts:ExternalId condition: a role that trusts an outside account is a ' +
    'backdoor that survives every key rotation. Restore the previous trust policy and ' +
    'review AssumeRole calls on the role since.',
  filterPattern: successfulCall('iam', ['UpdateAssumeRolePolicy']),
  eventPattern: successfulCallEvent('iam', ['UpdateAssumeRolePolicy']),
  globalServiceEvents: true,
});

/**
 * A policy's default version switched, which changes what every holder of the policy may
 * do in one call. `setAsDefault` is a JSON boolean, hence `IS TRUE`.
 */
export const POLICY_VERSION_DEFAULT_CHANGED = Detection._catalog({
  id: 'PolicyVersionDefaultChanged',
  title: 'Default policy version changed',
  severity: Severity.HIGH,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1098.003'],
  runbook:
    'Compare the new default version of requestParameters.policyArn with the one before it ' +
    '(iam:GetPolicyVersion). Rolling back to an old, broader version is a known escalation; ' +
    'set the intended version as default again if it is unexplained.',
  filterPattern: successfulCall(
    'iam',
    ['SetDefaultPolicyVersion', 'CreatePolicyVersion'],
    any(
      equals('eventName', 'SetDefaultPolicyVersion'),
      FilterPattern.booleanValue('$.requestParameters.setAsDefault', true),
    ),
  ),
  eventPattern: {
    source: ['aws.iam'],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['iam.amazonaws.com'],
      errorCode: [{ exists: false }],
      $or: [
        { eventName: ['SetDefaultPolicyVersion'] },
        { eventName: ['CreatePolicyVersion'], requestParameters: { setAsDefault: [true] } },
      ],
    },
  },
  globalServiceEvents: true,
});
