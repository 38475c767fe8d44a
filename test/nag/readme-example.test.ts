import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { readViolations } from './nag-harness';
import { IamGuardrailsChecks } from '../../src/nag';

/** The README's "Using with cdk-nag" example, with the names it uses. */
function readmeApp(
  acknowledgeBreakGlassBy: string,
  writeSuppressionsToCloudFormation = false,
  acknowledgeOtherPacks = true,
): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Accounts');
  const breakGlass = new iam.Role(stack, 'BreakGlass', {
    assumedBy: new iam.AccountPrincipal('111122223333').withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    }),
  });
  breakGlass.addToPolicy(new iam.PolicyStatement({ sid: 'BreakGlass', actions: ['*'], resources: ['*'] }));
  const sandbox = new Stack(app, 'Sandbox');
  new logs.LogGroup(sandbox, 'Scratch', { retention: logs.RetentionDays.ONE_WEEK });

  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new IamGuardrailsChecks(app, { verbose: true, writeSuppressionsToCloudFormation }),
  );
  const breakGlassReason = 'Break-glass role: MFA required, every use alarmed.';
  const otherPacks = acknowledgeOtherPacks ? [
    'AwsSolutions-IAM5[Action::*]',
    'AwsSolutions-IAM5[Resource::*]',
    'NIST.800.53.R5-IAMNoInlinePolicy',
    'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
    'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
  ] : [];
  for (const id of [acknowledgeBreakGlassBy, ...otherPacks]) {
    Validations.of(breakGlass).acknowledge({ id, reason: breakGlassReason });
  }
  Validations.of(sandbox).acknowledge({ id: 'IamGuardrails-IG16', reason: 'Sandbox logs, kept a week.' });
  if (acknowledgeOtherPacks) {
    Validations.of(sandbox).acknowledge({
      id: 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
      reason: 'Sandbox logs hold test output only.',
    });
  }
  return app;
}

function guardrailNames(app: App): string[] {
  return readViolations(app).filter((v) => v.pluginName === 'IamGuardrails').map((v) => v.ruleName);
}

describe('README: using with cdk-nag', () => {
  test('the statement finding and the stack-wide retention finding are acknowledged', () => {
    expect(guardrailNames(readmeApp('IamGuardrails-IG1[Statement::BreakGlass]'))).toEqual([]);
  });

  test('the rule id alone does not acknowledge a statement finding', () => {
    expect(guardrailNames(readmeApp('IamGuardrails-IG1')))
      .toEqual(['IamGuardrails-IG1[Statement::BreakGlass]']);
  });

  test('synthesizes with every finding of the three packs acknowledged', () => {
    const app = readmeApp('IamGuardrails-IG1[Statement::BreakGlass]');
    expect(readViolations(app).map((v) => `${v.ruleName} at ${v.constructPaths.join(', ')}`)).toEqual([]);
  });

  test('the other packs run beside it', () => {
    const app = readmeApp('IamGuardrails-IG1', false, false);
    const plugins = new Set(readViolations(app).map((v) => v.pluginName));
    expect([...plugins].sort()).toEqual(['AwsSolutions', 'IamGuardrails', 'NIST.800.53.R5']);
  });

  test('writeSuppressionsToCloudFormation copies the acknowledgement into the template', () => {
    const app = readmeApp('IamGuardrails-IG1[Statement::BreakGlass]', true);
    const template = app.synth().getStackByName('Accounts').template;
    const policy = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::IAM::Policy');
    expect(policy.Metadata.cdk_nag.rules_to_suppress).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'IamGuardrails-IG1[Statement::BreakGlass]' }),
    ]));
  });
});
