import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { IamGuardrails } from '../../src/guardrails';

/**
 * The whole IAM baseline of one account in one construct, in its home Region (us-east-1,
 * where IAM events reach EventBridge).
 */
export function createSingleAccountApp(outdir?: string): App {
  const app = new App({ outdir, context: { 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'SingleAccountGuardrails', {
    env: { account: '111122223333', region: 'us-east-1' },
    description: 'cdk-iam-guardrails: the IAM baseline of one account',
  });

  new IamGuardrails(stack, 'Guardrails', {
    emails: ['secops@example.com'],
    detection: { cis: true },
  });

  return app;
}

if (require.main === module) {
  createSingleAccountApp(path.join(__dirname, '..', '..', 'cdk.out')).synth();
}
