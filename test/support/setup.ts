// Jest setup shared by every test file.
//
// Every template a test synthesizes through `Template.fromStack` is linted with the
// CloudFormation validator bundled in aws-cdk-lib; an error-level finding fails the test
// that synthesized the template, naming the stack, the resource and the rule.
import { Template } from 'aws-cdk-lib/assertions';
import { formatLintErrors, lintTemplate } from './template-lint';

// aws-cdk-lib also runs the validator on every synthesis, rebuilding its engine each time
// a new resource type appears (seconds per test) and reporting its findings as warnings
// only. The lint above covers every asserted template at error level, so the built-in run
// is turned off for tests.
process.env.CDK_VALIDATION = 'false';

const LINTED = Symbol.for('cdk-iam-guardrails.template-lint');

type FromStack = typeof Template.fromStack;
const current = Template.fromStack as FromStack & { [LINTED]?: boolean };

if (!current[LINTED]) {
  const original: FromStack = current;
  const linted: FromStack = (stack, templateParsingOptions) => {
    const template = original.call(Template, stack, templateParsingOptions);
    const errors = lintTemplate(template.toJSON(), stack.node.path);
    if (errors.length > 0) {
      throw new Error(
        `The template of stack '${stack.node.path}' fails CloudFormation validation ` +
          `(${errors.length} error${errors.length === 1 ? '' : 's'}):\n${formatLintErrors(errors)}`,
      );
    }
    return template;
  };
  Object.assign(linted, { [LINTED]: true });
  Template.fromStack = linted;
}
