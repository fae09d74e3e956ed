/**
 * The names of MQTT's reason codes: 5.0's (§2.4; 0x00 is named by its packet: Success, Normal
 * disconnection, Granted QoS 0) and 3.1.1's CONNACK return codes (§3.2.2.3), for messages and
 * listings (`0x87 Not authorized`).
 */

/** MQTT 5.0's reason codes but 0x00, by value. */
const REASONS: Readonly<Record<number, string>> = {
  1: 'Granted QoS 1',
  2: 'Granted QoS 2',
  4: 'Disconnect with Will Message',
  16: 'No matching subscribers',
  17: 'No subscription existed',
  24: 'Continue authentication',
  25: 'Re-authenticate',
  128: 'Unspecified error',
  129: 'Malformed Packet',
  130: 'Protocol Error',
  131: 'Implementation specific error',
  132: 'Unsupported Protocol Version',
  133: 'Client Identifier not valid',
  134: 'Bad User Name or Password',
  135: 'Not authorized',
  136: 'Server unavailable',
  137: 'Server busy',
  138: 'Banned',
  139: 'Server shutting down',
  140: 'Bad authentication method',
  141: 'Keep Alive timeout',
  142: 'Session taken over',
  143: 'Topic Filter invalid',
  144: 'Topic Name invalid',
  145: 'Packet Identifier in use',
  146: 'Packet Identifier not found',
  147: 'Receive Maximum exceeded',
  148: 'Topic Alias invalid',
  149: 'Packet too large',
  150: 'Message rate too high',
  151: 'Quota exceeded',
  152: 'Administrative action',
  153: 'Payload format invalid',
  154: 'Retain not supported',
  155: 'QoS not supported',
  156: 'Use another server',
  157: 'Server moved',
  158: 'Shared Subscriptions not supported',
  159: 'Connection rate exceeded',
  160: 'Maximum connect time',
  161: 'Subscription Identifiers not supported',
  162: 'Wildcard Subscriptions not supported',
};

/** MQTT 3.1.1's CONNACK return codes. */
const RETURN_CODES: readonly string[] = [
  'Connection Accepted',
  'unacceptable protocol version',
  'identifier rejected',
  'Server unavailable',
  'bad user name or password',
  'not authorized',
];

/**
 * The name of a reason code (undefined for a value the spec does not name). `zero` names 0x00, which
 * depends on the packet (default `Success`). With `connack311`, 3.1.1's CONNACK return codes.
 */
export function reasonCodeName(
  code: number,
  options: { zero?: string; connack311?: boolean } = {},
): string | undefined {
  if (options.connack311) return RETURN_CODES[code];
  return code === 0 ? (options.zero ?? 'Success') : REASONS[code];
}
