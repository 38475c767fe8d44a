export * from './guardrail-protection-policy';
export * from './baseline-template';
export * from './baseline-stack-set';
