import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { AuditTrail } from '../../src/trail';
import { IamThreatDetection } from '../../src/detection';

/**
 * The example baseline: a hardened trail and every detection of both tracks on it, in one
 * stack with a fixed account and Region so its template is the same on every machine.
 */
export function createBaselineApp(outdir?: string): App {
  const app = new App({
    outdir,
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  const stack = new Stack(app, 'ExampleBaseline', {
    env: { account: '111122223333', region: 'us-east-1' },
    description: 'cdk-iam-guardrails example baseline: audit trail and IAM threat detection',
  });

  const trail = new AuditTrail(stack, 'Trail', { insights: true });

  new IamThreatDetection(stack, 'Detection', {
    logGroup: trail.logGroup,
    emails: ['secops@example.com'],
    cis: true,
  });

  return app;
}

if (require.main === module) {
  const outdir = path.join(__dirname, '..', '..', 'cdk.out');
  createBaselineApp(outdir).synth();
  process.stdout.write(`Synthesized the example baseline to ${path.relative(process.cwd(), outdir)}/\n`);
}
