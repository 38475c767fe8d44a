import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { statementLabel } from '../../policy/private/policy-document';
import { RuleDefinition } from '../private/rule-definition';
import { awsPrincipals, trustStatements } from '../private/trust';

function trustOpenToAnyone(node: CfnResource): NagRuleResult {
  const statements = trustStatements(node);
  if (statements === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  const findings = statements
    .filter((s) => s.condition === undefined && awsPrincipals(s).includes('*'))
    .map((s) => `Statement::${statementLabel(s)}`);
  return findings.length > 0 ? findings : NagRuleCompliance.COMPLIANT;
}

/** A role trust policy lets any AWS principal assume the role. */
export const TrustOpenToAnyone: RuleDefinition = {
  id: 'IG10',
  level: NagMessageLevel.ERROR,
  info: 'The role trust policy lets any AWS principal (*) assume the role, without a condition.',
  explanation: 'Anyone with an AWS account can assume the role. Name the accounts or roles '
    + 'allowed, or keep * and restrict it with a condition such as aws:PrincipalOrgID.',
  rule: trustOpenToAnyone,
};
