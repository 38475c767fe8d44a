export * from './iam-guardrails-checks';
