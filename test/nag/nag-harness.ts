import * as fs from 'fs';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { IamGuardrailsChecks } from '../../src/nag';
import { assemblyLintErrors } from '../support/template-lint';

export interface ReportedViolation {
  readonly pluginName: string;
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly constructPaths: string[];
}

/** The validation report of a synthesized app, reduced to what the tests read. */
export interface ValidationReport {
  /** Names of the plugins that reported at least one finding. */
  readonly pluginNames: string[];
  readonly violations: ReportedViolation[];
}

/** One unacknowledged finding on one construct. */
export interface NagFinding {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/**
 * An app whose validation findings are written to the report instead of failing synthesis,
 * with `plugins` registered (by default AwsSolutions and NIST 800-53 R5).
 */
export function nagApp(plugins?: IPolicyValidationPlugin[]): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(...(plugins ?? [new AwsSolutionsChecks(app), new NIST80053R5Checks(app)]));
  return app;
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

/**
 * Synthesizes `app` and returns its validation report. With `lint`, every stack template
 * of the assembly is linted first, and a CloudFormation validation error throws (the rule
 * fixtures leave it off: some are invalid templates on purpose).
 *
 * A plugin that finds nothing leaves no entry in the report, so `pluginNames` lists only
 * the plugins that reported a finding. A missing report means no plugin ran: that throws.
 */
export function readReport(app: App, lint = false): ValidationReport {
  const assembly = app.synth();
  const lintErrors = lint ? assemblyLintErrors(assembly) : '';
  if (lintErrors) throw new Error(`The app's templates fail CloudFormation validation:\n${lintErrors}`);
  return parseReport(assembly);
}

function parseReport(assembly: CloudAssembly): ValidationReport {
  const reportPath = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(reportPath)) {
    throw new Error(`${reportPath} is missing: no validation plugin ran over the app.`);
  }
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const pluginNames: string[] = [];
  const violations: ReportedViolation[] = [];
  for (const plugin of report.pluginReports ?? []) {
    pluginNames.push(plugin.pluginName);
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
  return { pluginNames, violations };
}

/** Synthesizes `app` and returns the violations of its validation report. */
export function readViolations(app: App): ReportedViolation[] {
  return readReport(app).violations;
}

/**
 * Synthesizes `app`, lints its templates and returns every finding nobody acknowledged, one
 * per construct.
 */
export function unacknowledgedFindings(app: App): NagFinding[] {
  return readReport(app, true).violations.flatMap((v) =>
    v.constructPaths.map((p) => ({ rule: v.ruleName, path: p, message: v.description })));
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
