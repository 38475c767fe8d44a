/**
 * One subscription filter pattern that lets through every record an IAM-attack detection
 * of the catalog can match, and little else.
 *
 * The detections' own patterns add up to several thousand characters, and CloudWatch Logs
 * accepts 1024 per subscription filter pattern and two subscription filters per log group,
 * so they cannot simply be joined. This pattern is a coarse superset: all IAM and trail
 * writes, the STS calls the detections watch, sign-ins, root activity and the calls that
 * switch guardrails off. The SIEM applies the fine judgement.
 */
const TAMPERING_EVENTS = [
  'DeleteMetricFilter', 'DeleteLogGroup', 'DeleteSubscriptionFilter', 'DeleteAlarms',
  'DisableAlarmActions', 'StopConfigurationRecorder', 'DeleteConfigurationRecorder',
  'DeleteDeliveryChannel', 'DeleteConfigRule', 'DisableSecurityHub', 'BatchDisableStandards',
  'DeleteDetector', 'DisassociateFromAdministratorAccount', 'DeleteAnalyzer',
];

const TERMS = [
  '$.eventSource="iam.amazonaws.com"&&($.readOnly IS FALSE||$.readOnly NOT EXISTS)',
  '$.eventSource="cloudtrail.amazonaws.com"&&$.readOnly IS FALSE',
  '$.eventSource="sts.amazonaws.com"&&($.eventName="AssumeRole"||$.eventName="GetSessionToken")',
  '$.eventName="ConsoleLogin"',
  '$.eventName="CheckMfa"',
  '$.eventName="CredentialVerification"',
  '$.userIdentity.type="Root"',
  ...TAMPERING_EVENTS.map((name) => `$.eventName="${name}"`),
];

/** The pattern. */
export const IAM_ATTACK_SUBSCRIPTION_PATTERN = `{${TERMS.map((t) => `(${t})`).join('||')}}`;
