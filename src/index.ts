export * from './account';
export * from './policy';
export * from './organization';
export * from './trail';
export * from './detections';
export * from './compliance';
export * from './patterns';
export * from './nag';
