/**
 * Reads a CfnResource as the template will hold it (property overrides applied, tokens
 * resolved to intrinsic functions), and finds the IAM policy documents inside it.
 * Internal: not exported from the package barrel.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import { readStatements, PolicyStatement } from '../../policy/private/policy-document';

export interface ResolvedResource {
  readonly type: string;
  readonly properties: Record<string, any>;
  readonly metadata: Record<string, any>;
}

let cache = new WeakMap<CfnResource, ResolvedResource>();

/** Forgets what was read; the pack calls it before each validation run. */
export function clearResourceCache(): void {
  cache = new WeakMap();
}

/** The resource's template entry, resolved (read once per validation run). */
export function readResource(node: CfnResource): ResolvedResource {
  let resource = cache.get(node);
  if (!resource) {
    resource = renderResource(node);
    cache.set(node, resource);
  }
  return resource;
}

function renderResource(node: CfnResource): ResolvedResource {
  // _toCloudFormation is what synthesis writes; it carries overrides and metadata.
  const rendered = Stack.of(node).resolve((node as any)._toCloudFormation());
  const entry: any = Object.values(rendered?.Resources ?? {})[0] ?? {};
  return {
    type: node.cfnResourceType,
    properties: isRecord(entry.Properties) ? entry.Properties : {},
    metadata: isRecord(entry.Metadata) ? entry.Metadata : {},
  };
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A policy document found in a resource, with the prefix that names it in findings. */
export interface FoundPolicy {
  /** `''` for the resource's own document, `Policies::<name>/` for an embedded one. */
  readonly prefix: string;
  readonly statements: PolicyStatement[];
}

const DOCUMENT_TYPES = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::RolePolicy',
]);

const EMBEDDING_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);

/** The identity policy documents a resource holds (not trust policies). */
export function identityPolicies(resource: ResolvedResource): FoundPolicy[] {
  if (DOCUMENT_TYPES.has(resource.type)) {
    return [{ prefix: '', statements: readStatements(resource.properties.PolicyDocument) }];
  }
  if (!EMBEDDING_TYPES.has(resource.type) || !Array.isArray(resource.properties.Policies)) {
    return [];
  }
  return resource.properties.Policies.filter(isRecord).map((policy, index) => ({
    prefix: `Policies::${typeof policy.PolicyName === 'string' ? policy.PolicyName : index}/`,
    statements: readStatements(policy.PolicyDocument),
  }));
}

/** Whether a resource holds IAM identity policies. */
export function holdsIdentityPolicies(resource: ResolvedResource): boolean {
  return DOCUMENT_TYPES.has(resource.type) || EMBEDDING_TYPES.has(resource.type);
}
