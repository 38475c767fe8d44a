// A small IAM policy evaluator for the account tests: enough of IAM's logic to judge the
// documents MfaEnforcement writes (Action/NotAction, Resource/NotResource, Bool,
// BoolIfExists and the String operators, policy variables, explicit deny wins).

export interface RequestContext {
  /** `aws:MultiFactorAuthPresent`; undefined when the key is absent (long-term access keys). */
  readonly mfa?: boolean;
  /** `aws:username` of the IAM user making the request. */
  readonly username: string;
}

export type Decision = 'allowed' | 'explicitly denied' | 'implicitly denied';

const PSEUDO: { [name: string]: string } = {
  'AWS::Partition': 'aws',
  'AWS::AccountId': '111122223333',
  'AWS::Region': 'us-east-1',
};

/** Resolves the few intrinsics a synthesized IAM policy holds (Ref to pseudo parameters, Fn::Join). */
export function resolveIntrinsics(value: any): any {
  if (Array.isArray(value)) return value.map(resolveIntrinsics);
  if (value && typeof value === 'object') {
    if ('Ref' in value) {
      const resolved = PSEUDO[value.Ref];
      if (resolved === undefined) throw new Error(`cannot resolve Ref ${value.Ref}`);
      return resolved;
    }
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'];
      return resolveIntrinsics(parts).join(separator);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIntrinsics(v)]));
  }
  return value;
}

function list(value: unknown): string[] {
  return value === undefined ? [] : ([] as string[]).concat(value as string | string[]);
}

function substitute(text: string, context: RequestContext): string {
  return text.replace(/\$\{aws:username\}/g, context.username);
}

function wildcard(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

function conditionKey(key: string, context: RequestContext): string | undefined {
  switch (key) {
    case 'aws:MultiFactorAuthPresent':
      return context.mfa === undefined ? undefined : String(context.mfa);
    case 'aws:username':
      return context.username;
    default:
      throw new Error(`the evaluator does not know condition key ${key}`);
  }
}

function conditionHolds(operator: string, key: string, expected: string[], context: RequestContext): boolean {
  const actual = conditionKey(key, context);
  const values = expected.map((v) => substitute(String(v), context));
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (actual === undefined) {
    // Negated operators match a missing key; the others match it only with IfExists.
    return ifExists || base.startsWith('StringNot');
  }
  switch (base) {
    case 'Bool':
      return values.includes(actual);
    case 'StringEquals':
      return values.includes(actual);
    case 'StringNotEquals':
      return !values.includes(actual);
    case 'StringLike':
      return values.some((v) => wildcard(v, actual));
    case 'StringNotLike':
      return !values.some((v) => wildcard(v, actual));
    default:
      throw new Error(`the evaluator does not know condition operator ${operator}`);
  }
}

function statementApplies(statement: any, action: string, resource: string, context: RequestContext): boolean {
  const actionMatches = (patterns: string[]) => patterns.some((p) => wildcard(p, action, true));
  if (statement.Action !== undefined && !actionMatches(list(statement.Action))) return false;
  if (statement.NotAction !== undefined && actionMatches(list(statement.NotAction))) return false;

  const resourceMatches = (patterns: string[]) =>
    patterns.some((p) => wildcard(substitute(p, context), resource));
  if (statement.Resource !== undefined && !resourceMatches(list(statement.Resource))) return false;
  if (statement.NotResource !== undefined && resourceMatches(list(statement.NotResource))) return false;

  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(keys as object)) {
      if (!conditionHolds(operator, key, list(expected), context)) return false;
    }
  }
  return true;
}

/** IAM's decision for one request against identity policies: explicit deny wins, then allow. */
export function evaluate(
  documents: any[],
  action: string,
  resource: string,
  context: RequestContext,
): Decision {
  const statements = documents.flatMap((document) => list(resolveIntrinsics(document).Statement) as any[]);
  const applying = statements.filter((s) => statementApplies(s, action, resource, context));
  if (applying.some((s) => s.Effect === 'Deny')) return 'explicitly denied';
  if (applying.some((s) => s.Effect === 'Allow')) return 'allowed';
  return 'implicitly denied';
}
