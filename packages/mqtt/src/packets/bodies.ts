/**
 * The variable header and payload of every packet type (MQTT 5.0 §3, 3.1.1 §3), one struct each,
 * as the bytes lay them out; packet.ts puts each within its remaining length behind its first
 * byte and turns them into the packets users see. Bodies that differ between versions are built
 * for one (`4`: 3.1 and 3.1.1, `5`: 5.0).
 */
import {
  array,
  bits,
  bool,
  bytes,
  type Infer,
  optional,
  refine,
  struct,
  u8,
  u16be,
  when,
} from '@stride/codec';
import { fault } from '../errors.js';
import { binary, packetId, utf8 } from './primitives.js';
import { propertiesOf } from './properties.js';

export type Version = 4 | 5;

const NAME = fault('UNSUPPORTED_PROTOCOL_VERSION', 'protocol name MQTT (or MQIsdp, for 3.1)');
const LEVEL = fault('UNSUPPORTED_PROTOCOL_VERSION', 'protocol level 3, 4 or 5');
const CONNECT_FLAGS = fault(
  'MALFORMED_PACKET',
  'connect flags with bit 0 clear, will QoS below 3, and will QoS and retain clear without a will',
);
const CONNECT_FLAGS_4 = fault(
  'MALFORMED_PACKET',
  'connect flags with bit 0 clear, will QoS below 3, will QoS and retain clear without a will, and no password without a user name',
);
const NO_WILDCARD = fault('TOPIC_NAME_INVALID', 'a topic name without wildcards (+, #)');
const NOT_EMPTY = fault('TOPIC_NAME_INVALID', 'a topic name of at least one character');
const CONNACK_FLAGS = fault('MALFORMED_PACKET', 'connect acknowledge flags with bits 1-7 clear');
const SOME = fault('PROTOCOL_ERROR', 'at least one topic filter');
const OPTIONS_4 = fault('MALFORMED_PACKET', 'subscription options of QoS 0, 1 or 2 with bits 2-7 clear');
const OPTIONS_5 = fault(
  'MALFORMED_PACKET',
  'subscription options with bits 6-7 clear, QoS below 3 and retain handling below 3',
);

const flagBits = bits({
  username: bool,
  password: bool,
  willRetain: bool,
  willQos: 2,
  will: bool,
  cleanStart: bool,
  reserved: 1,
});
type ConnectFlags = Infer<typeof flagBits>;

const flagsValid = (f: ConnectFlags) =>
  f.reserved === 0 && f.willQos < 3 && (f.will || (f.willQos === 0 && !f.willRetain));
const connectFlags5 = refine(flagBits, flagsValid, CONNECT_FLAGS);
/** 3.1 and 3.1.1 also rule out a password without a user name (3.1.1 §3.1.2.9). */
const connectFlags4 = refine(flagBits, (f) => flagsValid(f) && (f.username || !f.password), CONNECT_FLAGS_4);

/**
 * CONNECT, for every version: its protocol level says whether properties follow (5.0), so it is
 * read the same way whatever the connection's version was thought to be.
 */
export const connectBody = struct({
  protocolName: refine(utf8, (n) => n === 'MQTT' || n === 'MQIsdp', NAME),
  protocolVersion: refine(u8, (v) => v >= 3 && v <= 5, LEVEL),
})
  .field('flags', (s) => (s.protocolVersion === 5 ? connectFlags5 : connectFlags4))
  .field('keepAlive', () => u16be)
  .field('properties', (s) => when(s.protocolVersion === 5, propertiesOf('CONNECT')))
  .field('clientId', () => utf8)
  .field('willProperties', (s) => when(s.flags.will && s.protocolVersion === 5, propertiesOf('WILL')))
  .field('willTopic', (s) => when(s.flags.will, topicName(s.protocolVersion === 5 ? 5 : 4)))
  .field('willPayload', (s) => when(s.flags.will, binary))
  .field('username', (s) => when(s.flags.username, utf8))
  .field('password', (s) => when(s.flags.password, binary));

/** A topic name (§4.7): no wildcards; in 3.1.1 not empty (5.0 allows it with a topic alias). */
export function topicName(v: Version) {
  const plain = refine(utf8, (t) => !t.includes('+') && !t.includes('#'), NO_WILDCARD);
  return v === 5 ? plain : refine(plain, (t) => t.length > 0, NOT_EMPTY);
}

export function connackBody(v: Version) {
  const head = { flags: refine(u8, (f) => f <= 1, CONNACK_FLAGS), reasonCode: u8 };
  return v === 5 ? struct({ ...head, properties: propertiesOf('CONNACK') }) : struct(head);
}

/**
 * PUBLISH of one QoS (the first byte's): a packet identifier only when QoS > 0. (An empty topic in
 * 5.0 stands for the one its topic alias was set to: whether the alias is known is the
 * connection's business, not the packet's.)
 */
export function publishBody(v: Version, qos: 0 | 1 | 2) {
  const topic = topicName(v);
  const payload = bytes('toEnd');
  if (v === 5) {
    return qos === 0
      ? struct({ topic, properties: propertiesOf('PUBLISH'), payload })
      : struct({ topic, packetId, properties: propertiesOf('PUBLISH'), payload });
  }
  return qos === 0 ? struct({ topic, payload }) : struct({ topic, packetId, payload });
}

/**
 * PUBACK, PUBREC, PUBREL, PUBCOMP: a packet identifier; in 5.0 a reason code and properties that
 * a sender leaves out when they are 0 (success) and none.
 */
export function ackBody(v: Version) {
  return v === 5
    ? struct({ packetId, reasonCode: optional(u8), properties: optional(propertiesOf('PUBACK')) })
    : struct({ packetId });
}

export function subscribeBody(v: Version) {
  const options =
    v === 5
      ? refine(u8, (o) => o < 0x40 && (o & 3) < 3 && o >> 4 < 3, OPTIONS_5)
      : refine(u8, (o) => o < 3, OPTIONS_4);
  const subscriptions = refine(
    array(struct({ topicFilter: utf8, options }), 'toEnd'),
    (a) => a.length > 0,
    SOME,
  );
  return v === 5
    ? struct({ packetId, properties: propertiesOf('SUBSCRIBE'), subscriptions })
    : struct({ packetId, subscriptions });
}

export function subackBody(v: Version) {
  const reasonCodes = array(u8, 'toEnd');
  return v === 5
    ? struct({ packetId, properties: propertiesOf('SUBACK'), reasonCodes })
    : struct({ packetId, reasonCodes });
}

export function unsubscribeBody(v: Version) {
  const topicFilters = refine(array(utf8, 'toEnd'), (a) => a.length > 0, SOME);
  return v === 5
    ? struct({ packetId, properties: propertiesOf('UNSUBSCRIBE'), topicFilters })
    : struct({ packetId, topicFilters });
}

export function unsubackBody(v: Version) {
  return v === 5
    ? struct({ packetId, properties: propertiesOf('UNSUBACK'), reasonCodes: array(u8, 'toEnd') })
    : struct({ packetId });
}

/** PINGREQ, PINGRESP, and DISCONNECT in 3.1.1: no body. */
export const emptyBody = struct({});

/** DISCONNECT and AUTH in 5.0: a reason code and properties, both left out when 0 and none. */
export function reasonBody(set: 'DISCONNECT' | 'AUTH') {
  return struct({ reasonCode: optional(u8), properties: optional(propertiesOf(set)) });
}
