export * from './granted-then-used-monitor';
export * from './investigation-queries';
export * from './investigation-link';
