export * from './cloudtrail-source';
export * from './iam-guardrails';
