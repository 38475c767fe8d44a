import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { statementLabel } from '../../policy/private/policy-document';
import { RuleDefinition } from '../private/rule-definition';
import { awsPrincipals, principalAccount, stackAccount, trustStatements } from '../private/trust';

function crossAccountTrustWithoutCondition(node: CfnResource): NagRuleResult {
  const statements = trustStatements(node);
  if (statements === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const own = stackAccount(node);
  const findings = statements
    .filter((s) => s.condition === undefined && awsPrincipals(s).some((p) => {
      const account = principalAccount(p);
      return account !== undefined && account !== own;
    }))
    .map((s) => `Statement::${statementLabel(s)}`);
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}

/** A role trusts another account with no condition (no sts:ExternalId, no MFA, no org). */
export const CrossAccountTrustWithoutCondition: RuleDefinition = {
  id: 'IG11',
  level: NagMessageLevel.ERROR,
  info: 'The role trusts another AWS account without a condition such as sts:ExternalId.',
  explanation: 'Every principal of the other account that its own admins allow can assume '
    + 'the role, and a third party serving many customers can be tricked into using it (the '
    + 'confused deputy). Add a Condition: sts:ExternalId for third parties, '
    + 'aws:MultiFactorAuthPresent for people, aws:PrincipalArn or aws:PrincipalOrgID otherwise.',
  rule: crossAccountTrustWithoutCondition,
};
