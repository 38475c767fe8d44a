import * as ipaddr from 'ipaddr.js';

/**
 * Error type and address parsing shared by the event-pattern compiler files.
 * Internal: not exported from the package barrel.
 */

export class EventPatternError extends Error {
  constructor(path: string, why: string) {
    super(`Invalid event pattern at ${path || 'the top level'}: ${why}`);
    this.name = 'EventPatternError';
  }
}

/** Parses an address for cidr matching; undefined when it is not one. */
export function parseAddress(s: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return ipaddr.IPv4.parse(s);
  if (s.includes(':') && ipaddr.IPv6.isValid(s)) {
    const v6 = ipaddr.IPv6.parse(s);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return undefined;
}
