/**
 * Following a principal through CloudTrail: who it is in a record, what it created or
 * empowered, and who it handed power to, transitively. Used by `cdk-iam-guardrails
 * investigate`. Internal: not exported from the package barrel.
 *
 * The chain is built from the records that can hand power on ("links": IAM writes and
 * `AssumeRole*` calls), in eventTime order, starting from the principal asked for:
 * - `CreateAccessKey` follows the new key (only that key, not the user's other keys);
 * - `CreateUser`, `CreateLoginProfile`, `UpdateLoginProfile`, `AddUserToGroup` follow the user;
 * - `CreateRole` follows the role's sessions and, like `UpdateAssumeRolePolicy`, records
 *   whom its trust policy lets in;
 * - policies attached or put on a user or role follow it from then on; on a group, the
 *   grant is listed (members cannot be read from the event);
 * - `UpdateAssumeRolePolicy` records whom the new trust policy lets in; a later
 *   `AssumeRole` into that role by one of them follows the session;
 * - `AssumeRole*` by a followed identity follows the session (its ARN and access key).
 * An identity is followed from the time of the record that handed it power on; the
 * principal asked for, from the beginning.
 */

/** How one record hands power on. */
export interface ChainLink {
  readonly time: string;
  readonly source: string;
  readonly eventName: string;
  /** Who made the call (a readable label). */
  readonly actor: string;
  /** The followed identity the call was made as. */
  readonly by: string;
  /** `access-key`, `user`, `login-profile`, `policy`, `role`, `trust`, `session`, `group-member`. */
  readonly kind: string;
  /** What was created or empowered, readable. */
  readonly what: string;
  /** The identity followed because of it, if any. */
  readonly follows?: string;
}

interface Followed {
  readonly since: number;
  readonly depth: number;
  readonly via?: ChainLink;
}

interface Trust {
  readonly since: number;
  readonly account: string;
  readonly roleName: string;
  readonly allowed: string[];
  readonly by: string;
}

const LINK_EVENTS = new Set([
  'CreateAccessKey', 'CreateUser', 'CreateLoginProfile', 'UpdateLoginProfile',
  'AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy',
  'PutUserPolicy', 'PutRolePolicy', 'PutGroupPolicy', 'UpdateAssumeRolePolicy', 'AddUserToGroup', 'CreateRole',
]);
const ACCESS_KEY = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;

/** Whether a record can be a link of some chain (kept by the first pass). */
export function isLinkCandidate(record: any): boolean {
  if (record.errorCode !== undefined || typeof record.eventName !== 'string') return false;
  if (record.eventSource === 'iam.amazonaws.com') return LINK_EVENTS.has(record.eventName);
  return record.eventSource === 'sts.amazonaws.com' && record.eventName.startsWith('AssumeRole');
}

/** The identity key of what the user asked to follow: an ARN, an access key or a session name. */
export function principalKey(principal: string): string {
  if (principal.startsWith('arn:')) return `arn:${principal}`;
  if (ACCESS_KEY.test(principal)) return `key:${principal}`;
  return `session:${principal}`;
}

/** Every identity key a record's caller answers to. */
export function actorKeys(record: any): string[] {
  const id = record.userIdentity ?? {};
  const keys: string[] = [];
  if (typeof id.arn === 'string') keys.push(`arn:${id.arn}`);
  if (typeof id.accessKeyId === 'string') keys.push(`key:${id.accessKeyId}`);
  const account = id.accountId ?? record.recipientAccountId;
  if (id.type === 'IAMUser' && typeof id.userName === 'string') keys.push(`user:${account}/${id.userName}`);
  const issuer = id.sessionContext?.sessionIssuer;
  if (id.type === 'AssumedRole' && issuer?.type === 'Role') {
    if (typeof issuer.arn === 'string') keys.push(`arn:${issuer.arn}`);
    if (typeof issuer.userName === 'string') keys.push(`role:${issuer.accountId ?? account}/${issuer.userName}`);
    if (typeof id.arn === 'string') keys.push(`session:${id.arn.split('/').pop()}`);
  }
  return keys;
}

/** A readable name of the caller: the resource part of its ARN, or its type and account. */
export function actorLabel(record: any): string {
  const id = record.userIdentity ?? {};
  let label: string;
  if (typeof id.arn === 'string') label = id.arn.split(':').slice(5).join(':');
  else if (id.type === 'AWSAccount') label = `account ${id.accountId ?? 'unknown'}`;
  else label = `${id.type ?? 'unknown'}${id.accountId ? ` ${id.accountId}` : ''}`;
  return id.type === 'IAMUser' && typeof id.accessKeyId === 'string' ? `${label} (key ${id.accessKeyId})` : label;
}

function seconds(record: any): number {
  const ms = Date.parse(record.eventTime);
  return Number.isNaN(ms) ? NaN : ms / 1000;
}

/**
 * The identities followed from a principal, built from link candidates. Feed it the
 * candidates in any order; `resolve` sorts them by eventTime and follows the chain.
 */
export class PrincipalChain {
  public readonly links: ChainLink[] = [];
  private readonly followed = new Map<string, Followed>();
  private readonly trusts: Trust[] = [];
  private readonly linkSources = new Map<string, string>();
  private readonly candidates: Array<{ record: any; source: string; order: number }> = [];

  constructor(public readonly principals: string[]) {
    for (const p of principals) this.followed.set(principalKey(p), { since: -Infinity, depth: 0 });
  }

  /** Keeps a record for `resolve` when it can be a link. */
  public offer(record: any, source: string): void {
    if (isLinkCandidate(record)) this.candidates.push({ record, source, order: this.candidates.length });
  }

  /** Follows the chain through the candidates, in eventTime order, then drops them. */
  public resolve(): void {
    this.candidates.sort((a, b) => (seconds(a.record) - seconds(b.record)) || (a.order - b.order));
    for (const { record, source } of this.candidates) this.step(record, source);
    this.candidates.length = 0;
  }

  /** The followed identity a record was made as, if its time is within the following. */
  public followedActor(record: any): string | undefined {
    const time = seconds(record);
    for (const key of actorKeys(record)) {
      const f = this.followed.get(key);
      if (f && (f.since === -Infinity || f.since <= time)) return key;
    }
    return undefined;
  }

  /**
   * The followed identity behind a link made by someone not followed (an `AssumeRole`
   * allowed by a trust policy change), by the record's source label.
   */
  public linkedBy(source: string): string | undefined {
    return this.linkSources.get(source);
  }

  /** Depth of a followed identity in the chain (0 for the principals asked for). */
  public depth(key: string): number {
    return this.followed.get(key)?.depth ?? 0;
  }

  /** Every followed identity with the time it was followed from and the link that led to it. */
  public identities(): Array<{ identity: string; since?: string; via?: ChainLink }> {
    return [...this.followed.entries()].map(([identity, f]) => ({
      identity,
      since: f.via?.time,
      via: f.via,
    }));
  }

  private step(record: any, source: string): void {
    const time = seconds(record);
    const by = this.followedActor(record);
    if (record.eventSource === 'sts.amazonaws.com') {
      this.assumeRole(record, source, time, by);
      return;
    }
    if (!by) return;
    const params = record.requestParameters ?? {};
    const account = record.recipientAccountId ?? record.userIdentity?.accountId;
    const link = (kind: string, what: string, follows?: string) =>
      this.link(record, source, by, time, kind, what, follows);
    switch (record.eventName) {
      case 'CreateAccessKey': {
        const key = record.responseElements?.accessKey?.accessKeyId;
        const user = params.userName ?? record.userIdentity?.userName;
        link('access-key', `access key ${key ?? '(not logged)'} for user/${user}`, key ? `key:${key}` : undefined);
        break;
      }
      case 'CreateUser':
        link('user', `user/${params.userName}`, `user:${account}/${params.userName}`);
        break;
      case 'CreateLoginProfile':
      case 'UpdateLoginProfile':
        link('login-profile', `console password of user/${params.userName}`, `user:${account}/${params.userName}`);
        break;
      case 'AddUserToGroup':
        link('group-member', `user/${params.userName} added to group/${params.groupName}`,
          `user:${account}/${params.userName}`);
        break;
      case 'CreateRole':
      case 'UpdateAssumeRolePolicy': {
        const created = record.eventName === 'CreateRole';
        const allowed = trustedPrincipals(created ? params.assumeRolePolicyDocument : params.policyDocument);
        this.trusts.push({ since: time, account, roleName: params.roleName, allowed, by });
        const trusts = allowed.join(', ') || 'services only';
        if (created) link('role', `role/${params.roleName} created, trusting ${trusts}`, `role:${account}/${params.roleName}`);
        else link('trust', `role/${params.roleName} now trusts ${trusts}`);
        break;
      }
      default:
        this.policy(params, account, link);
    }
  }

  private policy(params: any, account: string,
    link: (kind: string, what: string, follows?: string) => void): void {
    const policy = params.policyArn ? String(params.policyArn).split('/').pop() : `inline ${params.policyName}`;
    if (params.userName) link('policy', `${policy} on user/${params.userName}`, `user:${account}/${params.userName}`);
    else if (params.roleName) link('policy', `${policy} on role/${params.roleName}`, `role:${account}/${params.roleName}`);
    else if (params.groupName) link('policy', `${policy} on group/${params.groupName} (members not followed)`);
  }

  private assumeRole(record: any, source: string, time: number, by: string | undefined): void {
    const session = record.responseElements?.assumedRoleUser?.arn;
    const key = record.responseElements?.credentials?.accessKeyId;
    const roleArn: string = record.requestParameters?.roleArn ?? '';
    let actor = by;
    if (!actor) {
      const trust = this.trusts.find((t) => t.since <= time && roleMatches(roleArn, t) && callerAllowed(record, t.allowed));
      if (!trust) return;
      actor = trust.by;
    }
    const follows = session ? `arn:${session}` : key ? `key:${key}` : undefined;
    this.link(record, source, actor, time, 'session',
      `session ${session ? session.split(':').slice(5).join(':') : roleArn}${key ? ` (key ${key})` : ''}`, follows);
    if (session && key) this.follow(`key:${key}`, time, this.links[this.links.length - 1]);
  }

  private link(record: any, source: string, by: string, time: number, kind: string, what: string,
    follows?: string): void {
    const link: ChainLink = {
      time: record.eventTime,
      source,
      eventName: record.eventName,
      actor: actorLabel(record),
      by,
      kind,
      what,
      follows,
    };
    this.links.push(link);
    this.linkSources.set(source, by);
    if (follows) this.follow(follows, time, link);
  }

  private follow(key: string, time: number, via: ChainLink): void {
    if (this.followed.has(key)) return;
    this.followed.set(key, { since: time, depth: this.depth(via.by) + 1, via });
  }
}

/** The AWS principals a trust policy lets assume the role (`*`, account ids, ARNs). */
export function trustedPrincipals(document: unknown): string[] {
  let doc: any = document;
  try {
    if (typeof doc === 'string') doc = JSON.parse(doc.includes('%7B') || doc.startsWith('%') ? decodeURIComponent(doc) : doc);
  } catch {
    return [];
  }
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
  const out: string[] = [];
  for (const s of statements) {
    if (s?.Effect !== 'Allow') continue;
    const aws = s.Principal === '*' ? ['*'] : s.Principal?.AWS;
    for (const p of Array.isArray(aws) ? aws : aws ? [aws] : []) if (typeof p === 'string') out.push(p);
  }
  return out;
}

function roleMatches(roleArn: string, trust: Trust): boolean {
  const parts = roleArn.split(':');
  return parts[4] === trust.account && roleArn.endsWith(`/${trust.roleName}`);
}

function callerAllowed(record: any, allowed: string[]): boolean {
  const id = record.userIdentity ?? {};
  return allowed.some((p) => {
    if (p === '*') return true;
    const account = /^\d{12}$/.test(p) ? p : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1];
    if (account) return id.accountId === account;
    return p === id.arn || p === id.sessionContext?.sessionIssuer?.arn;
  });
}
