/**
 * Judgements on single policy statements, shared by the full-privilege analyzer and the
 * cdk-nag rules. Internal: not exported from the package barrel.
 *
 * Action names match the way IAM matches them: case-insensitive, `*` for any run of
 * characters and `?` for one. A value the analyzer cannot read (an intrinsic function)
 * never counts as `*`.
 */
import { PolicyStatement, PolicyValue, UNRESOLVED } from './policy-document';

const patternCache = new Map<string, RegExp>();

function wildcardRegex(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${body}$`, 'i');
    patternCache.set(pattern, regex);
  }
  return regex;
}

/** Whether an action pattern such as `iam:Put*` covers the action `iam:PutUserPolicy`. */
export function actionPatternCovers(pattern: PolicyValue, action: string): boolean {
  if (pattern === UNRESOLVED) return false;
  return wildcardRegex(pattern.trim()).test(action);
}

/** Whether an action pattern covers every action of every service (`*`, `*:*`). */
export function isAllActionsPattern(pattern: PolicyValue): boolean {
  if (pattern === UNRESOLVED) return false;
  const text = pattern.trim();
  return /^\*+$/.test(text) || /^\*+:\*+$/.test(text);
}

/** Whether a pattern covers every action of `service` (`iam:*`, `*`, `i*:*`). */
export function coversWholeService(pattern: PolicyValue, service: string): boolean {
  if (pattern === UNRESOLVED) return false;
  const text = pattern.trim();
  if (isAllActionsPattern(text)) return true;
  const colon = text.indexOf(':');
  if (colon < 0) return false;
  const servicePart = text.slice(0, colon);
  const actionPart = text.slice(colon + 1);
  return /^\*+$/.test(actionPart) && wildcardRegex(servicePart).test(service);
}

/**
 * Whether a resource value covers every resource: `*`, or an ARN whose every part after
 * `arn:` is `*` (the partition may be written out, as in `arn:aws:*:*:*:*`).
 */
export function isAllResourcesPattern(resource: PolicyValue): boolean {
  if (resource === UNRESOLVED) return false;
  const text = resource.trim();
  if (/^\*+$/.test(text)) return true;
  const parts = text.split(':');
  if (parts.length < 3 || parts[0] !== 'arn') return false;
  return parts.slice(2).every((p) => /^\*+$/.test(p)) && /^[a-z*-]+$/.test(parts[1]);
}

export function isAllow(statement: PolicyStatement): boolean {
  return statement.effect === 'Allow';
}

/** Allow statement whose `Resource` covers every resource. */
export function allowsOnAllResources(statement: PolicyStatement): boolean {
  return isAllow(statement)
    && statement.notResources === undefined
    && (statement.resources ?? []).some(isAllResourcesPattern);
}

/** Allow statement whose `Action` covers every action (NotAction is judged apart). */
export function allowsAllActions(statement: PolicyStatement): boolean {
  return isAllow(statement)
    && statement.notActions === undefined
    && (statement.actions ?? []).some(isAllActionsPattern);
}

/** Allow statement allowing every action on every resource, with or without a condition. */
export function allowsEverythingOnEverything(statement: PolicyStatement): boolean {
  return allowsAllActions(statement) && allowsOnAllResources(statement);
}

/**
 * The full-privilege judgement for one statement: an Allow of every action on every
 * resource with no condition. A `NotAction` counts only when it excludes nothing (an
 * empty list); a `NotResource` likewise.
 */
export function grantsEverythingUnconditionally(statement: PolicyStatement): boolean {
  if (!isAllow(statement) || statement.condition !== undefined) return false;
  const everyAction = statement.notActions !== undefined
    ? statement.actions === undefined && statement.notActions.length === 0
    : (statement.actions ?? []).some(isAllActionsPattern);
  const everyResource = statement.notResources !== undefined
    ? statement.resources === undefined && statement.notResources.length === 0
    : (statement.resources ?? []).some(isAllResourcesPattern);
  return everyAction && everyResource;
}

/** A Deny of every action on every resource with no condition (a quarantine). */
export function deniesEverythingUnconditionally(statement: PolicyStatement): boolean {
  return statement.effect === 'Deny'
    && statement.condition === undefined
    && statement.notActions === undefined
    && statement.notResources === undefined
    && (statement.actions ?? []).some(isAllActionsPattern)
    && (statement.resources ?? []).some(isAllResourcesPattern);
}

/** Services among `services` whose every action the Allow statement grants on `*`. */
export function servicesFullyAllowed(
  statement: PolicyStatement,
  services: readonly string[],
): string[] {
  if (!allowsOnAllResources(statement) || statement.notActions !== undefined) return [];
  const actions = statement.actions ?? [];
  return services.filter((service) => actions.some((a) => coversWholeService(a, service)));
}

/** Actions among `actions` that the Allow statement grants on every resource. */
export function actionsAllowedOnAllResources(
  statement: PolicyStatement,
  actions: readonly string[],
): string[] {
  if (!allowsOnAllResources(statement) || statement.notActions !== undefined) return [];
  const patterns = statement.actions ?? [];
  return actions.filter((action) => patterns.some((p) => actionPatternCovers(p, action)));
}
