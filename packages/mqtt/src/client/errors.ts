/**
 * The client's errors, besides the reader's (codec's DecodeErrors with MQTT's codes, which end the
 * connection): the server saying no or breaking the protocol (MqttClientError, with the packet and
 * its reason code), and the connection's end (MqttConnectionError).
 */
import type { MqttPacket } from '../packets/packet.js';
import { reasonCodeName } from '../packets/reason-codes.js';

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

/** `0x87 (Not authorized)`, and the server's reason string when it sent one. */
function reasonText(code: number, packet: MqttPacket): string {
  const name = reasonCodeName(code, { connack311: packet.type === 'CONNACK' && code < 0x80 });
  const hex = `0x${code.toString(16).padStart(2, '0')}`;
  const said = 'properties' in packet ? packet.properties?.reasonString : undefined;
  return `${hex}${name ? ` (${name})` : ''}${said ? `: ${said}` : ''}`;
}
