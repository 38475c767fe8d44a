export * from './log-pattern-kind';
export * from './log-pattern';
export * from './eventbridge-pattern';
export * from './cloudtrail-delivery';
