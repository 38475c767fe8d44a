import { CompiledLogPattern } from './compiled-log-pattern';

/**
 * Links each public LogPattern to its compiled form without exposing it in the
 * jsii API. Internal: not exported from the package barrel.
 */
export const COMPILED = new WeakMap<object, CompiledLogPattern>();
