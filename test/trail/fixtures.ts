import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AuditTrail, AuditTrailProps } from '../../src/trail';

/** A stack in a fixed account and Region, as most deployments have. */
export function newStack(app = new App()): Stack {
  return new Stack(app, 'Audit', { env: { account: '111122223333', region: 'us-east-1' } });
}

/** An AuditTrail with the given props and its synthesized template. */
export function synthTrail(props?: AuditTrailProps): { trail: AuditTrail; template: Template } {
  const stack = newStack();
  const trail = new AuditTrail(stack, 'Trail', props);
  return { trail, template: Template.fromStack(stack) };
}

/** The resources of one type in a template, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}

/** The only resource of `type` whose logical id starts with `prefix`. */
export function onlyResource(template: Template, type: string, prefix: string): any {
  const matches = Object.entries(template.findResources(type))
    .filter(([id]) => id.startsWith(prefix));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} named ${prefix}*, found ${matches.length}`);
  }
  return matches[0][1];
}

/** The key policy statement with the given Sid. */
export function keyStatement(template: Template, sid: string): any {
  const key = onlyResource(template, 'AWS::KMS::Key', 'TrailKey');
  return key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === sid);
}
