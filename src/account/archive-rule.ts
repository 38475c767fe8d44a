/**
 * One criterion of an IAM Access Analyzer archive rule: a finding property and the
 * values it must (or must not) have. Give at least one of `eq`, `neq`, `contains` or
 * `exists`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
 */
export interface ArchiveRuleFilter {
  /**
   * The finding property to test, such as `resourceType`, `principal.AWS`, `isPublic`,
   * `resource` or `condition.aws:SourceVpc`.
   */
  readonly property: string;

  /**
   * The property equals one of these values.
   *
   * @default - not tested
   */
  readonly eq?: string[];

  /**
   * The property equals none of these values.
   *
   * @default - not tested
   */
  readonly neq?: string[];

  /**
   * The property contains one of these values.
   *
   * @default - not tested
   */
  readonly contains?: string[];

  /**
   * The property is present (`true`) or absent (`false`).
   *
   * @default - not tested
   */
  readonly exists?: boolean;
}

/**
 * An archive rule: findings that match every filter are archived automatically, new and
 * existing alike.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-archive-rules.html
 */
export interface ArchiveRule {
  /** The rule's name: a letter, then letters, digits, `_`, `.` or `-`; at most 255 characters. */
  readonly ruleName: string;

  /** The criteria a finding must all meet to be archived; at least one. */
  readonly filters: ArchiveRuleFilter[];
}
