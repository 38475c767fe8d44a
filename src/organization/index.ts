export * from './guardrail-protection-policy';
