export * from './granted-then-used-monitor';
export * from './investigation-queries';
