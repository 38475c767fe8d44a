/** Default name prefixes, shared by the protection policy and the forwarder. */
export const DEFAULT_LOG_GROUP_NAME_PREFIX = '/aws/cloudtrail/';
/** Default alarm and rule name prefix. */
export const DEFAULT_GUARDRAIL_NAME_PREFIX = 'IamGuardrails';
