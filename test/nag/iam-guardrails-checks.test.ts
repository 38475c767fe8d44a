import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
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

  test('lets synthesis pass when every finding is a warning', () => {
    const app = new App();
    new logs.LogGroup(new Stack(app, 'Warned'), 'Logs', { retention: logs.RetentionDays.ONE_WEEK });
    Validations.of(app).addPlugins(new IamGuardrailsChecks(app));
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).not.toThrow();
    } finally {
      quiet.mockRestore();
    }
  });

  test('fails synthesis on an error-level finding', () => {
    const app = new App();
    adminPolicy(new Stack(app, 'Failed'));
    Validations.of(app).addPlugins(new IamGuardrailsChecks(app));
    expect(() => app.synth()).toThrow(/[Vv]alidation/);
  });

  test('drops the findings of every resource below a stack acknowledged by rule id', () => {
    const names = synthViolations((s) => {
      new logs.LogGroup(s, 'First', { retention: logs.RetentionDays.ONE_WEEK });
      new logs.LogGroup(s, 'Second', { retention: logs.RetentionDays.ONE_MONTH });
      Validations.of(s).acknowledge({ id: 'IamGuardrails-IG16', reason: 'Scratch logs.' });
    }).map((v) => v.ruleName);
    expect(names).not.toContain('IamGuardrails-IG16');
  });

  test('lists in RULES.md exactly the rules of the pack, each with its level', () => {
    const rules = fs.readFileSync(path.join(__dirname, '..', '..', 'RULES.md'), 'utf8');
    const rows = rules.split('\n')
      .map((line) => /^\| (IG\d+) \|.*\| (Error|Warning|Info) \|$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(ALL_RULES.map((r) => `${r.id} ${r.level}`));
  });

  test('runs every rule defined in src/nag/rules', () => {
    const dir = path.join(__dirname, '..', '..', 'src', 'nag', 'rules');
    const defined = fs.readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .flatMap((f) => Object.values(jest.requireActual<object>(path.join(dir, f))));
    expect(defined.length).toBe(ALL_RULES.length);
    expect(defined.every((rule) => ALL_RULES.includes(rule as any))).toBe(true);
  });

  test('gives every rule a finding text and an explanation', () => {
    const short = ALL_RULES.filter((r) => r.info.length < 20 || r.explanation.length < 40)
      .map((r) => r.id);
    expect(short).toEqual([]);
  });
});
