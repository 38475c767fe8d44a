/**
 * Reads the principals of role trust policy statements. Internal.
 */
import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { readResource, isRecord } from './resource-reader';
import { PolicyStatement, readStatements } from '../../policy/private/policy-document';

/** The Allow statements of a role's trust policy; undefined when the node is not a role. */
export function trustStatements(node: CfnResource): PolicyStatement[] | undefined {
  if (node.cfnResourceType !== 'AWS::IAM::Role') return undefined;
  const document = readResource(node).properties.AssumeRolePolicyDocument;
  return readStatements(document).filter((s) => s.effect === 'Allow');
}

/** The `AWS` principal values of a statement that are plain strings. */
export function awsPrincipals(statement: PolicyStatement): string[] {
  const principal = statement.principal;
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  const aws = principal.AWS;
  const list = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
  return list.filter((v): v is string => typeof v === 'string');
}

/** The account a principal string names (`111122223333`, `arn:...:iam::111122223333:...`). */
export function principalAccount(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal);
  return match ? match[1] : undefined;
}

/** The account of the node's stack, when it is known at synth time. */
export function stackAccount(node: CfnResource): string | undefined {
  const account = Stack.of(node).account;
  return Token.isUnresolved(account) ? undefined : account;
}
