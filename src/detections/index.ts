export * from './severity';
export * from './track';
export * from './detection';
export * from './detection-catalog';
export * from './privileged-principal-activity';
