/**
 * One line per MQTT packet for `stride mqtt decode`'s table: the type, then its fields said briefly
 * (`PUBLISH "sensors/t1" qos 1, packetId 7, 13 bytes "qos 1 message"`, `CONNECT clientId "c1",
 * MQTT 5.0, keepAlive 60, clean start`, `SUBACK packetId 1, 0x01 Granted QoS 1`), reason codes with
 * the spec's names, controls escaped, long values cut and the line bounded. Only what is shown is
 * looked at: a SUBSCRIBE of ten thousand filters costs its first few.
 */
import type { MqttPacket, Properties, Subscription } from '@stride/mqtt';
import { quoteBytes } from '../redis/summary.js';
import { bounded, clip, count, listed, map } from '../text.js';

/** The version packets are read in: 4 (3.1, 3.1.1) or 5 (5.0). */
export type Version = 4 | 5;

/** A summary's fields (after the type) are at most this many characters. */
const SUMMARY_WIDTH = 100;
/** A topic or topic filter is cut to about this many characters. */
const TOPIC_WIDTH = 40;
/** A value (a payload's preview, a property's, a client identifier) is cut to about this many. */
const VALUE_WIDTH = 24;

/** MQTT 5.0's reason codes (§2.4) by value; 0x00 is named by the packet (`reason`). */
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

/** MQTT 3.1.1's CONNACK return codes (§3.2.2.3). */
const RETURN_CODES: readonly string[] = [
  'Connection Accepted',
  'unacceptable protocol version',
  'identifier rejected',
  'Server unavailable',
  'bad user name or password',
  'not authorized',
];

/** A reason code and its name: `0x87 Not authorized`; 0x00 is `zero`'s name (it differs by packet). */
export function reason(code: number, zero = 'Success'): string {
  const name = code === 0 ? zero : REASONS[code];
  return `0x${code.toString(16).padStart(2, '0')}${name === undefined ? '' : ` ${name}`}`;
}

/** Text quoted, controls escaped (clip), quotes escaped after it, cut to about `width`. */
function quoted(s: string, width: number): string {
  return `"${clip(s, width).replaceAll('"', '\\"')}"`;
}

/** A property's value: strings quoted, bytes as a payload is shown, user properties `name="value"`. */
function propertyValue(value: unknown): string {
  if (typeof value === 'string') return quoted(value, VALUE_WIDTH);
  if (value instanceof Uint8Array) return quoteBytes(value, VALUE_WIDTH);
  if (Array.isArray(value))
    return `[${listed(
      map(value as unknown[], (v) =>
        Array.isArray(v)
          ? `${clip(String(v[0]), VALUE_WIDTH)}=${quoted(String(v[1]), VALUE_WIDTH)}`
          : String(v),
      ),
      SUMMARY_WIDTH - 30,
    )}]`;
  return String(value);
}

/** `properties {receiveMaximum 20, …}`, or nothing for none. */
function properties(p: Properties | undefined): string[] {
  if (p === undefined) return [];
  const shown = listed(
    map(
      Object.entries(p).filter(([, v]) => v !== undefined),
      ([k, v]) => `${k} ${propertyValue(v)}`,
    ),
    SUMMARY_WIDTH,
  );
  return shown === '' ? [] : [`properties {${shown}}`];
}

function subscription(s: Subscription): string {
  const options = [
    s.noLocal ? ' noLocal' : '',
    s.retainAsPublished ? ' retainAsPublished' : '',
    s.retainHandling ? ` retainHandling ${s.retainHandling}` : '',
  ];
  return `${quoted(s.topicFilter, TOPIC_WIDTH)} qos ${s.qos}${options.join('')}`;
}

/** A SUBACK's code: the QoS granted or a failure (3.1.1 has only 0x80, `Failure`). */
function granted(code: number, version: Version): string {
  if (version === 4) return code <= 2 ? `qos ${code}` : code === 0x80 ? '0x80 Failure' : reason(code);
  return reason(code, 'Granted QoS 0');
}

/** The protocol level's name. */
export function level(l: number): string {
  return l === 5 ? 'MQTT 5.0' : l === 4 ? 'MQTT 3.1.1' : l === 3 ? 'MQTT 3.1' : `protocol level ${l}`;
}

/** The fields of a packet read in `version`, as parts of its line. */
function fields(p: MqttPacket, version: Version): string[] {
  switch (p.type) {
    case 'CONNECT': {
      const w = p.will;
      return [
        `clientId ${quoted(p.clientId, VALUE_WIDTH)}`,
        `${level(p.protocolVersion)}${p.protocolName === 'MQTT' ? '' : ` (${quoted(p.protocolName, 8)})`}`,
        `keepAlive ${p.keepAlive}`,
        ...(p.cleanStart ? ['clean start'] : []),
        ...(w === undefined
          ? []
          : [`will ${quoted(w.topic, TOPIC_WIDTH)} qos ${w.qos}${w.retain ? ' retain' : ''}`]),
        ...(p.username === undefined ? [] : [`username ${quoted(p.username, VALUE_WIDTH)}`]),
        // A password is shown by its size only (--json has the bytes).
        ...(p.password === undefined ? [] : [`password ${count(p.password.length, 'byte')}`]),
        ...properties(p.properties),
      ];
    }
    case 'CONNACK': {
      const code =
        version === 4
          ? `${p.reasonCode}${RETURN_CODES[p.reasonCode] === undefined ? '' : ` ${RETURN_CODES[p.reasonCode]}`}`
          : reason(p.reasonCode);
      return [code, ...(p.sessionPresent ? ['session present'] : []), ...properties(p.properties)];
    }
    case 'PUBLISH':
      return [
        `${quoted(p.topic, TOPIC_WIDTH)} qos ${p.qos}`,
        ...(p.packetId === undefined ? [] : [`packetId ${p.packetId}`]),
        ...(p.retain ? ['retain'] : []),
        ...(p.dup ? ['dup'] : []),
        `${count(p.payload.length, 'byte')}${p.payload.length === 0 ? '' : ` ${quoteBytes(p.payload, VALUE_WIDTH)}`}`,
        ...properties(p.properties),
      ];
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
      return [
        `packetId ${p.packetId}`,
        ...(p.reasonCode === undefined ? [] : [reason(p.reasonCode)]),
        ...properties(p.properties),
      ];
    case 'SUBSCRIBE':
      return [
        `packetId ${p.packetId}`,
        ...properties(p.properties),
        listed(map(p.subscriptions, subscription), SUMMARY_WIDTH),
      ];
    case 'SUBACK':
      return [
        `packetId ${p.packetId}`,
        ...properties(p.properties),
        listed(
          map(p.reasonCodes, (c) => granted(c, version)),
          SUMMARY_WIDTH,
        ),
      ];
    case 'UNSUBSCRIBE':
      return [
        `packetId ${p.packetId}`,
        ...properties(p.properties),
        listed(
          map(p.topicFilters, (f) => quoted(f, TOPIC_WIDTH)),
          SUMMARY_WIDTH,
        ),
      ];
    case 'UNSUBACK':
      return [
        `packetId ${p.packetId}`,
        ...properties(p.properties),
        ...(p.reasonCodes === undefined || p.reasonCodes.length === 0
          ? []
          : [
              listed(
                map(p.reasonCodes, (c) => reason(c)),
                SUMMARY_WIDTH,
              ),
            ]),
      ];
    case 'DISCONNECT':
    case 'AUTH':
      return [
        ...(p.reasonCode === undefined
          ? []
          : [reason(p.reasonCode, p.type === 'DISCONNECT' ? 'Normal disconnection' : 'Success')]),
        ...properties(p.properties),
      ];
    case 'PINGREQ':
    case 'PINGRESP':
      return [];
    default:
      return unreachable(p);
  }
}

/** A packet's line: its type, then its fields in at most SUMMARY_WIDTH characters. */
export function summarize(p: MqttPacket, version: Version): string {
  const parts = fields(p, version);
  return parts.length === 0 ? p.type : `${p.type} ${bounded(parts.join(', '), SUMMARY_WIDTH)}`;
}

/** A packet type added to @stride/mqtt without a case above fails to compile here. */
function unreachable(_packet: never): string[] {
  return [];
}
