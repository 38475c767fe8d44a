export { PasswordPolicySettings } from './password-policy-settings';
