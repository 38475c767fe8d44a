import { fullPrivilegeStatementLabels, grantsFullPrivileges } from './private/full-privilege';

/**
 * Judges IAM policy documents the way CloudTrail logs them.
 *
 * A document is accepted as JSON text in any formatting, URL-encoded or not (IAM logs
 * some documents percent-encoded). `Statement`, `Action` and `Resource` may be a single
 * value or an array. Anything that is not a policy document is judged not to be a grant;
 * the analyzer never throws.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export class PolicyAnalyzer {
  /**
   * Whether the document grants full privileges: one Allow statement allows every action
   * (`*`, `*:*`) on every resource (`*`) with no condition, and no unconditional Deny of
   * everything cancels it. A deny-all quarantine policy is not a grant. A statement with
   * a `Condition`, or whose `NotAction` or `NotResource` excludes anything, is not
   * counted.
   *
   * @param document the policy document as JSON text, URL-encoded or not
   */
  public static grantsFullPrivileges(document: string): boolean {
    return grantsFullPrivileges(document);
  }

  /**
   * The statements that grant full privileges, each named by its `Sid`, or by its
   * zero-based position when it has none. Empty when the document is not a grant.
   *
   * @param document the policy document as JSON text, URL-encoded or not
   */
  public static fullPrivilegeStatements(document: string): string[] {
    return fullPrivilegeStatementLabels(document);
  }

  private constructor() {}
}
