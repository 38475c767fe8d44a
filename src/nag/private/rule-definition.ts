/** The shape every rule file exports. Internal: not exported from the package barrel. */
import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleResult } from 'cdk-nag';

export interface RuleDefinition {
  /** Short stable id, never reused (`IG1`...). */
  readonly id: string;
  readonly level: NagMessageLevel;
  /** What the rule flags. */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  readonly rule: (node: CfnResource) => NagRuleResult;
}

/** A CloudFormation boolean: `true` or the string `"true"`; undefined when unreadable. */
export function cfnBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** Whether a value is an intrinsic function or other unreadable value. */
export function isIntrinsic(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
