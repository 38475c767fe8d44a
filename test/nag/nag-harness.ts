import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { IamGuardrailsChecks } from '../../src/nag';

export interface ReportedViolation {
  readonly pluginName: string;
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly constructPaths: string[];
}

/**
 * Builds an app with one stack (account 111122223333, us-east-1), registers the packs
 * through `Validations.of(app).addPlugins`, synthesizes it and returns the violations of
 * the validation report.
 */
export function synthViolations(
  build: (stack: Stack) => void,
  plugins: IPolicyValidationPlugin[] = [new IamGuardrailsChecks()],
): ReportedViolation[] {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stack = new Stack(app, 'Fixture', {
    env: { account: '111122223333', region: 'us-east-1' },
  });
  build(stack);
  Validations.of(app).addPlugins(...plugins);
  return readViolations(app);
}

/** Synthesizes `app` and returns the violations of its validation report. */
export function readViolations(app: App): ReportedViolation[] {
  const assembly = app.synth();
  const reportPath = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(reportPath)) return [];
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const violations: ReportedViolation[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const v of plugin.violations ?? []) {
      violations.push({
        pluginName: plugin.pluginName,
        ruleName: v.ruleName,
        description: v.description,
        severity: v.severity,
        constructPaths: (v.violatingConstructs ?? []).map((c: any) => c.constructPath),
      });
    }
  }
  return violations;
}

/** Rule names (with finding suffix) our pack reported. */
export function guardrailFindings(build: (stack: Stack) => void): string[] {
  return synthViolations(build)
    .filter((v) => v.pluginName === 'IamGuardrails')
    .map((v) => v.ruleName)
    .sort();
}

/** Rule names our pack reported for one rule id (`IG1`), with finding suffixes. */
export function findingsOf(id: string, build: (stack: Stack) => void): string[] {
  const prefix = `IamGuardrails-${id}`;
  return guardrailFindings(build).filter((n) => n === prefix || n.startsWith(`${prefix}[`));
}
