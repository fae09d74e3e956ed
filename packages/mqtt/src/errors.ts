/**
 * The errors of reading MQTT. Every one is a DecodeError from @stride/codec (codec finds each fault
 * inside a packet and keeps its class: a ValidationError, a TagError, a LimitError …) with the
 * absolute stream offset of the byte at fault and the field path, recoded with a code of MQTT's
 * below. Each code is one reason code of MQTT 5.0 (§2.4, "Reason Code"): the one a server or client
 * sends in the DISCONNECT or CONNACK that closes a connection for that fault (`reasonCodeOf`).
 *
 * A check written in this package names its code where it is made: `fault(code, expected)` returns
 * the `expected` text a refine or an invalid() call carries, and remembers which code it stands for.
 */
import { DecodeError, type DecodeErrorCode } from '@stride/codec';

export const MqttErrorCode = {
  /** Bytes that do not parse as the spec says: an unknown packet type, reserved flags set, a bad Variable Byte Integer, malformed UTF-8, U+0000, a field past the remaining length, QoS 3 (0x81). */
  MALFORMED_PACKET: 'MALFORMED_PACKET',
  /** A packet that parses but breaks a rule: a property given twice, a property value out of range, packet identifier 0, a SUBSCRIBE with no topic filter (0x82). */
  PROTOCOL_ERROR: 'PROTOCOL_ERROR',
  /** A CONNECT with a protocol name or level this reader does not speak (0x84). */
  UNSUPPORTED_PROTOCOL_VERSION: 'UNSUPPORTED_PROTOCOL_VERSION',
  /** A PUBLISH topic with a wildcard (`+`, `#`) (0x90). */
  TOPIC_NAME_INVALID: 'TOPIC_NAME_INVALID',
  /** A packet longer than the reader's `maxPacketSize` (0x95). */
  PACKET_TOO_LARGE: 'PACKET_TOO_LARGE',
} as const;
export type MqttErrorCode = (typeof MqttErrorCode)[keyof typeof MqttErrorCode];

/** Every code an error from reading MQTT carries: MQTT's and codec's (`INCOMPLETE` …). */
export type MqttReadErrorCode = MqttErrorCode | DecodeErrorCode;

/** The reason code of MQTT 5.0 for each code. */
const REASON_CODES: Readonly<Record<MqttErrorCode, number>> = {
  MALFORMED_PACKET: 0x81,
  PROTOCOL_ERROR: 0x82,
  UNSUPPORTED_PROTOCOL_VERSION: 0x84,
  TOPIC_NAME_INVALID: 0x90,
  PACKET_TOO_LARGE: 0x95,
};

/**
 * The MQTT 5.0 reason code that applies to an error from reading MQTT: its code's, or 0x81
 * (Malformed Packet) for codec's own codes (a stream cut inside a packet, a limit).
 */
export function reasonCodeOf(error: DecodeError<string>): number {
  return REASON_CODES[error.code as MqttErrorCode] ?? 0x81;
}

/** The code each `expected` text made by `fault` stands for. */
const faults = new Map<string, MqttErrorCode>();

/** `expected` as a check's expectation, remembered as a fault of `code`. */
export function fault(code: MqttErrorCode, expected: string): string {
  faults.set(expected, code);
  return expected;
}

/** What MALFORMED_PACKET says of a first byte that names no packet of the version. */
function badHeader(e: DecodeError<string>): string {
  const byte = Number.parseInt(e.actual ?? '', 10);
  if (!Number.isInteger(byte)) return 'an unknown packet type';
  const type = byte >> 4;
  const flags = (byte & 0xf).toString(2).padStart(4, '0');
  if (type === 3) return `a PUBLISH with QoS 3 (flags ${flags})`;
  if (type === 0 || (type === 15 && !e.expected?.includes('240')))
    return `packet type ${type}, reserved in this version`;
  return `packet type ${type} with flags ${flags}, which the spec fixes`;
}

/**
 * A codec fault recoded in MQTT's terms (in place: the decoder raises the same error object again
 * on later calls, so this must be idempotent). Anything else is returned as it is.
 */
export function mqttError(e: unknown): unknown {
  if (!(e instanceof DecodeError)) return e;
  const code = e.code as string;
  if (code in MqttErrorCode || code === 'INCOMPLETE') return e;
  const named = e.expected === undefined ? undefined : faults.get(e.expected);
  if (named !== undefined) return e.recode(named);
  if (code === 'BAD_TAG' && e.pathSegments[e.pathSegments.length - 1] === 'header')
    return e.recode('MALFORMED_PACKET', badHeader(e));
  if (code === 'TRAILING_BYTES')
    return e.recode(
      'MALFORMED_PACKET',
      "bytes past the packet's fields: its remaining length is longer than they are",
    );
  return e.recode('MALFORMED_PACKET');
}
