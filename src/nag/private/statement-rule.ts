/**
 * Builds a rule that judges every statement of every identity policy in a resource and
 * reports one finding per offending statement, named `Statement::<Sid or index>`
 * (prefixed with `Policies::<name>/` for a policy embedded in a role, user or group).
 * Internal: not exported from the package barrel.
 */
import { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { identityPolicies, holdsIdentityPolicies, readResource } from './resource-reader';
import { PolicyStatement, statementLabel } from '../../policy/private/policy-document';

export function statementRule(
  name: string,
  offends: (statement: PolicyStatement) => boolean,
): (node: CfnResource) => NagRuleResult {
  const rule = (node: CfnResource): NagRuleResult => {
    const resource = readResource(node);
    if (!holdsIdentityPolicies(resource)) return NagRuleCompliance.NOT_APPLICABLE;
    const findings: string[] = [];
    for (const policy of identityPolicies(resource)) {
      for (const statement of policy.statements) {
        if (offends(statement)) {
          findings.push(`${policy.prefix}Statement::${statementLabel(statement)}`);
        }
      }
    }
    return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
  };
  Object.defineProperty(rule, 'name', { value: name });
  return rule;
}

/** Builds a rule applying to one resource type with a single compliant/non-compliant answer. */
export function resourceRule(
  name: string,
  types: readonly string[],
  offends: (properties: Record<string, any>) => boolean,
): (node: CfnResource) => NagRuleResult {
  const rule = (node: CfnResource): NagRuleResult => {
    if (!types.includes(node.cfnResourceType)) return NagRuleCompliance.NOT_APPLICABLE;
    return offends(readResource(node).properties)
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  };
  Object.defineProperty(rule, 'name', { value: name });
  return rule;
}
