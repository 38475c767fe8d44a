/**
 * The replay's one door to the pattern evaluators and the policy analyzer: everything
 * the engine needs from them goes through the functions here.
 */
import { CloudTrailDelivery, EventBridgePattern, LogPattern } from '../patterns';
import { CompiledFilter, CompiledRulePattern } from './model';
import { compiledOf, requiredEventNames } from '../patterns/log-pattern-internals';
import { grantsFullPrivileges as judgePolicy } from '../policy/private/full-privilege';

/** Compiles a filter pattern; throws an Error saying where and why when it does not parse. */
export function compileFilterPattern(text: string): CompiledFilter {
  const pattern = LogPattern.parse(text);
  const compiled = compiledOf(pattern);
  return {
    eventNames: requiredEventNames(pattern),
    matchesRecord: (record: any) => compiled.matchParsed(record),
  };
}

/** Compiles an event pattern given as an object; throws when it is not a valid pattern. */
export function compileRulePattern(pattern: any): CompiledRulePattern {
  const compiled = EventBridgePattern.fromObject(pattern);
  return {
    matchesEvent: (event: any) => compiled.matchesEvent(event),
    eventNames: requiredEventNamesOf(pattern),
  };
}

/** The EventBridge event CloudTrail delivers for the record. */
export function toEvent(record: any): any {
  return CloudTrailDelivery.toEvent(record);
}

/** Whether a rule in that state receives the record's event. */
export function reachesRule(record: any, state: string): boolean {
  return CloudTrailDelivery.reachesRule(record, state);
}

/** Whether the policy document (as CloudTrail logs it, text or object) grants full privileges. */
export function grantsFullPrivileges(document: unknown): boolean {
  return judgePolicy(document);
}

/**
 * The eventName values an event pattern requires: `detail.eventName` when it is a set of
 * exact strings, or the union over `$or` branches when every branch names them.
 */
function requiredEventNamesOf(pattern: any): string[] | undefined {
  const ofDetail = (detail: any): string[] | undefined => {
    if (detail === null || typeof detail !== 'object') return undefined;
    const direct = exactStrings(detail.eventName);
    if (direct) return direct;
    const branches = detail.$or;
    if (!Array.isArray(branches) || branches.length === 0) return undefined;
    const names: string[] = [];
    for (const branch of branches) {
      const inBranch = ofDetail(branch);
      if (!inBranch) return undefined;
      names.push(...inBranch);
    }
    return names;
  };
  return ofDetail(pattern?.detail);
}

/**
 * The values of an event-pattern field when the field only accepts a fixed set of exact
 * strings; undefined when it accepts anything else (prefix, anything-but, numeric...).
 */
function exactStrings(field: unknown): string[] | undefined {
  if (!Array.isArray(field) || field.length === 0) return undefined;
  if (!field.every((v) => typeof v === 'string')) return undefined;
  return field as string[];
}
