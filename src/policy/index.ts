export * from './policy-analyzer';
export * from './full-privilege-grant-monitor';
