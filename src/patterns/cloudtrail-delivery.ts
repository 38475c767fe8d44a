/**
 * How CloudTrail records reach Amazon EventBridge: the event EventBridge builds
 * from a record, and which rule states receive it.
 *
 * Decisions (documented in the EventBridge user guide unless noted):
 * - `source` is `aws.` followed by the first label of `eventSource`
 *   (`iam.amazonaws.com` gives `aws.iam`). CloudWatch's `monitoring.amazonaws.com`
 *   is published as `aws.cloudwatch`.
 * - `detail-type` follows `eventType`, compared without regard to case (CloudTrail
 *   has written `AwsConsoleSignin` as well as `AwsConsoleSignIn`); an unknown
 *   type is treated as an API call.
 * - Rule state `DISABLED` receives nothing; `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`
 *   receives every record; `ENABLED` receives every record except read-only
 *   management events. Read-only is the record's `readOnly` flag when it has one,
 *   otherwise an event name starting with Get, List, Describe or Head. AWS documents
 *   `sts:GetFederationToken` and `sts:GetSessionToken` as change events despite
 *   their names; they reach `ENABLED` rules.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event.html
 */
export class CloudTrailDelivery {
  /**
   * The EventBridge event CloudTrail delivers for a record: version, id,
   * detail-type, source, account, time, region, resources and detail.
   *
   * @param record one CloudTrail record, parsed.
   */
  public static toEvent(record: any): any {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new Error(`CloudTrailDelivery.toEvent: expected a CloudTrail record object, got ${typeof record}`);
    }
    return {
      'version': '0',
      'id': typeof record.eventID === 'string' ? record.eventID : '00000000-0000-0000-0000-000000000000',
      'detail-type': detailType(record.eventType),
      'source': sourceOf(record.eventSource),
      'account': record.recipientAccountId ?? record.userIdentity?.accountId ?? '',
      'time': record.eventTime ?? '',
      'region': record.awsRegion ?? '',
      'resources': [],
      'detail': record,
    };
  }

  /**
   * Whether an EventBridge rule in the given state receives the record.
   *
   * @param record one CloudTrail record, parsed.
   * @param ruleState `ENABLED`, `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` or `DISABLED`.
   */
  public static reachesRule(record: any, ruleState: string): boolean {
    switch (ruleState) {
      case 'DISABLED': return false;
      case 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS': return true;
      case 'ENABLED': return !isReadOnly(record);
      default:
        throw new Error(`CloudTrailDelivery.reachesRule: unknown rule state '${ruleState}'; `
          + 'use ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS or DISABLED');
    }
  }

  /**
   * Whether EventBridge treats the record as a read-only management event.
   *
   * @param record one CloudTrail record, parsed.
   */
  public static isReadOnly(record: any): boolean {
    return isReadOnly(record);
  }

  private constructor() {}
}

const DETAIL_TYPES: Record<string, string> = {
  awsapicall: 'AWS API Call via CloudTrail',
  awsconsolesignin: 'AWS Console Sign In via CloudTrail',
  awsserviceevent: 'AWS Service Event via CloudTrail',
  awsconsoleaction: 'AWS Console Action via CloudTrail',
  awscloudtrailinsight: 'AWS Insight via CloudTrail',
};

function detailType(eventType: unknown): string {
  const key = typeof eventType === 'string' ? eventType.toLowerCase() : '';
  return DETAIL_TYPES[key] ?? DETAIL_TYPES.awsapicall;
}

/** Services whose EventBridge source differs from their endpoint's first label. */
const SOURCE_EXCEPTIONS: Record<string, string> = {
  monitoring: 'cloudwatch',
};

function sourceOf(eventSource: unknown): string {
  if (typeof eventSource !== 'string' || eventSource.length === 0) return 'aws.unknown';
  const label = eventSource.split('.')[0];
  return `aws.${SOURCE_EXCEPTIONS[label] ?? label}`;
}

/** Change events whose names read as read-only. */
const CHANGE_EVENTS = new Set([
  'sts.amazonaws.com:GetFederationToken',
  'sts.amazonaws.com:GetSessionToken',
]);

function isReadOnly(record: any): boolean {
  const name = typeof record?.eventName === 'string' ? record.eventName : '';
  if (CHANGE_EVENTS.has(`${record?.eventSource}:${name}`)) return false;
  if (typeof record?.readOnly === 'boolean') return record.readOnly;
  return /^(Get|List|Describe|Head)/.test(name);
}
