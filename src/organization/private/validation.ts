import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time input checks shared by the organization constructs.
 *
 * Every message names the construct path, the property, the value and what to do instead.
 * Unresolved tokens are never checked.
 */

const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const NAME_PREFIX = /^[\w+=,.@/-]{1,128}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function fail(scope: IConstruct, prop: string, value: unknown, advice: string): never {
  throw new Error(`${scope.node.path}: ${prop} ${JSON.stringify(value)} ${advice}`);
}

/** Checks organizational unit ids (`ou-...`) and, when `allowRoot`, root ids (`r-...`). */
export function checkTargetIds(
  scope: IConstruct, prop: string, ids: readonly string[], allowRoot: boolean,
): void {
  if (ids.length === 0) {
    fail(scope, prop, ids, 'is empty; give at least one organizational unit id (ou-xxxx-yyyyyyyy)'
      + (allowRoot ? ' or the root id (r-xxxx)' : ''));
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (Token.isUnresolved(id)) continue;
    if (/^ou-x+-y+$/.test(id) || /^r-x+$/.test(id)) {
      fail(scope, prop, id, 'is the placeholder from the documentation; give the real id from '
        + 'aws organizations list-organizational-units-for-parent (or list-roots)');
    }
    const ok = OU_ID.test(id) || (allowRoot && ROOT_ID.test(id));
    if (!ok) {
      fail(scope, prop, id, 'is not an organizational unit id; use the form ou-xxxx-yyyyyyyy '
        + '(4 to 32 lower-case letters or digits, a dash, 8 to 32 more)'
        + (allowRoot ? ', or a root id r-xxxx' : ''));
    }
    if (seen.has(id)) fail(scope, prop, id, 'is listed twice; list each target once');
    seen.add(id);
  }
}

/** Checks a 12-digit AWS account id. */
export function checkAccountId(scope: IConstruct, prop: string, id: string): void {
  if (Token.isUnresolved(id)) return;
  if (!ACCOUNT_ID.test(id)) {
    fail(scope, prop, id, 'is not an AWS account id; give the 12 digits, for example "444455556666"');
  }
}

/** Checks an IAM role name (no path, no ARN). */
export function checkRoleName(scope: IConstruct, prop: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (!ROLE_NAME.test(name)) {
    fail(scope, prop, name, 'is not an IAM role name; give the bare name (1 to 64 letters, digits '
      + 'or + = , . @ _ -), without a path, wildcard or ARN');
  }
}

/** Checks a resource name prefix used in policies (no wildcard: the policy adds it). */
export function checkNamePrefix(scope: IConstruct, prop: string, prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (!NAME_PREFIX.test(prefix)) {
    fail(scope, prop, prefix, 'is not a usable name prefix; give 1 to 128 letters, digits or '
      + '+ = , . @ _ - /, without * or ? (the policy appends the wildcard)');
  }
}

/** Checks a list of Region names. */
export function checkRegions(scope: IConstruct, prop: string, regions: readonly string[]): void {
  if (regions.length === 0) {
    fail(scope, prop, regions, 'is empty; give at least one Region, for example ["us-east-1"]');
  }
  for (const region of regions) {
    if (Token.isUnresolved(region)) continue;
    if (!REGION.test(region)) {
      fail(scope, prop, region, 'is not a Region name; use the form us-east-1');
    }
  }
}

/** Checks that a number lies in a closed range. */
export function checkRange(
  scope: IConstruct, prop: string, value: number | undefined, min: number, max: number,
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(scope, prop, value, `is out of range; give a whole number from ${min} to ${max}`);
  }
}
