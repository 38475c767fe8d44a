import * as path from 'path';

/** The part of @aws/cloudformation-validate's API these tests use. */
interface Diagnostic {
  readonly ruleId: string;
  readonly severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  readonly message: string;
  readonly entity?: { readonly logicalId: string };
}
interface Engine {
  validateTemplate(template: unknown, config?: { detailLevel?: string }): { diagnostics: Diagnostic[] };
  free(): void;
}
interface Validator {
  CompositeEngine: new () => Engine;
  TemplateContent: new (content: string, name?: string) => unknown;
}

// @aws/cloudformation-validate ships inside aws-cdk-lib rather than as a dependency of ours.
const modulePath = require.resolve('@aws/cloudformation-validate', {
  paths: [path.dirname(require.resolve('aws-cdk-lib/package.json'))],
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validator: Validator = require(modulePath);

export interface TemplateProblem {
  readonly ruleId: string;
  readonly message: string;
  readonly logicalId?: string;
}

/** Validates a template offline and returns its problems of ERROR severity or worse. */
export function templateErrors(template: object): TemplateProblem[] {
  const engine = new validator.CompositeEngine();
  try {
    const report = engine.validateTemplate(
      new validator.TemplateContent(JSON.stringify(template), 'template.json'),
      { detailLevel: 'STANDARD' },
    );
    return report.diagnostics
      .filter((d) => d.severity === 'ERROR' || d.severity === 'FATAL')
      .map((d) => ({ ruleId: d.ruleId, message: d.message, logicalId: d.entity?.logicalId }));
  } finally {
    engine.free();
  }
}
