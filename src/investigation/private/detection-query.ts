/**
 * The Logs Insights query of one detection: who, what, where and when of each matching
 * record, filtered like the detection. Shared by `InvestigationQueries` and
 * `InvestigationLink`. Internal: not exported from the package barrel.
 */
import * as logs from 'aws-cdk-lib/aws-logs';
import { insightsFilter } from './insights-filter';
import { Detection } from '../../detections/detection';

/** Who, what, where and when of a CloudTrail record, in the order a responder reads them. */
export const FIELDS = [
  'eventTime', 'userIdentity.type', 'userIdentity.arn', 'userIdentity.accessKeyId',
  'eventSource', 'eventName', 'errorCode', 'sourceIPAddress', 'awsRegion', 'userAgent',
  'recipientAccountId', '@message',
];

export interface DetectionQuery {
  readonly query: logs.QueryString;
  readonly text: string;
  /** Why the pattern was not translated, when the query filters on event names only. */
  readonly fallback?: string;
}

export function detectionQuery(detection: Detection): DetectionQuery {
  const filter = insightsFilter(detection.filterPattern);
  const query = new logs.QueryString({
    fields: FIELDS,
    filterStatements: filter.condition ? [filter.condition] : undefined,
    sort: 'eventTime desc',
    limit: 1000,
  });
  return { query, text: query.toString(), fallback: filter.fallback };
}
