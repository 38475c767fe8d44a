import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NagMessageLevel } from 'cdk-nag';
import { readViolations, synthViolations } from './nag-harness';
import { IamGuardrailsChecks } from '../../src/nag';
import { ALL_RULES } from '../../src/nag/rules';

function adminPolicy(stack: Stack): iam.Policy {
  return new iam.Policy(stack, 'Admin', {
    statements: [new iam.PolicyStatement({ sid: 'Everything', actions: ['*'], resources: ['*'] })],
    roles: [new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') })],
  });
}

describe('IamGuardrailsChecks', () => {
  test('reports through Validations.of(app).addPlugins as an error with the pack name', () => {
    const [violation] = synthViolations(adminPolicy)
      .filter((v) => v.ruleName === 'IamGuardrails-IG1[Statement::Everything]');
    expect(violation).toMatchObject({
      pluginName: 'IamGuardrails',
      severity: 'error',
      constructPaths: ['Fixture/Admin/Resource'],
    });
  });

  test('reports a warning-level rule as a warning', () => {
    const [violation] = synthViolations((s) => new logs.LogGroup(s, 'Logs', {
      retention: logs.RetentionDays.ONE_WEEK,
    })).filter((v) => v.ruleName === 'IamGuardrails-IG16');
    expect(violation.severity).toBe('warning');
  });

  test('drops a finding acknowledged by its exact id on the construct', () => {
    const names = synthViolations((s) => {
      const policy = adminPolicy(s);
      Validations.of(policy).acknowledge({
        id: 'IamGuardrails-IG1[Statement::Everything]',
        reason: 'Break-glass role reviewed quarterly.',
      });
    }).map((v) => v.ruleName);
    expect(names).not.toContain('IamGuardrails-IG1[Statement::Everything]');
  });

  test('keeps a finding when another statement was acknowledged', () => {
    const names = synthViolations((s) => {
      const policy = adminPolicy(s);
      Validations.of(policy).acknowledge({
        id: 'IamGuardrails-IG1[Statement::Other]',
        reason: 'Not this statement.',
      });
    }).map((v) => v.ruleName);
    expect(names).toContain('IamGuardrails-IG1[Statement::Everything]');
  });

  test('prints the explanation with the fix in verbose mode', () => {
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    adminPolicy(new Stack(app, 'Verbose'));
    Validations.of(app).addPlugins(new IamGuardrailsChecks(app, { verbose: true }));
    const [violation] = readViolations(app).filter((v) => v.ruleName.startsWith('IamGuardrails-IG1'));
    expect(violation.description).toContain('Grant the actions and resources the workload uses');
  });

  test('judges a resource again when the tree changed between two runs', () => {
    const app = new App();
    const stack = new Stack(app, 'Twice');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const policy = new iam.Policy(stack, 'Policy', {
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
    });
    const checks = new IamGuardrailsChecks();
    checks.validateScope(app);
    policy.addStatements(new iam.PolicyStatement({ sid: 'Later', actions: ['*'], resources: ['*'] }));
    const names = checks.validateScope(app).violations.map((v) => v.ruleName);
    expect(names).toContain('IamGuardrails-IG1[Statement::Later]');
  });

  test('gives every rule a distinct id', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('lists every rule in RULES.md with its level', () => {
    const rules = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    const rows = ALL_RULES.map((r) => {
      const row = rules.split('\n').find((line) => line.startsWith(`| ${r.id} |`)) ?? '';
      return `${r.id} ${row.trim().endsWith(`| ${r.level === NagMessageLevel.WARN ? 'Warning' : 'Error'} |`)}`;
    });
    expect(rows).toEqual(ALL_RULES.map((r) => `${r.id} true`));
  });
});
