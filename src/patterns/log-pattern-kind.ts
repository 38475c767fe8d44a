/**
 * The kinds of CloudWatch Logs filter pattern.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export enum LogPatternKind {
  /** The empty pattern: every log event matches. */
  ALL_EVENTS = 'AllEvents',
  /** Terms and quoted phrases, with `?` alternatives and `-` exclusions. */
  TERMS = 'Terms',
  /** A JSON pattern between braces, with `$.` selectors. */
  JSON = 'Json',
  /** A space-delimited pattern between square brackets. */
  SPACE_DELIMITED = 'SpaceDelimited',
  /** A standalone regular expression between `%` signs. */
  REGEX = 'Regex',
}
