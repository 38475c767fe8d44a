import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';

/** One unacknowledged finding: the rule and the construct it is about. */
export interface NagFinding {
  readonly rule: string;
  readonly path: string;
}

/** An app whose validation findings are reported instead of failing synthesis. */
export function nagApp(): App {
  return new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
}

/** Runs AwsSolutions and NIST 800-53 R5 over `app` and returns the unacknowledged findings. */
export function nagFindings(app: App): NagFinding[] {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const assembly = app.synth();
  const reportPath = path.join(assembly.directory, 'validation-report.json');
  if (!fs.existsSync(reportPath)) return [];
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const findings: NagFinding[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const construct of violation.violatingConstructs ?? []) {
        findings.push({ rule: violation.ruleName, path: construct.constructPath });
      }
    }
  }
  return findings;
}
