import { Token } from 'aws-cdk-lib';

/**
 * The settings of an IAM account password policy.
 *
 * Shared by `AccountPasswordPolicy` (which applies them) and `IamConfigRules` (whose
 * `iam-password-policy` rule checks them), so the two can never disagree.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
 */
export interface PasswordPolicySettings {
  /**
   * Minimum number of characters in a password, 6 to 128.
   *
   * @default 14 (CIS AWS Foundations 1.8, Security Hub IAM.15)
   */
  readonly minimumPasswordLength?: number;

  /**
   * Require at least one upper-case letter (A to Z).
   *
   * @default true
   */
  readonly requireUppercaseCharacters?: boolean;

  /**
   * Require at least one lower-case letter (a to z).
   *
   * @default true
   */
  readonly requireLowercaseCharacters?: boolean;

  /**
   * Require at least one number (0 to 9).
   *
   * @default true
   */
  readonly requireNumbers?: boolean;

  /**
   * Require at least one symbol (non-alphanumeric character).
   *
   * @default true
   */
  readonly requireSymbols?: boolean;

  /**
   * Number of previous passwords a user may not reuse, 1 to 24.
   *
   * @default 24 (CIS AWS Foundations 1.9, Security Hub IAM.16)
   */
  readonly passwordReusePrevention?: number;

  /**
   * Days a password stays valid, 1 to 1095.
   *
   * @default 90 (Security Hub IAM.17)
   */
  readonly maxPasswordAge?: number;

  /**
   * Let IAM users change their own password.
   *
   * @default true
   */
  readonly allowUsersToChangePassword?: boolean;

  /**
   * Stop users whose password expired from choosing a new one (an administrator must reset it).
   *
   * @default false
   */
  readonly hardExpiry?: boolean;
}

/** Password policy settings with every default applied. */
export interface ResolvedPasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly passwordReusePrevention: number;
  readonly maxPasswordAge: number;
  readonly allowUsersToChangePassword: boolean;
  readonly hardExpiry: boolean;
}

const RANGES: Array<[keyof ResolvedPasswordPolicy, number, number]> = [
  ['minimumPasswordLength', 6, 128],
  ['passwordReusePrevention', 1, 24],
  ['maxPasswordAge', 1, 1095],
];

/**
 * Applies the defaults and checks the ranges IAM accepts.
 *
 * @param owner the construct path named in error messages
 * @throws when a number is outside the range IAM accepts or is not a whole number
 */
export function resolvePasswordPolicy(owner: string, settings: PasswordPolicySettings = {}): ResolvedPasswordPolicy {
  const resolved: ResolvedPasswordPolicy = {
    minimumPasswordLength: settings.minimumPasswordLength ?? 14,
    requireUppercaseCharacters: settings.requireUppercaseCharacters ?? true,
    requireLowercaseCharacters: settings.requireLowercaseCharacters ?? true,
    requireNumbers: settings.requireNumbers ?? true,
    requireSymbols: settings.requireSymbols ?? true,
    passwordReusePrevention: settings.passwordReusePrevention ?? 24,
    maxPasswordAge: settings.maxPasswordAge ?? 90,
    allowUsersToChangePassword: settings.allowUsersToChangePassword ?? true,
    hardExpiry: settings.hardExpiry ?? false,
  };

  for (const [name, min, max] of RANGES) {
    const value = resolved[name] as number;
    if (Token.isUnresolved(value)) continue;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(
        `${owner}: ${name} is ${value}; IAM accepts a whole number from ${min} to ${max}. ` +
          `Set ${name} within that range, or leave it unset for the default.`,
      );
    }
  }
  return resolved;
}

/** A setting given twice with two values. */
export interface PasswordPolicyConflict {
  readonly name: keyof PasswordPolicySettings;
  readonly given: number | boolean;
  readonly applied: number | boolean | undefined;
}

/**
 * The first setting `given` sets to a value other than the one in `applied`. A setting left
 * unset agrees with anything, and a token is never compared.
 */
export function passwordPolicyConflict(
  given: PasswordPolicySettings, applied: PasswordPolicySettings): PasswordPolicyConflict | undefined {
  for (const name of Object.keys(given) as Array<keyof PasswordPolicySettings>) {
    const value = given[name];
    const other = applied[name];
    if (value === undefined || Token.isUnresolved(value) || Token.isUnresolved(other)) continue;
    if (value !== other) return { name, given: value, applied: other };
  }
  return undefined;
}
