/**
 * One line per MQTT packet for `stride mqtt decode`'s table: the type, then its fields said briefly
 * (`PUBLISH "sensors/t1" qos 1, packetId 7, 13 bytes "qos 1 message"`, `CONNECT clientId "c1",
 * MQTT 5.0, keepAlive 60, clean start`, `SUBACK packetId 1, 0x01 Granted QoS 1`), reason codes with
 * the spec's names, controls escaped, long values cut and the line bounded. Only what is shown is
 * looked at: a SUBSCRIBE of ten thousand filters costs its first few.
 */
import { type MqttPacket, type Properties, reasonCodeName, type Subscription } from '@stride/mqtt';
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

/** A reason code and its name: `0x87 Not authorized`; 0x00 is `zero`'s name (it differs by packet). */
export function reason(code: number, zero = 'Success'): string {
  const name = reasonCodeName(code, { zero });
  return `0x${code.toString(16).padStart(2, '0')}${name === undefined ? '' : ` ${name}`}`;
}

/** ` name` of a 3.1.1 CONNACK return code, or nothing for one the spec does not name. */
function returnCode(code: number): string {
  const name = reasonCodeName(code, { connack311: true });
  return name === undefined ? '' : ` ${name}`;
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
      const code = version === 4 ? `${p.reasonCode}${returnCode(p.reasonCode)}` : reason(p.reasonCode);
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
