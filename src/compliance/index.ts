export * from './finding-aggregation';
export * from './guardduty-detector';
export * from './iam-config-rule';
export * from './iam-config-rules';
export * from './security-hub-standard';
export * from './security-hub-standards';
