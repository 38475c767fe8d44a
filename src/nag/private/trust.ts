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

/**
 * A principal value as text: a string, or an `Fn::Join` whose unreadable parts (such as
 * the partition) become `{?}`. Undefined for anything else.
 */
function principalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = isRecord(value) ? value['Fn::Join'] : undefined;
  if (!Array.isArray(join) || typeof join[0] !== 'string' || !Array.isArray(join[1])) {
    return undefined;
  }
  return join[1].map((part: unknown) => (typeof part === 'string' ? part : '{?}')).join(join[0]);
}

/** The `AWS` principal values of a statement that can be read as text. */
export function awsPrincipals(statement: PolicyStatement): string[] {
  const principal = statement.principal;
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  const aws = principal.AWS;
  const list = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
  return list.map(principalText).filter((v): v is string => v !== undefined);
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
