export * from './granted-then-used-monitor';
