import { CompiledLogPattern } from './compiled-log-pattern';
import { requiredValues } from './json-filter';
import { LogPattern } from './log-pattern';
import { COMPILED } from './log-pattern-registry';

/**
 * Fast entry points for replay (internal: not exported from the package barrel).
 *
 * - `matchParsedRecord(pattern, record, text?)` tests a CloudTrail record that is
 *   already parsed, without serializing it again for JSON patterns; pass the raw
 *   line as `text` when you have it, so term patterns need not serialize either.
 * - `requiredFieldValues(pattern, 'eventName')` returns the values a JSON pattern
 *   requires of a top-level field, so records can be routed to the few patterns
 *   that can match them; undefined means the pattern must see every record.
 *   `requiredEventNames` and `requiredEventSources` are the two common cases.
 */

export function compiledOf(pattern: LogPattern): CompiledLogPattern {
  return COMPILED.get(pattern)!;
}

export function matchParsedRecord(pattern: LogPattern, record: any, text?: string): boolean {
  return COMPILED.get(pattern)!.matchParsed(record, text);
}

export function requiredFieldValues(pattern: LogPattern, field: string): string[] | undefined {
  const json = COMPILED.get(pattern)!.json;
  return json ? requiredValues(json, field) : undefined;
}

export function requiredEventNames(pattern: LogPattern): string[] | undefined {
  return requiredFieldValues(pattern, 'eventName');
}

export function requiredEventSources(pattern: LogPattern): string[] | undefined {
  return requiredFieldValues(pattern, 'eventSource');
}
