export * from './policy-analyzer';
