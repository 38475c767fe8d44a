/**
 * Reads an IAM policy document into a normalised list of statements.
 *
 * Internal: not exported from the package barrel. Accepts what CloudTrail logs
 * (a JSON string, pretty or minified, possibly URL-encoded) and what a template holds
 * (an object whose values may be intrinsic functions). A value that is not a string
 * (an intrinsic function such as `Fn::GetAtt` or `Fn::Join`) is kept as `UNRESOLVED`:
 * it is never taken for `*`.
 */

/** Marks a value the analyzer cannot read (an intrinsic function, a CDK token). */
export const UNRESOLVED = Symbol('unresolved');

export type PolicyValue = string | typeof UNRESOLVED;

export interface PolicyStatement {
  /** Position in the document's statement list. */
  readonly index: number;
  readonly sid?: string;
  /** `Allow`, `Deny`, or undefined when missing or unreadable. */
  readonly effect?: string;
  readonly actions?: readonly PolicyValue[];
  readonly notActions?: readonly PolicyValue[];
  readonly resources?: readonly PolicyValue[];
  readonly notResources?: readonly PolicyValue[];
  /** Raw `Principal`, when the statement has one (resource and trust policies). */
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  /** Raw `Condition` block, when present and not empty. */
  readonly condition?: Record<string, unknown>;
}

/** Names a statement for a finding: its Sid, or its position. */
export function statementLabel(statement: PolicyStatement): string {
  return statement.sid ? statement.sid : String(statement.index);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a policy document given as text, URL-encoded or not; undefined when it is not one. */
export function parsePolicyText(text: string): unknown {
  const attempts = [text];
  if (/%[0-9a-fA-F]{2}/.test(text)) {
    try {
      attempts.push(decodeURIComponent(text.replace(/\+/g, '%20')));
      attempts.push(decodeURIComponent(text));
    } catch {
      // not valid percent-encoding: only the raw text is tried
    }
  }
  for (const attempt of attempts) {
    try {
      const parsed = JSON.parse(attempt.trim());
      if (isRecord(parsed)) return parsed;
      // a document logged as a JSON string inside a string
      if (typeof parsed === 'string') return parsePolicyText(parsed);
    } catch {
      // try the next form
    }
  }
  return undefined;
}

function readValues(value: unknown): PolicyValue[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? v : UNRESOLVED));
}

function readStatement(raw: unknown, index: number): PolicyStatement | undefined {
  if (!isRecord(raw)) return undefined;
  const condition = isRecord(raw.Condition) && Object.keys(raw.Condition).length > 0
    ? raw.Condition
    : undefined;
  return {
    index,
    sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : undefined,
    effect: typeof raw.Effect === 'string' ? raw.Effect : undefined,
    actions: readValues(raw.Action),
    notActions: readValues(raw.NotAction),
    resources: readValues(raw.Resource),
    notResources: readValues(raw.NotResource),
    principal: raw.Principal,
    notPrincipal: raw.NotPrincipal,
    condition,
  };
}

/**
 * The statements of a policy document given as text or as an object. Returns an empty
 * list for anything that is not a policy document; never throws.
 */
export function readStatements(document: unknown): PolicyStatement[] {
  const parsed = typeof document === 'string' ? parsePolicyText(document) : document;
  if (!isRecord(parsed)) return [];
  const raw = parsed.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: PolicyStatement[] = [];
  list.forEach((entry, index) => {
    const statement = readStatement(entry, index);
    if (statement) statements.push(statement);
  });
  return statements;
}
