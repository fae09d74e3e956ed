/**
 * The client's errors, besides the reader's (codec's DecodeErrors with MQTT's codes, which end the
 * connection): the server saying no or breaking the protocol (MqttClientError, with the packet and
 * its reason code), and the connection's end (MqttConnectionError).
 */
import type { MqttPacket } from '../packets/packet.js';

export type MqttClientErrorCode =
  | 'CONNECT_REFUSED'
  | 'PUBLISH_FAILED'
  | 'SUBSCRIBE_FAILED'
  | 'SERVER_DISCONNECT'
  | 'UNEXPECTED_PACKET';

/**
 * What the server answered: `CONNECT_REFUSED` (a CONNACK whose reason code is not 0; the connection
 * ends), `PUBLISH_FAILED` (a PUBACK, PUBREC or PUBCOMP of 0x80 or more; the connection goes on),
 * `SUBSCRIBE_FAILED` (a SUBACK of 0x80 or more; it goes on), `SERVER_DISCONNECT` (the server's
 * DISCONNECT, 5.0; it ends), `UNEXPECTED_PACKET` (a packet the client has no place for: a second
 * CONNACK, an acknowledgement of nothing sent, a packet only clients send; it ends).
 */
export class MqttClientError extends Error {
  override name = 'MqttClientError';
  readonly code: MqttClientErrorCode;
  /** The packet's reason code (CONNACK's return code in 3.1.1), if it has one. */
  readonly reasonCode: number | undefined;
  /** The packet at fault. */
  readonly packet: MqttPacket;
  /** The absolute offset of the packet's first byte in the server's stream. */
  readonly offset: number;

  /** `reasonCode`: the packet's own, unless given (one of a SUBACK's). */
  constructor(
    code: MqttClientErrorCode,
    message: string,
    packet: MqttPacket,
    offset: number,
    reasonCode?: number,
  ) {
    reasonCode ??= 'reasonCode' in packet ? packet.reasonCode : undefined;
    super(reasonCode === undefined ? message : `${message}: ${reasonText(reasonCode, packet)}`);
    this.code = code;
    this.reasonCode = reasonCode;
    this.packet = packet;
    this.offset = offset;
  }
}

export type MqttConnectionErrorCode =
  | 'CONNECTION_CLOSED'
  | 'CLIENT_CLOSED'
  | 'CONNECT_TIMEOUT'
  | 'PING_TIMEOUT';

/**
 * The connection is gone or cannot go on: `CONNECTION_CLOSED` (refused, failed or ended by the
 * server; `cause` is the socket's error, or the IncompleteError of a packet cut short),
 * `CLIENT_CLOSED` (`destroy()`, or a call after `close()`), `CONNECT_TIMEOUT` (no CONNACK within
 * `connectTimeoutMs`), `PING_TIMEOUT` (no PINGRESP within `pingTimeoutMs` of a PINGREQ).
 */
export class MqttConnectionError extends Error {
  override name = 'MqttConnectionError';
  readonly code: MqttConnectionErrorCode;
  /** Where the server's stream stood when it happened: the bytes of the packets read whole. */
  readonly offset: number;

  constructor(code: MqttConnectionErrorCode, message: string, offset: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.offset = offset;
  }
}

/** The spec's names of the reason codes a server answers a client with (5.0 §2.4; 3.1.1's CONNACK return codes). */
const REASONS: Record<number, string> = {
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

const RETURN_CODES_311: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

/** `0x87 (Not authorized)`, and the server's reason string when it sent one. */
function reasonText(code: number, packet: MqttPacket): string {
  const name = (packet.type === 'CONNACK' && code < 0x80 ? RETURN_CODES_311 : REASONS)[code];
  const hex = `0x${code.toString(16).padStart(2, '0')}`;
  const said = 'properties' in packet ? packet.properties?.reasonString : undefined;
  return `${hex}${name ? ` (${name})` : ''}${said ? `: ${said}` : ''}`;
}
