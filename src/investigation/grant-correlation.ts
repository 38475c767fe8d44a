/**
 * Granted-then-used correlation, as one pure step: given a store of watched principals and
 * one CloudTrail record, say what changes in the store and which alerts go out. The
 * `GrantedThenUsedMonitor` function runs it on DynamoDB; offline runs and tests run it on
 * `MemoryWatchStore`. Internal: not exported from the package barrel.
 *
 * The model:
 * - A successful grant of full privileges (AdministratorAccess or IAMFullAccess attached,
 *   or an inline policy judged a full-privilege grant by the policy analyzer) to a user,
 *   role or group starts a watch on the grantee for `windowSeconds` from the grant's
 *   eventTime. A new grant to a watched principal starts the window again.
 * - The first successful write call of a watched user (its own IAM user identity) or role
 *   (any session of it) inside the window raises one alert naming the grant; later
 *   writes in the same window stay silent.
 * - A group's members cannot be read from the event. A group grant therefore watches the
 *   group: `AddUserToGroup` into it inside the window raises an alert and starts a watch on
 *   the added user until the group's window ends. Users who were members before the grant
 *   are not watched (limitation: their use is seen only by PrivilegedPrincipalActivity or
 *   the AdminPrivilegesGranted alert itself).
 * - Grants through a new default version of a managed policy are not correlated: the
 *   holders of the policy are not in the event.
 * - The window is measured on the records' eventTime, never on the clock, so offline runs
 *   behave as the function does. A record older than the grant is not a use of it.
 */
import { grantsFullPrivileges } from '../policy/private/full-privilege';

/** A principal being watched after a grant. */
export interface Watch {
  /** `user#<account>#<name>`, `role#<account>#<name>` or `group#<account>#<name>`. */
  readonly principal: string;
  /** When the watch ends, epoch seconds (the DynamoDB TTL attribute). */
  readonly expiresAt: number;
  readonly grant: GrantSummary;
  /** When the alert for the first use went out, if it did. */
  readonly alertedAt?: string;
}

/** The grant that started a watch. */
export interface GrantSummary {
  readonly eventName: string;
  readonly eventTime: string;
  readonly eventId?: string;
  /** The ARN of who made the grant. */
  readonly grantedBy?: string;
  /** The managed policy ARN or the inline policy name. */
  readonly policy?: string;
  /** For a user watched because they were added to a granted group: the group's key. */
  readonly viaGroup?: string;
}

/** Where watches live: DynamoDB in the function, memory offline. */
export interface WatchStore {
  /** The watch on a principal; may return an expired one, as DynamoDB TTL is lazy. */
  get(principal: string): Promise<Watch | undefined>;
  /** Writes (or replaces) a watch. */
  put(watch: Watch): Promise<void>;
  /** Marks the first use; resolves false when another run marked it already. */
  markAlerted(principal: string, alertedAt: string): Promise<boolean>;
}

/** A change the step asks of the store. */
export type WatchChange =
  | { readonly kind: 'watch'; readonly watch: Watch }
  | { readonly kind: 'alerted'; readonly principal: string; readonly alertedAt: string };

/** What a watched principal did. */
export interface GrantedThenUsedAlert {
  /** `FIRST_USE` of a granted user or role, or `MEMBER_ADDED` to a granted group. */
  readonly kind: 'FIRST_USE' | 'MEMBER_ADDED';
  readonly principal: string;
  readonly grant: GrantSummary;
  readonly action: {
    readonly eventName: string;
    readonly eventSource?: string;
    readonly eventTime: string;
    readonly eventId?: string;
    readonly actorArn?: string;
    readonly sourceIPAddress?: string;
    readonly awsRegion?: string;
  };
  /** Seconds from the grant to the action. */
  readonly secondsAfterGrant: number;
}

export interface CorrelationResult {
  readonly changes: WatchChange[];
  readonly alerts: GrantedThenUsedAlert[];
}

export interface CorrelationOptions {
  /** How long a grantee is watched, in seconds. */
  readonly windowSeconds: number;
}

export const DEFAULT_WINDOW_SECONDS = 24 * 3600;

const ATTACH = { AttachUserPolicy: 'user', AttachRolePolicy: 'role', AttachGroupPolicy: 'group' } as const;
const PUT = { PutUserPolicy: 'user', PutRolePolicy: 'role', PutGroupPolicy: 'group' } as const;
const NAME_PARAMETER = { user: 'userName', role: 'roleName', group: 'groupName' } as const;
// The managed policies of the catalog's AdminPrivilegesGranted, in every partition.
const FULL_PRIVILEGE_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;
const READ_ONLY_NAME = /^(Get|List|Describe)/;

/**
 * One correlation step on one record. Reads the store, changes nothing: the caller applies
 * `changes` (see `correlateAndApply`).
 */
export async function correlate(
  store: WatchStore,
  record: any,
  options: CorrelationOptions,
): Promise<CorrelationResult> {
  const read = new Map<string, Watch | undefined>();
  for (const principal of watchesRead(record)) read.set(principal, await store.get(principal));
  return correlateRead((principal) => read.get(principal), record, options);
}

/**
 * The principals whose watches the step on this record reads: the caller's, and the group's
 * for `AddUserToGroup`. Empty for failed calls, reads and records without an eventTime.
 */
export function watchesRead(record: any): string[] {
  if (!isSuccessfulCall(record) || eventSeconds(record) === undefined || !isWrite(record)) return [];
  const read: string[] = [];
  const actor = actorKey(record);
  if (actor) read.push(actor);
  const added = addedToGroup(record);
  if (added) read.push(added.group);
  return read;
}

/**
 * The step itself, synchronous: `lookup` gives the watches `watchesRead(record)` names, as
 * the store holds them (an expired one included). Offline runs call it on an in-memory store.
 */
export function correlateRead(
  lookup: (principal: string) => Watch | undefined,
  record: any,
  options: CorrelationOptions,
): CorrelationResult {
  const result: { changes: WatchChange[]; alerts: GrantedThenUsedAlert[] } = { changes: [], alerts: [] };
  if (!isSuccessfulCall(record)) return result;
  const time = eventSeconds(record);
  if (time === undefined) return result;

  // A use is judged against the watches before this record's own grant, so a principal
  // granting itself is not its own first use.
  if (isWrite(record)) {
    const actor = actorKey(record);
    const watch = actor ? live(lookup(actor), time) : undefined;
    if (watch && !watch.alertedAt) {
      result.alerts.push(alert('FIRST_USE', watch, record, time));
      result.changes.push({ kind: 'alerted', principal: watch.principal, alertedAt: record.eventTime });
    }
    memberAdded(lookup, record, time, result);
  }

  const granted = grantOf(record, time, options);
  if (granted) result.changes.push({ kind: 'watch', watch: granted });
  return result;
}

/**
 * Runs `correlate` and applies its changes; returns the alerts to send. An alert whose
 * first-use mark another run made first is dropped, so concurrent runs alert once.
 */
export async function correlateAndApply(
  store: WatchStore,
  record: any,
  options: CorrelationOptions,
): Promise<GrantedThenUsedAlert[]> {
  const { changes, alerts } = await correlate(store, record, options);
  const dropped = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'watch') {
      await store.put(change.watch);
    } else if (!(await store.markAlerted(change.principal, change.alertedAt))) {
      dropped.add(change.principal);
    }
  }
  return alerts.filter((a) => a.kind !== 'FIRST_USE' || !dropped.has(a.principal));
}

/** The watch key of who made the call: an IAM user, or the role behind a session. */
export function actorKey(record: any): string | undefined {
  const identity = record?.userIdentity;
  if (identity?.type === 'IAMUser' && typeof identity.userName === 'string') {
    return key('user', identity.accountId ?? record.recipientAccountId, identity.userName);
  }
  const issuer = identity?.sessionContext?.sessionIssuer;
  if (identity?.type === 'AssumedRole' && issuer?.type === 'Role' && typeof issuer.userName === 'string') {
    return key('role', issuer.accountId ?? identity.accountId, issuer.userName);
  }
  return undefined;
}

/** Successful calls whose readOnly flag is false, or absent on a non-Get/List/Describe call. */
export function isWrite(record: any): boolean {
  if (record.readOnly === false) return true;
  if (record.readOnly !== undefined) return false;
  return typeof record.eventName === 'string' && !READ_ONLY_NAME.test(record.eventName);
}

function isSuccessfulCall(record: any): boolean {
  return record !== null && typeof record === 'object' && typeof record.eventName === 'string'
    && record.errorCode === undefined && typeof record.eventTime === 'string';
}

function eventSeconds(record: any): number | undefined {
  const ms = Date.parse(record.eventTime);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function key(kind: 'user' | 'role' | 'group', account: unknown, name: string): string {
  return `${kind}#${typeof account === 'string' ? account : 'unknown'}#${name}`;
}

function live(watch: Watch | undefined, time: number): Watch | undefined {
  if (!watch || time > watch.expiresAt) return undefined;
  return time >= Date.parse(watch.grant.eventTime) / 1000 ? watch : undefined;
}

/** The group and user keys of a successful `AddUserToGroup`. */
function addedToGroup(record: any): { group: string; user: string } | undefined {
  if (record.eventSource !== 'iam.amazonaws.com' || record.eventName !== 'AddUserToGroup') return undefined;
  const params = record.requestParameters ?? {};
  if (typeof params.groupName !== 'string' || typeof params.userName !== 'string') return undefined;
  return {
    group: key('group', record.recipientAccountId, params.groupName),
    user: key('user', record.recipientAccountId, params.userName),
  };
}

function memberAdded(lookup: (principal: string) => Watch | undefined, record: any, time: number,
  result: { changes: WatchChange[]; alerts: GrantedThenUsedAlert[] }): void {
  const added = addedToGroup(record);
  const group = added ? live(lookup(added.group), time) : undefined;
  if (!added || !group) return;
  result.alerts.push(alert('MEMBER_ADDED', group, record, time));
  result.changes.push({
    kind: 'watch',
    watch: {
      principal: added.user,
      expiresAt: group.expiresAt,
      grant: { ...group.grant, viaGroup: group.principal },
    },
  });
}

function grantOf(record: any, time: number, options: CorrelationOptions): Watch | undefined {
  if (record.eventSource !== 'iam.amazonaws.com') return undefined;
  const params = record.requestParameters ?? {};
  const name: string = record.eventName;
  let kind: 'user' | 'role' | 'group' | undefined;
  let policy: string | undefined;
  if (name in ATTACH && FULL_PRIVILEGE_ARN.test(String(params.policyArn))) {
    kind = ATTACH[name as keyof typeof ATTACH];
    policy = params.policyArn;
  } else if (name in PUT && grantsFullPrivileges(params.policyDocument)) {
    kind = PUT[name as keyof typeof PUT];
    policy = params.policyName;
  }
  const grantee = kind ? params[NAME_PARAMETER[kind]] : undefined;
  if (!kind || typeof grantee !== 'string') return undefined;
  return {
    principal: key(kind, record.recipientAccountId, grantee),
    expiresAt: time + options.windowSeconds,
    grant: {
      eventName: name,
      eventTime: record.eventTime,
      eventId: record.eventID,
      grantedBy: record.userIdentity?.arn,
      policy,
    },
  };
}

function alert(kind: GrantedThenUsedAlert['kind'], watch: Watch, record: any, time: number): GrantedThenUsedAlert {
  return {
    kind,
    principal: watch.principal,
    grant: watch.grant,
    action: {
      eventName: record.eventName,
      eventSource: record.eventSource,
      eventTime: record.eventTime,
      eventId: record.eventID,
      actorArn: record.userIdentity?.arn,
      sourceIPAddress: record.sourceIPAddress,
      awsRegion: record.awsRegion,
    },
    secondsAfterGrant: time - Math.floor(Date.parse(watch.grant.eventTime) / 1000),
  };
}

/** The alert as one readable message (the SNS message body). */
export function alertMessage(a: GrantedThenUsedAlert): string {
  const what = a.kind === 'FIRST_USE'
    ? `${a.principal} made its first write call since it was granted full privileges`
    : `a user was added to ${a.principal}, which was granted full privileges`;
  const via = a.grant.viaGroup ? ` (through membership of ${a.grant.viaGroup})` : '';
  return [
    `GrantedThenUsed: ${what}${via}.`,
    `Action: ${a.action.eventSource ?? ''} ${a.action.eventName} at ${a.action.eventTime} by ` +
      `${a.action.actorArn ?? 'unknown'} from ${a.action.sourceIPAddress ?? 'unknown'} ` +
      `(${a.action.awsRegion ?? 'unknown Region'}), ${a.secondsAfterGrant} s after the grant.`,
    `Grant: ${grantText(a.grant)}.`,
  ].join('\n');
}

/** The alert on one line: who, what and the grant (as replay lists it). */
export function alertSummary(a: GrantedThenUsedAlert): string {
  const what = a.kind === 'FIRST_USE' ? 'first write' : 'user added';
  return `${a.principal} ${what} ${a.secondsAfterGrant} s after ${grantText(a.grant)}`;
}

function grantText(grant: GrantSummary): string {
  return `${grant.eventName} of ${grant.policy ?? 'a policy'} at ${grant.eventTime} by `
    + `${grant.grantedBy ?? 'unknown'} (event ${grant.eventId ?? 'unknown'})`;
}
