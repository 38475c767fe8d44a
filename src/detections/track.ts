/** The family a detection belongs to. */
export enum DetectionTrack {
  /** Attacks on IAM: tuned, robust patterns; enabled by default. */
  IAM_ATTACK = 'IamAttack',
  /**
   * The CIS AWS Foundations / Security Hub CloudWatch.1-14 metric filters and CIS 4.15,
   * kept character for character so Security Hub's exact-match controls pass. Opt-in.
   */
  CIS = 'Cis',
  /** A detection the user added. */
  CUSTOM = 'Custom',
}
