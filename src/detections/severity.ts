/**
 * How urgently a detection's finding needs a responder.
 *
 * The values match Security Hub's severity labels, so findings and notifications can be
 * routed with one vocabulary.
 */
export enum Severity {
  /** Someone may hold full control of the account now: page a responder. */
  CRITICAL = 'CRITICAL',
  /** A likely attack step: look within the hour. */
  HIGH = 'HIGH',
  /** Suspicious on its own, worth a look the same day. */
  MEDIUM = 'MEDIUM',
  /** Context for an investigation; rarely worth a page. */
  LOW = 'LOW',
  /** Recorded for dashboards and audits only. */
  INFORMATIONAL = 'INFORMATIONAL',
}

