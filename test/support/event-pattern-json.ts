import { Stack } from 'aws-cdk-lib';
import { EventPattern } from 'aws-cdk-lib/aws-events';

const FIELD_NAMES: Record<string, string> = { detailType: 'detail-type' };

/**
 * The JSON EventBridge receives for a CDK `EventPattern`: `events.Match` values resolved,
 * and detail-type spelled as EventBridge spells it.
 */
export function eventPatternJson(pattern: EventPattern): Record<string, unknown> {
  const renamed = Object.fromEntries(
    Object.entries(pattern)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [FIELD_NAMES[key] ?? key, value]),
  );
  return new Stack().resolve(renamed);
}
