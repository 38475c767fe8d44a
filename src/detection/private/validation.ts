import { Duration, Token } from 'aws-cdk-lib';

// A pragmatic address check: one @, no spaces, a dot in the domain. SNS does its own
// validation at deploy time; this catches typos at synth time.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmails(path: string, emails: string[]): string[] {
  for (const email of emails) {
    if (!Token.isUnresolved(email) && !EMAIL.test(email)) {
      throw new Error(
        `${path}: emails contains '${email}', which is not an email address. ` +
          'Give addresses such as secops@example.com.',
      );
    }
  }
  return emails;
}

export function validateAtLeastOne(path: string, property: string, value: number | undefined): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${path}: ${property} is ${value}; it must be a whole number of at least 1.`,
    );
  }
}

export function validatePeriod(path: string, property: string, period: Duration | undefined): void {
  if (period === undefined || period.isUnresolved()) return;
  const seconds = period.toSeconds();
  if (seconds < 60 || seconds % 60 !== 0) {
    throw new Error(
      `${path}: ${property} is ${seconds} seconds; metric filter alarms need a whole number of ` +
        'minutes (a multiple of 60 seconds). Use Duration.minutes(...).',
    );
  }
}
