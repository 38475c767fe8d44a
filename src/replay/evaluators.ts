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
    mayMatchRecord: recordPrefilter(pattern),
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

/** A field under `detail` that the pattern requires to be one of a set of exact strings. */
interface RequiredValue {
  readonly path: readonly string[];
  readonly values: ReadonlySet<string>;
}

/**
 * A cheap test on the record that rejects only what the pattern cannot match, so the
 * event need not be built for most records: every `detail` field outside `$or` whose
 * pattern is a list of exact strings must hold one of them. A record whose value there
 * is an array, or anything but a string, is left to the full pattern.
 */
function recordPrefilter(pattern: any): (record: any) => boolean {
  const required: RequiredValue[] = [];
  const collect = (node: any, at: string[]) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$or') continue;
      const strings = exactStrings(value);
      if (strings) required.push({ path: [...at, key], values: new Set(strings) });
      else collect(value, [...at, key]);
    }
  };
  collect(pattern?.detail, []);
  if (required.length === 0) return () => true;
  return (record: any) => {
    for (const { path, values } of required) {
      let value = record;
      for (const key of path) {
        if (Array.isArray(value)) break;
        value = value !== null && typeof value === 'object' ? value[key] : undefined;
      }
      if (value === undefined || value === null) return false;
      if (typeof value === 'string' && !values.has(value)) return false;
    }
    return true;
  };
}
