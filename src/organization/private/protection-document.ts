/**
 * Builds the service control policy that keeps member accounts from switching the
 * guardrails off. Internal: `GuardrailProtectionPolicy` renders it, the tests evaluate it.
 */

/** The inputs of the protection document. */
export interface ProtectionDocumentOptions {
  /** Partition literal or token (`aws`, `aws-us-gov`, `${AWS::Partition}`). */
  readonly partition: string;
  /** Role names (in every account) allowed to change the guardrails. */
  readonly exemptRoleNames: readonly string[];
  /** Role name patterns (may end in `*`) also exempt, such as StackSet execution roles. */
  readonly exemptRolePatterns: readonly string[];
  /** Prefix of the log groups that hold the trail. */
  readonly logGroupNamePrefix: string;
  /** Prefix of the alarm names the detections create. */
  readonly alarmNamePrefix: string;
  /** Prefix of the EventBridge rule names the detections and the forwarder create. */
  readonly ruleNamePrefix: string;
}

/** A statement as the SCP holds it. */
export interface ProtectionStatement {
  readonly Sid: string;
  readonly Effect: 'Deny';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition: { ArnNotLike: { 'aws:PrincipalArn': string[] } };
}

/** The whole document. */
export interface ProtectionDocument {
  readonly Version: '2012-10-17';
  readonly Statement: ProtectionStatement[];
}

/**
 * Actions denied on every resource: each one stops, deletes or loosens a guardrail that
 * has no per-resource ARN worth scoping to (one trail set, one recorder, one hub, one
 * detector, one password policy per account).
 */
export const ACCOUNT_WIDE_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:DeleteConfigRule',
  'config:DeleteOrganizationConfigRule',
  'securityhub:DisableSecurityHub',
  'securityhub:BatchDisableStandards',
  'securityhub:DisassociateFrom*',
  'securityhub:UpdateStandardsControl',
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFrom*',
  'guardduty:StopMonitoringMembers',
  'guardduty:CreateFilter',
  'guardduty:UpdateFilter',
  'guardduty:DeletePublishingDestination',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:UpdateArchiveRule',
  'iam:UpdateAccountPasswordPolicy',
  'iam:DeleteAccountPasswordPolicy',
];

/**
 * Actions on the trail's log groups. Overwriting a metric filter or a subscription filter
 * is as good as deleting it, and shortening retention destroys evidence.
 */
export const LOG_GROUP_ACTIONS: readonly string[] = [
  'logs:DeleteLogGroup',
  'logs:DeleteMetricFilter',
  'logs:PutMetricFilter',
  'logs:DeleteSubscriptionFilter',
  'logs:PutSubscriptionFilter',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:DisassociateKmsKey',
];

/** Actions on the detection alarms (overwriting an alarm can mute it). */
export const ALARM_ACTIONS: readonly string[] = [
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:SetAlarmState',
];

/** Actions on the detection and forwarding rules. */
export const RULE_ACTIONS: readonly string[] = [
  'events:DeleteRule',
  'events:DisableRule',
  'events:PutRule',
  'events:RemoveTargets',
  'events:PutTargets',
];

/** Renders the document. */
export function protectionDocument(options: ProtectionDocumentOptions): ProtectionDocument {
  const p = options.partition;
  const exempt = [
    ...options.exemptRoleNames.map((name) => `arn:${p}:iam::*:role/${name}`),
    ...options.exemptRolePatterns.map((pattern) => `arn:${p}:iam::*:role/${pattern}`),
  ];
  const condition = { ArnNotLike: { 'aws:PrincipalArn': exempt } };
  const statement = (sid: string, actions: readonly string[], resources: string[]) => ({
    Sid: sid,
    Effect: 'Deny' as const,
    Action: [...actions],
    Resource: resources,
    Condition: condition,
  });
  return {
    Version: '2012-10-17',
    Statement: [
      statement('ProtectSecurityServices', ACCOUNT_WIDE_ACTIONS, ['*']),
      statement('ProtectTrailLogGroups', LOG_GROUP_ACTIONS, [
        `arn:${p}:logs:*:*:log-group:${options.logGroupNamePrefix}*`,
      ]),
      statement('ProtectDetectionAlarms', ALARM_ACTIONS, [
        `arn:${p}:cloudwatch:*:*:alarm:${options.alarmNamePrefix}*`,
      ]),
      statement('ProtectDetectionRules', RULE_ACTIONS, [
        `arn:${p}:events:*:*:rule/${options.ruleNamePrefix}*`,
      ]),
    ],
  };
}

/**
 * The document's size as AWS Organizations counts it (characters of the minified JSON),
 * measured with the longest partition name so every partition fits.
 */
export function protectionDocumentSize(options: ProtectionDocumentOptions): number {
  return JSON.stringify(protectionDocument({ ...options, partition: 'aws-us-gov' })).length;
}

/** The SCP size limit, in characters. */
export const SCP_MAX_SIZE = 5120;
