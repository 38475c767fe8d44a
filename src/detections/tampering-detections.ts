import { Detection } from './detection';
import {
  successfulCall,
  successfulCallEvent,
  successfulCallsEvent,
} from './private/cloudtrail-patterns';
import { Severity } from './severity';
import { DetectionTrack } from './track';

const TRAIL_CHANGES = [
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
];

/** The evidence being switched off or narrowed. Failed attempts are left to the CIS track. */
export const TRAIL_TAMPERING = Detection._catalog({
  id: 'TrailTampering',
  title: 'CloudTrail logging stopped, deleted or changed',
  severity: Severity.CRITICAL,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1562.008'],
  runbook:
    'Attackers blind the logs right before the part they do not want seen. Restart logging ' +
    '(cloudtrail:StartLogging) or restore the trail settings at once; requestParameters.name ' +
    'may be a name or an ARN. Then treat the caller as compromised and review everything ' +
    'it did, from other sources (S3 access logs, VPC flow logs) for the blind window.',
  filterPattern: successfulCall('cloudtrail', TRAIL_CHANGES),
  eventPattern: successfulCallEvent('cloudtrail', TRAIL_CHANGES),
});

/**
 * API calls that switch off the guardrails themselves, each by its own service. A
 * password policy update counts when it weakens a setting below the CIS baseline
 * (length 14, every character class, reuse 24); a strengthening update has the same event
 * name and does not count. Omitted settings fall back to IAM's weak defaults, but a filter
 * pattern cannot see an omission among many fields within the 1024-character limit, so
 * only explicit weakening counts (see the README's limitations).
 */
const GUARDRAIL_CALLS: Record<string, string[]> = {
  'logs': ['DeleteMetricFilter', 'DeleteLogGroup', 'DeleteSubscriptionFilter'],
  'monitoring': ['DeleteAlarms', 'DisableAlarmActions'],
  'config': [
    'StopConfigurationRecorder',
    'DeleteConfigurationRecorder',
    'DeleteDeliveryChannel',
    'DeleteConfigRule',
  ],
  'securityhub': ['DisableSecurityHub', 'BatchDisableStandards'],
  'guardduty': ['DeleteDetector', 'DisassociateFromAdministratorAccount'],
  'access-analyzer': ['DeleteAnalyzer'],
  'iam': ['DeleteAccountPasswordPolicy'],
};

// Written by hand, without the builders' spaces and parentheses, to stay inside the
// 1024 characters CloudWatch Logs allows.
const PASSWORD_POLICY_WEAKENED =
  '($.eventName=UpdateAccountPasswordPolicy&&(' +
  [
    '$.requestParameters.minimumPasswordLength<14',
    '$.requestParameters.passwordReusePrevention<24',
    '$.requestParameters.requireSymbols IS FALSE',
    '$.requestParameters.requireNumbers IS FALSE',
    '$.requestParameters.requireUppercaseCharacters IS FALSE',
    '$.requestParameters.requireLowercaseCharacters IS FALSE',
  ].join('||') +
  '))';

const GUARDRAIL_PATTERN =
  '{$.errorCode NOT EXISTS&&(' +
  Object.values(GUARDRAIL_CALLS)
    .flat()
    .map((name) => `$.eventName=${name}`)
    .join('||') +
  `||${PASSWORD_POLICY_WEAKENED})}`;

export const GUARDRAIL_TAMPERING = Detection._catalog({
  id: 'GuardrailTampering',
  title: 'Security guardrails disabled or weakened',
  severity: Severity.CRITICAL,
  track: DetectionTrack.IAM_ATTACK,
  techniques: ['T1562.001', 'T1562.008'],
  runbook:
    'Someone switched off a detector: a metric filter, an alarm, AWS Config, Security Hub, ' +
    'GuardDuty, Access Analyzer, or weakened the password policy. Redeploy the guardrails ' +
    'stack to restore them, then treat the caller as compromised: attackers disable ' +
    'detection right before acting.',
  // Event names alone: an eventSource per service would pass the length limit.
  filterPattern: GUARDRAIL_PATTERN,
  eventPattern: successfulCallsEvent(GUARDRAIL_CALLS, {
    eventSource: ['iam.amazonaws.com'],
    eventName: ['UpdateAccountPasswordPolicy'],
    requestParameters: {
      $or: [
        { minimumPasswordLength: [{ numeric: ['<', 14] }] },
        { passwordReusePrevention: [{ numeric: ['<', 24] }] },
        { requireSymbols: [false] },
        { requireNumbers: [false] },
        { requireUppercaseCharacters: [false] },
        { requireLowercaseCharacters: [false] },
      ],
    },
  }),
});
