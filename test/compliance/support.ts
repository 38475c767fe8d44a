/**
 * Helpers for the compliance tests: resolving ARNs the way CloudFormation would, and
 * running the cdk-nag packs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';

/** The pseudo parameters CloudFormation would substitute in one account and Region. */
export interface Pseudo {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** Resolves `Ref` to pseudo parameters and `Fn::Join` in a template value. */
export function resolveValue(value: unknown, pseudo: Pseudo): unknown {
  if (typeof value === 'string' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(v => resolveValue(v, pseudo));
  const obj = value as Record<string, unknown>;
  if ('Ref' in obj) {
    const refs: Record<string, string> = {
      'AWS::Partition': pseudo.partition,
      'AWS::Region': pseudo.region,
      'AWS::AccountId': pseudo.account,
    };
    const ref = obj.Ref as string;
    if (!(ref in refs)) throw new Error(`cannot resolve Ref ${ref}`);
    return refs[ref];
  }
  if ('Fn::Join' in obj) {
    const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
    return parts.map(p => resolveValue(p, pseudo)).join(sep);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveValue(v, pseudo)]));
}

/** An app whose synthesis runs the AwsSolutions and NIST 800-53 R5 packs without failing. */
export function nagApp(): App {
  const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return app;
}

/** Synthesizes the app and returns every finding nobody acknowledged, as `rule at path`. */
export function unacknowledgedFindings(app: App): string[] {
  const assembly = app.synth();
  const report = JSON.parse(
    fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
  const findings: string[] = [];
  for (const plugin of report.pluginReports ?? []) {
    for (const violation of plugin.violations ?? []) {
      for (const resource of violation.violatingResources ?? violation.violatingConstructs ?? []) {
        findings.push(`${violation.ruleName} at ${resource.constructPath ?? resource.resourceLogicalId}`);
      }
    }
  }
  return findings;
}
