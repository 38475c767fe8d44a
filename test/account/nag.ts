import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';

/** An app whose synthesis runs the AwsSolutions and NIST 800-53 R5 packs without failing. */
export function nagApp(): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return app;
}

export interface NagFinding {
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Synthesizes the app and returns every finding nobody acknowledged. */
export function unacknowledgedFindings(app: App): NagFinding[] {
  const assembly = app.synth();
  const file = path.join(assembly.directory, 'validation-report.json');
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const findings: NagFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const resource of violation.violatingResources ?? violation.violatingConstructs ?? []) {
        findings.push({
          rule: violation.ruleName,
          path: resource.constructPath ?? resource.resourceLogicalId,
          message: violation.description,
        });
      }
    }
  }
  return findings;
}
