/**
 * Lints a synthesized template with `@aws/cloudformation-validate`, the validator bundled
 * inside aws-cdk-lib, and returns the findings at error level or above.
 */
import * as path from 'path';

/** One finding of the validator, reduced to what a failing test should print. */
export interface TemplateProblem {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly resource?: string;
  readonly propertyPath?: string;
}

interface ValidatorDiagnostic {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly propertyPath?: string;
  readonly entity?: { readonly logicalId?: string };
}

interface ValidatorEngine {
  validateTemplate(template: unknown, config?: object): { diagnostics: ValidatorDiagnostic[] };
}

interface ValidatorModule {
  readonly CompositeEngine: new () => ValidatorEngine;
  readonly TemplateContent: new (content: string, name?: string) => unknown;
}

function loadValidator(): ValidatorModule {
  const cdkLib = path.dirname(require.resolve('aws-cdk-lib/package.json'));
  const entry = require.resolve('@aws/cloudformation-validate', { paths: [cdkLib] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(entry) as ValidatorModule;
}

// Building the engine compiles every rule; one engine serves the whole test file.
let cached: { validator: ValidatorModule; engine: ValidatorEngine } | undefined;

/** Returns the error and fatal findings of the validator for `template`. */
export function lintTemplate(template: object, region = 'us-east-1'): TemplateProblem[] {
  if (!cached) {
    const validator = loadValidator();
    cached = { validator, engine: new validator.CompositeEngine() };
  }
  const report = cached.engine.validateTemplate(
    new cached.validator.TemplateContent(JSON.stringify(template), 'template.json'),
    { severityLevel: 'ERROR', pseudoParameterOverrides: { region } },
  );
  return report.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    resource: d.entity?.logicalId,
    propertyPath: d.propertyPath,
  }));
}
