/**
 * Synth time and template size of the organization guardrails as the organization grows.
 *
 * Accounts never appear in the template: the StackSet and the protection policy target
 * organizational units, so 1, 100 or 1000 accounts under the same units give the same
 * template. Listing more units adds only their ids.
 *
 *   npx projen bench:organization   (also run by npx projen bench)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  App, BootstraplessSynthesizer, Stack, Stage, aws_cloudformation as cloudformation, aws_events as events,
} from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DetectionCatalog } from '../src/detections';
import { BaselineTemplate, DetectionForwarder, OrganizationGuardrails } from '../src/organization';

const RUNS = 3;

function ouId(i: number): string {
  return `ou-a1b2-${i.toString(36).padStart(8, '0')}`;
}

interface Organization {
  readonly units: string[];
  readonly accounts: Array<{ readonly accountId: string; readonly unit: string }>;
}

/** An organization of `accounts` member accounts spread over `units` organizational units. */
function organization(accounts: number, units: number): Organization {
  const ids = Array.from({ length: units }, (_, i) => ouId(i));
  return {
    units: ids,
    accounts: Array.from({ length: accounts }, (_, i) => ({
      accountId: String(100000000000 + i),
      unit: ids[i % units],
    })),
  };
}

/** Synthesizes the guardrails of `org`: they target its units, whatever accounts they hold. */
function synthesize(org: Organization): { millis: number; bytes: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'organization-bench-'));
  const started = process.hrtime.bigint();
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const member = new Stack(new Stage(app, 'MemberBaseline'), 'Baseline', {
    synthesizer: new BootstraplessSynthesizer(),
  });
  new DetectionForwarder(member, 'Forwarder', {
    centralEventBus: events.EventBus.fromEventBusArn(member, 'Central',
      'arn:aws:events:us-east-1:444455556666:event-bus/IamGuardrailsCentral'),
    detections: DetectionCatalog.iamAttack(),
  });
  const stack = new Stack(app, 'Management', { env: { account: '111122223333', region: 'us-east-1' } });
  const targets = org.units;
  new OrganizationGuardrails(stack, 'Guardrails', {
    organizationId: 'o-a1b2c3d4e5',
    securityAccountId: '444455556666',
    breakGlassRoleName: 'BreakGlass',
    protectedTargetIds: targets,
    baseline: {
      template: BaselineTemplate.fromStack(member),
      organizationalUnitIds: targets,
      regions: ['us-east-1', 'eu-west-1'],
    },
  });
  const assembly = app.synth();
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  const bytes = fs.statSync(assembly.getStackByName('Management').templateFullPath).size;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { millis, bytes };
}

/** Size of a StackSet that lists accounts instead, for comparison. */
function accountTargetedBytes(accounts: number): number {
  const stack = new Stack(new App(), 'Compare');
  new cloudformation.CfnStackSet(stack, 'ByAccount', {
    stackSetName: 'ByAccount',
    permissionModel: 'SELF_MANAGED',
    templateUrl: 'https://bucket.s3.amazonaws.com/baseline.json',
    stackInstancesGroup: [{
      deploymentTargets: {
        accounts: Array.from({ length: accounts }, (_, i) => String(100000000000 + i)),
      },
      regions: ['us-east-1', 'eu-west-1'],
    }],
  });
  return JSON.stringify(Template.fromStack(stack).toJSON()).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(accounts: number, units: number): { millis: number; bytes: number } {
  const org = organization(accounts, units);
  const runs = Array.from({ length: RUNS }, () => synthesize(org));
  return { millis: median(runs.map((r) => r.millis)), bytes: runs[0].bytes };
}

function row(...cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |\n`;
}

// Warm-up: module loading and the first syntheses are not what is measured.
for (let i = 0; i < 3; i++) synthesize(organization(2, 2));

let out = '\nAccounts spread over two organizational units (the template never names an account):\n\n';
out += row('accounts', 'OUs targeted', 'synth ms (median of 3)', 'template bytes',
  'account-targeted StackSet bytes');
out += row('---', '---', '---', '---', '---');
for (const accounts of [1, 100, 1000]) {
  const m = measure(accounts, 2);
  out += row(accounts, 2, m.millis.toFixed(0), m.bytes, accountTargetedBytes(accounts));
}

out += '\nOrganizational units targeted, one account each (StackSet targets and protection policy '
  + 'attachments):\n\n';
out += row('OUs targeted', 'synth ms (median of 3)', 'template bytes', 'bytes per extra OU');
out += row('---', '---', '---', '---');
const base = measure(1, 1);
for (const units of [1, 100, 1000]) {
  const m = units === 1 ? base : measure(units, units);
  const perUnit = units === 1 ? '-' : ((m.bytes - base.bytes) / (units - 1)).toFixed(1);
  out += row(units, m.millis.toFixed(0), m.bytes, perUnit);
}
process.stdout.write(out);
