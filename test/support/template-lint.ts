/**
 * Lints a CloudFormation template with `@aws/cloudformation-validate`, the validator that
 * ships inside aws-cdk-lib, and returns its error-level diagnostics.
 *
 * The engine takes about a second to build, so one instance is built on first use and
 * reused for every template the test file lints.
 */
import * as path from 'path';
import { CloudAssembly, UNKNOWN_REGION } from 'aws-cdk-lib/cx-api';

/** One error-level finding of the validator. */
export interface LintError {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  /** Logical id of the resource the finding is about, when it is about one. */
  readonly logicalId?: string;
  /** Path of the property inside the resource, such as `Properties.Runtime`. */
  readonly propertyPath?: string;
}

interface Diagnostic {
  ruleId: string;
  severity: string;
  message: string;
  propertyPath?: string;
  entity?: { entityType?: string; logicalId?: string };
}

interface Engine {
  validateTemplate(template: unknown, config?: Record<string, unknown>): {
    diagnostics: Diagnostic[];
  };
}

interface ValidateModule {
  CelEngine: new () => Engine;
  TemplateContent: new (content: string, name?: string) => unknown;
}

const ERROR_SEVERITIES = new Set(['ERROR', 'FATAL']);

let validateModule: ValidateModule | undefined;
let engine: Engine | undefined;

function loadEngine(): { module: ValidateModule; engine: Engine } {
  if (!validateModule || !engine) {
    const cdkRoot = path.dirname(require.resolve('aws-cdk-lib/package.json'));
    const modulePath = require.resolve('@aws/cloudformation-validate', { paths: [cdkRoot] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    validateModule = require(modulePath) as ValidateModule;
    engine = new validateModule.CelEngine();
  }
  return { module: validateModule, engine };
}

/**
 * Validates `template` (a parsed CloudFormation template) and returns the findings of
 * severity ERROR or FATAL: schema violations, references to missing resources, bad
 * intrinsic functions. Warnings and informational findings are left out.
 */
export function lintTemplate(template: unknown, name: string = 'template', region?: string): LintError[] {
  const loaded = loadEngine();
  const content = new loaded.module.TemplateContent(JSON.stringify(template), name);
  const report = loaded.engine.validateTemplate(content, {
    detailLevel: 'STANDARD',
    severityLevel: 'ERROR',
    ...(region ? { pseudoParameterOverrides: { region } } : {}),
  });
  return report.diagnostics
    .filter((d) => ERROR_SEVERITIES.has(d.severity))
    .map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      logicalId: d.entity?.entityType === 'Resource' ? d.entity.logicalId : undefined,
      propertyPath: d.propertyPath,
    }));
}

/** Formats lint errors one per line: `[F3002] MyBucket Properties.Foo: message`. */
export function formatLintErrors(errors: readonly LintError[]): string {
  return errors
    .map((e) => {
      const where = [e.logicalId, e.propertyPath].filter((x) => x !== undefined).join(' ');
      return `  [${e.ruleId}] ${where ? `${where}: ` : ''}${e.message}`;
    })
    .join('\n');
}

/**
 * Lints the template of every stack of `assembly`, nested stages included, and returns
 * the errors grouped by stack, or '' when every template passes.
 */
export function assemblyLintErrors(assembly: CloudAssembly): string {
  return assembly.stacksRecursively
    .map((stack) => {
      const region = stack.environment.region === UNKNOWN_REGION ? undefined : stack.environment.region;
      const errors = lintTemplate(stack.template, stack.hierarchicalId, region);
      return errors.length > 0 ? `${stack.hierarchicalId}:\n${formatLintErrors(errors)}` : '';
    })
    .filter((text) => text !== '')
    .join('\n');
}
