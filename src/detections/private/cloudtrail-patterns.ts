import { EventPattern, Match } from 'aws-cdk-lib/aws-events';
import { FilterPattern, JsonPattern } from 'aws-cdk-lib/aws-logs';

/*
 * Small builders for the catalog's patterns. Filter patterns are built with aws-cdk-lib's
 * FilterPattern so their text is what CDK users already read; the event patterns mirror
 * them field for field.
 */

/** `$.<field> = "<value>"` (a `*` in the value is a wildcard). */
export function equals(field: string, value: string): JsonPattern {
  return FilterPattern.stringValue(`$.${field}`, '=', value);
}

/** `$.<field> != "<value>"`. */
export function differs(field: string, value: string): JsonPattern {
  return FilterPattern.stringValue(`$.${field}`, '!=', value);
}

/** The field equals one of the values. */
export function oneOf(field: string, values: string[]): JsonPattern {
  const comparisons = values.map((value) => equals(field, value));
  return comparisons.length === 1 ? comparisons[0] : FilterPattern.any(...comparisons);
}

/** The call succeeded: CloudTrail writes `errorCode` only for failed calls. */
export const succeeded = (): JsonPattern => FilterPattern.notExists('$.errorCode');

export const all = (...patterns: JsonPattern[]): JsonPattern => FilterPattern.all(...patterns);
export const any = (...patterns: JsonPattern[]): JsonPattern => FilterPattern.any(...patterns);

/** A successful API call of one service, by event name. */
export function successfulCall(service: string, eventNames: string[], ...more: JsonPattern[]): string {
  return all(
    equals('eventSource', `${service}.amazonaws.com`),
    oneOf('eventName', eventNames),
    succeeded(),
    ...more,
  ).logPatternString;
}

/** The EventBridge form of `successfulCall`. */
export function successfulCallEvent(
  service: string,
  eventNames: string[],
  detail: Record<string, unknown> = {},
): EventPattern {
  return {
    source: [`aws.${service}`],
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: [`${service}.amazonaws.com`],
      eventName: eventNames,
      errorCode: Match.doesNotExist(),
      ...detail,
    },
  };
}

// EventBridge names a few services differently from their CloudTrail event source.
const EVENT_SOURCE_NAMES: Record<string, string> = { monitoring: 'cloudwatch' };
const eventSourceOf = (service: string) => `aws.${EVENT_SOURCE_NAMES[service] ?? service}`;

/** A successful call to any of several services, each with its own event names. */
export function successfulCalls(calls: Record<string, string[]>): JsonPattern {
  const perService = Object.entries(calls).map(([service, names]) =>
    all(equals('eventSource', `${service}.amazonaws.com`), oneOf('eventName', names)),
  );
  return all(any(...perService), succeeded());
}

/** The EventBridge form of `successfulCalls`. */
export function successfulCallsEvent(
  calls: Record<string, string[]>,
  ...alternatives: Record<string, unknown>[]
): EventPattern {
  return {
    source: Object.keys(calls).map(eventSourceOf),
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      $or: [
        ...Object.entries(calls).map(([service, names]) => ({
          eventSource: [`${service}.amazonaws.com`],
          eventName: names,
        })),
        ...alternatives,
      ],
      errorCode: Match.doesNotExist(),
    },
  } as EventPattern;
}
