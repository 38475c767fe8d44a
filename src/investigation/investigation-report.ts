/**
 * What `cdk-iam-guardrails investigate` prints: the chain, the timeline of the followed
 * identities, and what they created or empowered; readable text or one JSON document.
 * Internal: not exported from the package barrel.
 */
import { actorLabel, ChainLink, PrincipalChain } from './principal-chain';
import { plural } from '../private/plural';

/** One action of a followed identity. */
export interface TimelineEntry {
  readonly time: string;
  readonly source: string;
  readonly actor: string;
  /** The followed identity it was made as. */
  readonly as: string;
  readonly event: string;
  readonly target?: string;
  readonly sourceIPAddress?: string;
  readonly errorCode?: string;
  readonly detections: readonly string[];
}

/** Request parameters that name what a call acted on, most telling first. */
const TARGET_PARAMETERS = [
  'userName', 'roleName', 'groupName', 'policyArn', 'roleArn', 'accessKeyId', 'bucketName',
  'name', 'trailName', 'keyId', 'functionName', 'detectorId', 'alarmNames', 'logGroupName',
  'secretId', 'instanceId', 'instancesSet',
];

/** The timeline entry of a record made by a followed identity. */
export function timelineEntry(record: any, source: string, as: string, detections: readonly string[]): TimelineEntry {
  return {
    time: record.eventTime,
    source,
    actor: actorLabel(record),
    as,
    event: `${String(record.eventSource ?? '').replace('.amazonaws.com', '')}:${record.eventName}`,
    target: target(record),
    sourceIPAddress: record.sourceIPAddress,
    errorCode: record.errorCode,
    detections,
  };
}

function target(record: any): string | undefined {
  const params = record.requestParameters;
  if (params && typeof params === 'object') {
    for (const key of TARGET_PARAMETERS) {
      const value = params[key];
      if (typeof value === 'string') return value;
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
    }
  }
  const arn = Array.isArray(record.resources) ? record.resources[0]?.ARN : undefined;
  return typeof arn === 'string' ? arn : undefined;
}

/** Entries in eventTime order (stable for equal times). */
export function sortTimeline(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => (a.entry.time < b.entry.time ? -1 : a.entry.time > b.entry.time ? 1 : a.i - b.i))
    .map(({ entry }) => entry);
}

export interface ReportFacts {
  readonly files: number;
  readonly records: number;
  readonly templates: readonly string[];
  /** The templates, or the built-in catalog, the detections were read from. */
  readonly detectionsFrom: readonly string[];
  readonly problems: readonly string[];
}

/** The readable report; `absent` lists the principals asked for that made no record. */
export function textReport(chain: PrincipalChain, timeline: TimelineEntry[], facts: ReportFacts,
  absent: readonly string[] = []): string {
  const lines: string[] = [];
  lines.push(`Investigation of ${chain.principals.join(', ')}`);
  lines.push(`${plural(facts.records, 'record')} in ${plural(facts.files, 'file')}, read twice; `
    + `${plural(chain.identities().length, 'identity', 'identities')} followed, `
    + `${plural(timeline.length, 'action')}.`);
  lines.push(...absent.map(absentPrincipalLine));
  const from = facts.templates.length > 0 ? facts.templates.join(', ') : 'the built-in IAM-attack catalog';
  lines.push(`Detections from ${from}.`);
  lines.push('', 'Chain (who handed power to whom)');
  if (chain.links.length === 0) lines.push('  (nothing created or empowered)');
  for (const link of chain.links) {
    const indent = '  '.repeat(chain.depth(link.by) + 1);
    const follows = link.follows ? `  -> following ${readable(link.follows)}` : '';
    lines.push(`${indent}${link.time}  ${link.actor}  ${link.eventName}: ${link.what}${follows}`);
  }
  lines.push('', 'Timeline');
  if (timeline.length === 0) lines.push('  (no actions of the followed identities)');
  for (const e of timeline) {
    const parts = [e.time, e.actor, e.event, e.target ?? '-', e.sourceIPAddress ?? '-'];
    if (e.errorCode) parts.push(`failed: ${e.errorCode}`);
    parts.push(e.detections.length ? `fires ${e.detections.join(', ')}` : '-');
    lines.push(`  ${parts.join('  ')}`);
  }
  const created = summary(chain.links);
  lines.push('', 'Created or empowered');
  if (created.length === 0) lines.push('  (nothing)');
  lines.push(...created.map((line) => `  ${line}`));
  return `${lines.join('\n')}\n`;
}

/** The JSON report, for tools. */
export function jsonReport(chain: PrincipalChain, timeline: TimelineEntry[], facts: ReportFacts): string {
  return `${JSON.stringify({
    principals: chain.principals,
    identities: chain.identities().map(({ identity, since, via }) => ({
      identity, since, via: via ? { time: via.time, eventName: via.eventName, source: via.source } : undefined,
    })),
    chain: chain.links,
    events: timeline,
    created: summaryByKind(chain.links),
    files: facts.files,
    records: facts.records,
    templates: facts.templates,
    detectionsFrom: facts.detectionsFrom,
    problems: facts.problems,
  }, null, 2)}\n`;
}

const KIND_TITLES: Record<string, string> = {
  'access-key': 'access keys',
  'user': 'users',
  'login-profile': 'login profiles',
  'policy': 'policies attached or put',
  'role': 'roles created',
  'trust': 'trust policy changes',
  'session': 'role sessions',
  'group-member': 'group members added',
};

function summaryByKind(links: ChainLink[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const link of links) (out[link.kind] ??= []).push(link.what);
  return out;
}

function summary(links: ChainLink[]): string[] {
  return Object.entries(summaryByKind(links)).map(([kind, whats]) =>
    `${KIND_TITLES[kind] ?? kind}: ${[...new Set(whats)].join('; ')}`);
}

function readable(identity: string): string {
  const [kind, ...rest] = identity.split(':');
  const value = rest.join(':');
  if (kind === 'arn') return value.split(':').slice(5).join(':');
  if (kind === 'key') return `access key ${value}`;
  if (kind === 'user') return `user/${value.split('/').pop()}`;
  if (kind === 'role') return `role/${value.split('/').pop()}`;
  return `session ${value}`;
}

/** The line that says a principal asked for made none of the records. */
export function absentPrincipalLine(principal: string): string {
  return `No record in the input was made by ${principal}.`;
}
