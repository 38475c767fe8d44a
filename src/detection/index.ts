export * from './alarm-topic';
export * from './detection-override';
export * from './iam-threat-detection';
export * from './global-event-forwarder';
