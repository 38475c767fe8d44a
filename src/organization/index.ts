export * from './guardrail-protection-policy';
export * from './baseline-template';
export * from './baseline-stack-set';
export * from './delegated-administrators';
export * from './organization-auto-enable';
export * from './central-event-bus';
export * from './detection-forwarder';
export * from './organization-guardrails';
