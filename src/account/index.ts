export * from './password-policy-settings';
