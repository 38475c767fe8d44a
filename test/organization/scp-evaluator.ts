/**
 * A small evaluator for the deny statements of a service control policy, enough to table
 * test the protection policy: action and resource globs (`*`, `?`, case-insensitive actions)
 * and the `ArnNotLike` / `ArnLike` condition on `aws:PrincipalArn`.
 */

export interface ScpRequest {
  readonly action: string;
  readonly resource: string;
  readonly principalArn: string;
}

function glob(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value : [value as string];
}

function conditionHolds(condition: any, request: ScpRequest): boolean {
  if (!condition) return true;
  for (const [operator, keys] of Object.entries<any>(condition)) {
    for (const [key, patterns] of Object.entries<any>(keys)) {
      if (key !== 'aws:PrincipalArn') throw new Error(`unsupported condition key ${key}`);
      const like = list(patterns).some((p) => glob(p, request.principalArn, false));
      if (operator === 'ArnNotLike' && like) return false;
      if (operator === 'ArnLike' && !like) return false;
      if (operator !== 'ArnNotLike' && operator !== 'ArnLike') {
        throw new Error(`unsupported condition operator ${operator}`);
      }
    }
  }
  return true;
}

/** True when a Deny statement of the document matches the request. */
export function isDenied(document: any, request: ScpRequest): boolean {
  return list(document.Statement).some((statement: any) =>
    statement.Effect === 'Deny'
    && list(statement.Action).some((a) => glob(a, request.action, true))
    && list(statement.Resource).some((r) => glob(r, request.resource, false))
    && conditionHolds(statement.Condition, request));
}

/** Replaces `Fn::Join` and `Ref: AWS::Partition` in a rendered template value. */
export function resolvePartition(value: any, partition = 'aws'): any {
  if (Array.isArray(value)) return value.map((v) => resolvePartition(v, partition));
  if (value && typeof value === 'object') {
    if (value.Ref === 'AWS::Partition') return partition;
    if (value['Fn::Join']) {
      const [sep, parts] = value['Fn::Join'];
      return parts.map((p: any) => resolvePartition(p, partition)).join(sep);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolvePartition(v, partition)]));
  }
  return value;
}
