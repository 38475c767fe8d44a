/**
 * The full-privilege judgement on a whole policy document. Internal entry point usable on
 * parsed objects; the public `PolicyAnalyzer` wraps it for text.
 *
 * A document grants full privileges when one Allow statement allows every action on every
 * resource without a condition, and no unconditional Deny of everything cancels it.
 * Conditions: a conditioned Allow is not counted (the condition may narrow it to
 * nothing), which means a condition that is always true hides a grant from this
 * judgement. NotAction / NotResource: counted only when they exclude nothing; an Allow
 * of NotAction `iam:*` on `*` is reported by the cdk-nag pack, not here.
 */
import { PolicyStatement, readStatements, statementLabel } from './policy-document';
import {
  deniesEverythingUnconditionally,
  grantsEverythingUnconditionally,
} from './statement-analysis';

/** The statements that grant full privileges (empty when the document is not a grant). */
export function fullPrivilegeStatements(document: unknown): PolicyStatement[] {
  const statements = readStatements(document);
  if (statements.some(deniesEverythingUnconditionally)) return [];
  return statements.filter(grantsEverythingUnconditionally);
}

/** Whether a policy document (text or object) grants full privileges. Never throws. */
export function grantsFullPrivileges(document: unknown): boolean {
  try {
    return fullPrivilegeStatements(document).length > 0;
  } catch {
    return false;
  }
}

/** Labels (Sid or index) of the statements that grant full privileges. */
export function fullPrivilegeStatementLabels(document: unknown): string[] {
  try {
    return fullPrivilegeStatements(document).map(statementLabel);
  } catch {
    return [];
  }
}
