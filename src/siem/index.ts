export * from './siem-record-filter';
export * from './siem-destination';
export * from './siem-forwarding';
