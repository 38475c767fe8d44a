export type { PasswordPolicySettings } from './password-policy-settings';
export * from './account-password-policy';
export * from './mfa-enforcement';
export * from './archive-rule';
export * from './access-analyzer';
