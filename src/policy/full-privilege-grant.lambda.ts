// Judges the policy document of an IAM policy write delivered by EventBridge. When it grants
// full privileges, records a datapoint of 1 for the AdminPrivilegesGranted metric (as a
// CloudWatch embedded-metric log line, so the function needs no cloudwatch permission) and
// publishes a message naming who granted what to whom, from where.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { EventBridgeEvent } from 'aws-lambda';
import { fullPrivilegeStatementLabels } from './private/full-privilege';

const sns = new SNSClient({});

export const DETECTION_ID = 'AdminPrivilegesGranted';

/** The part of a CloudTrail record the function reads. */
export interface PolicyWriteDetail {
  readonly eventName?: string;
  readonly eventTime?: string;
  readonly eventID?: string;
  readonly awsRegion?: string;
  readonly recipientAccountId?: string;
  readonly sourceIPAddress?: string;
  readonly errorCode?: string;
  readonly userIdentity?: {
    readonly type?: string;
    readonly arn?: string;
    readonly principalId?: string;
    readonly userName?: string;
  };
  readonly requestParameters?: {
    readonly policyDocument?: unknown;
    readonly userName?: string;
    readonly groupName?: string;
    readonly roleName?: string;
    readonly policyName?: string;
    readonly policyArn?: string;
  };
}

export interface GrantResult {
  /** Whether the document granted full privileges. */
  readonly granted: boolean;
  /** The granting statements, by Sid or position. */
  readonly statements: string[];
}

type PolicyWriteEvent = EventBridgeEvent<string, PolicyWriteDetail>;

function principalOf(detail: PolicyWriteDetail): string {
  const identity = detail.userIdentity ?? {};
  return identity.arn ?? identity.principalId ?? identity.type ?? 'unknown principal';
}

function targetOf(detail: PolicyWriteDetail): string {
  const p = detail.requestParameters ?? {};
  const policy = p.policyName ? ` (inline policy ${p.policyName})` : '';
  if (p.userName) return `user ${p.userName}${policy}`;
  if (p.groupName) return `group ${p.groupName}${policy}`;
  if (p.roleName) return `role ${p.roleName}${policy}`;
  if (p.policyArn) return `managed policy ${p.policyArn}`;
  if (p.policyName) return `managed policy ${p.policyName}`;
  return 'unknown target';
}

/** SNS subjects: printable ASCII, one line, under 100 characters. */
function subjectOf(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 99 ? `${clean.slice(0, 96)}...` : clean;
}

function messageOf(event: PolicyWriteEvent, statements: string[]): { subject: string; body: string } {
  const detail = event.detail ?? {};
  const eventName = detail.eventName ?? 'unknown event';
  const target = targetOf(detail);
  const lines = [
    `${DETECTION_ID}: a policy that allows every action on every resource was written.`,
    '',
    `Principal:      ${principalOf(detail)}`,
    `Source address: ${detail.sourceIPAddress ?? 'unknown'}`,
    `Event:          ${eventName} at ${detail.eventTime ?? event.time ?? 'unknown time'}`
      + (detail.eventID ? ` (event id ${detail.eventID})` : ''),
    `Target:         ${target}`,
    `Statements:     ${statements.join(', ')}`,
    `Account:        ${detail.recipientAccountId ?? event.account ?? 'unknown'}`,
    `Region:         ${detail.awsRegion ?? event.region ?? 'unknown'}`,
    '',
    'Unless a change record explains it, remove the grant now and review what the grantee '
      + 'has done since.',
  ];
  return { subject: subjectOf(`${DETECTION_ID}: ${eventName} on ${target}`), body: lines.join('\n') };
}

/** One datapoint in CloudWatch embedded metric format, written to the function's log. */
function recordMetric(namespace: string): void {
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{
        Namespace: namespace,
        Dimensions: [[]],
        Metrics: [{ Name: DETECTION_ID, Unit: 'Count' }],
      }],
    },
    [DETECTION_ID]: 1,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function handler(event: PolicyWriteEvent): Promise<GrantResult> {
  const detail = event?.detail ?? {};
  if (detail.errorCode) return { granted: false, statements: [] };
  const statements = fullPrivilegeStatementLabels(detail.requestParameters?.policyDocument);
  if (statements.length === 0) return { granted: false, statements: [] };

  recordMetric(process.env.METRIC_NAMESPACE ?? 'IamGuardrails');

  const message = messageOf(event, statements);
  await sns.send(new PublishCommand({
    TopicArn: process.env.TOPIC_ARN,
    Subject: message.subject,
    Message: message.body,
  }));
  return { granted: true, statements };
}
