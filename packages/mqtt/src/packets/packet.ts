/**
 * MQTT control packets (§2.1): a first byte with the packet type in its high four bits and flags
 * in its low four, the remaining length as a Variable Byte Integer, then the body (bodies.ts)
 * within that length. Decoded to one object per packet, a union discriminated by `type`, the
 * spec's name of the packet type (`PUBLISH`, `SUBACK` …), with PUBLISH's flags as `dup`, `qos`,
 * `retain`.
 *
 * The codec is a tagged union on the whole first byte: every first byte the spec allows is a tag,
 * so reserved flags that are not the spec's (`0010` for SUBSCRIBE, PUBREL and UNSUBSCRIBE, `0000`
 * elsewhere), a PUBLISH of QoS 3, or one of QoS 0 with DUP set, are malformed packets by the
 * union's own check. The union's value (`{ header, …body }`) becomes the packet by `fromWire`
 * (and back by `toWire`) in one transform.
 */
import { type Codec, EncodeError, refine, sized, taggedUnion, transform, u8 } from '@stride/codec';
import { fault } from '../errors.js';
import {
  ackBody,
  connackBody,
  connectBody,
  emptyBody,
  publishBody,
  reasonBody,
  subackBody,
  subscribeBody,
  unsubackBody,
  unsubscribeBody,
  type Version,
} from './bodies.js';
import { VARINT_MAX, varint } from './primitives.js';
import type { Properties } from './properties.js';

export type { Version } from './bodies.js';
export type QoS = 0 | 1 | 2;

/** A will message, carried by a CONNECT: published for the client when its connection ends abruptly. */
export interface Will {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** 5.0 only. */
  properties?: Properties;
}

export interface Connect {
  type: 'CONNECT';
  /** `MQTT` (`MQIsdp` for 3.1). */
  protocolName: string;
  /** The protocol level: 3 (3.1), 4 (3.1.1) or 5 (5.0). */
  protocolVersion: 3 | 4 | 5;
  cleanStart: boolean;
  keepAlive: number;
  /** 5.0 only. */
  properties?: Properties;
  clientId: string;
  will?: Will;
  username?: string;
  password?: Uint8Array;
}

export interface Connack {
  type: 'CONNACK';
  sessionPresent: boolean;
  /** The reason code (5.0) or return code (3.1.1): 0 accepts the connection. */
  reasonCode: number;
  /** 5.0 only. */
  properties?: Properties;
}

export interface Publish {
  type: 'PUBLISH';
  dup: boolean;
  qos: QoS;
  retain: boolean;
  topic: string;
  /** QoS 1 and 2 only. */
  packetId?: number;
  /** 5.0 only. */
  properties?: Properties;
  /** The application message: a view of the input. */
  payload: Uint8Array;
}

/** The acknowledgements of a PUBLISH: PUBACK (QoS 1), PUBREC, PUBREL, PUBCOMP (QoS 2). */
export interface PublishResponse<T extends 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'> {
  type: T;
  packetId: number;
  /** 5.0 only (0, success, when the packet leaves it out). */
  reasonCode?: number;
  /** 5.0 only. */
  properties?: Properties;
}

export interface Subscription {
  topicFilter: string;
  /** The maximum QoS. */
  qos: QoS;
  /** 5.0 only: not to receive one's own publications. */
  noLocal?: boolean;
  /** 5.0 only: keep the RETAIN flag of forwarded messages. */
  retainAsPublished?: boolean;
  /** 5.0 only: 0 send retained messages, 1 only for a new subscription, 2 never. */
  retainHandling?: QoS;
}

export interface Subscribe {
  type: 'SUBSCRIBE';
  packetId: number;
  properties?: Properties;
  subscriptions: Subscription[];
}

export interface Suback {
  type: 'SUBACK';
  packetId: number;
  properties?: Properties;
  /** One per subscription: the QoS granted (0-2), or a failure (0x80 and up). */
  reasonCodes: number[];
}

export interface Unsubscribe {
  type: 'UNSUBSCRIBE';
  packetId: number;
  properties?: Properties;
  topicFilters: string[];
}

export interface Unsuback {
  type: 'UNSUBACK';
  packetId: number;
  /** 5.0 only. */
  properties?: Properties;
  /** 5.0 only: one per topic filter. */
  reasonCodes?: number[];
}

export interface Pingreq {
  type: 'PINGREQ';
}
export interface Pingresp {
  type: 'PINGRESP';
}

/** DISCONNECT, and AUTH (5.0 only). */
export interface ReasonPacket<T extends 'DISCONNECT' | 'AUTH'> {
  type: T;
  /** 5.0 only (0 when the packet leaves it out). */
  reasonCode?: number;
  /** 5.0 only. */
  properties?: Properties;
}

/** Every MQTT control packet, discriminated by `type`. */
export type MqttPacket =
  | Connect
  | Connack
  | Publish
  | PublishResponse<'PUBACK'>
  | PublishResponse<'PUBREC'>
  | PublishResponse<'PUBREL'>
  | PublishResponse<'PUBCOMP'>
  | Subscribe
  | Suback
  | Unsubscribe
  | Unsuback
  | Pingreq
  | Pingresp
  | ReasonPacket<'DISCONNECT'>
  | ReasonPacket<'AUTH'>;

export type PacketType = MqttPacket['type'];

/** The packet types by their number (the first byte's high four bits). */
export const PACKET_TYPES = [
  undefined,
  'CONNECT',
  'CONNACK',
  'PUBLISH',
  'PUBACK',
  'PUBREC',
  'PUBREL',
  'PUBCOMP',
  'SUBSCRIBE',
  'SUBACK',
  'UNSUBSCRIBE',
  'UNSUBACK',
  'PINGREQ',
  'PINGRESP',
  'DISCONNECT',
  'AUTH',
] as const;

/** The first byte of each packet type but PUBLISH: its type, and the flags the spec fixes. */
const HEADERS: Readonly<Record<Exclude<PacketType, 'PUBLISH'>, number>> = {
  CONNECT: 0x10,
  CONNACK: 0x20,
  PUBACK: 0x40,
  PUBREC: 0x50,
  PUBREL: 0x62,
  PUBCOMP: 0x70,
  SUBSCRIBE: 0x82,
  SUBACK: 0x90,
  UNSUBSCRIBE: 0xa2,
  UNSUBACK: 0xb0,
  PINGREQ: 0xc0,
  PINGRESP: 0xd0,
  DISCONNECT: 0xe0,
  AUTH: 0xf0,
};

/** The bytes a Variable Byte Integer of `n` takes. */
function varintBytes(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/** The remaining length of a packet of at most `max` bytes in all. */
function remainingLength(max: number): Codec<number> {
  if (max >= VARINT_MAX + 5) return varint;
  return refine(
    varint,
    (n) => 1 + varintBytes(n) + n <= max,
    fault('PACKET_TOO_LARGE', `a packet of at most ${max} bytes`),
  );
}

/** The union's value: the first byte, then the body's fields. */
type Wire = Record<string, unknown> & { header: number };

function build(v: Version, max: number): Codec<MqttPacket> {
  const length = remainingLength(max);
  const table: Record<number, Codec<unknown>> = {};
  const put = (headers: readonly number[], body: Codec<unknown>) => {
    const codec = sized(length, body) as Codec<unknown>;
    for (const h of headers) table[h] = codec;
  };
  put([HEADERS.CONNECT], connectBody);
  put([HEADERS.CONNACK], connackBody(v));
  // QoS 0 with DUP clear (DUP is for redeliveries of QoS 1 and 2), then QoS 1 and 2 with either.
  put([0x30, 0x31], publishBody(v, 0));
  put([0x32, 0x33, 0x3a, 0x3b], publishBody(v, 1));
  put([0x34, 0x35, 0x3c, 0x3d], publishBody(v, 2));
  const ack = ackBody(v);
  put([HEADERS.PUBACK, HEADERS.PUBREC, HEADERS.PUBREL, HEADERS.PUBCOMP], ack);
  put([HEADERS.SUBSCRIBE], subscribeBody(v));
  put([HEADERS.SUBACK], subackBody(v));
  put([HEADERS.UNSUBSCRIBE], unsubscribeBody(v));
  put([HEADERS.UNSUBACK], unsubackBody(v));
  put([HEADERS.PINGREQ, HEADERS.PINGRESP], emptyBody);
  if (v === 5) {
    put([HEADERS.DISCONNECT], reasonBody('DISCONNECT'));
    put([HEADERS.AUTH], reasonBody('AUTH'));
  } else put([HEADERS.DISCONNECT], emptyBody);
  const union = taggedUnion(u8, table, { tagKey: 'header' }) as unknown as Codec<Wire>;
  return transform(union, { decode: fromWire, encode: (p) => toWire(p, v) });
}

const built = new Map<string, Codec<MqttPacket>>();

/**
 * The codec of one MQTT packet of a version (4: 3.1 and 3.1.1; 5: 5.0), refusing packets longer
 * than `maxPacketSize` bytes in all (default: the spec's largest, 268,435,460).
 */
export function packetCodec(version: Version, maxPacketSize = VARINT_MAX + 5): Codec<MqttPacket> {
  const name = `${version}:${maxPacketSize}`;
  let codec = built.get(name);
  if (codec === undefined) {
    codec = build(version, maxPacketSize);
    built.set(name, codec);
  }
  return codec;
}

function fromWire(w: Wire): MqttPacket {
  const h = w.header;
  switch (h >> 4) {
    case 3:
      return {
        type: 'PUBLISH',
        dup: (h & 8) !== 0,
        qos: ((h >> 1) & 3) as QoS,
        retain: (h & 1) !== 0,
        topic: w.topic as string,
        packetId: w.packetId as number | undefined,
        properties: w.properties as Properties | undefined,
        payload: w.payload as Uint8Array,
      };
    case 1:
      return fromConnect(w);
    case 2:
      return {
        type: 'CONNACK',
        sessionPresent: w.flags === 1,
        reasonCode: w.reasonCode as number,
        properties: w.properties as Properties | undefined,
      };
    case 4:
    case 5:
    case 6:
    case 7:
      return {
        type: PACKET_TYPES[h >> 4] as 'PUBACK',
        packetId: w.packetId as number,
        reasonCode: 'reasonCode' in w ? ((w.reasonCode as number | undefined) ?? 0) : undefined,
        properties: 'properties' in w ? ((w.properties as Properties | undefined) ?? {}) : undefined,
      };
    case 8:
      return {
        type: 'SUBSCRIBE',
        packetId: w.packetId as number,
        properties: w.properties as Properties | undefined,
        subscriptions: (w.subscriptions as { topicFilter: string; options: number }[]).map((s) =>
          'properties' in w
            ? subscription5(s.topicFilter, s.options)
            : { topicFilter: s.topicFilter, qos: s.options as QoS },
        ),
      };
    case 9:
      return {
        type: 'SUBACK',
        packetId: w.packetId as number,
        properties: w.properties as Properties | undefined,
        reasonCodes: w.reasonCodes as number[],
      };
    case 10:
      return {
        type: 'UNSUBSCRIBE',
        packetId: w.packetId as number,
        properties: w.properties as Properties | undefined,
        topicFilters: w.topicFilters as string[],
      };
    case 11:
      return {
        type: 'UNSUBACK',
        packetId: w.packetId as number,
        properties: w.properties as Properties | undefined,
        reasonCodes: w.reasonCodes as number[] | undefined,
      };
    case 12:
      return { type: 'PINGREQ' };
    case 13:
      return { type: 'PINGRESP' };
    default:
      return {
        type: h >> 4 === 14 ? 'DISCONNECT' : 'AUTH',
        reasonCode: 'reasonCode' in w ? ((w.reasonCode as number | undefined) ?? 0) : undefined,
        properties: 'properties' in w ? ((w.properties as Properties | undefined) ?? {}) : undefined,
      };
  }
}

function subscription5(topicFilter: string, o: number): Subscription {
  return {
    topicFilter,
    qos: (o & 3) as QoS,
    noLocal: (o & 4) !== 0,
    retainAsPublished: (o & 8) !== 0,
    retainHandling: (o >> 4) as QoS,
  };
}

interface ConnectFlags {
  username: boolean;
  password: boolean;
  willRetain: boolean;
  willQos: number;
  will: boolean;
  cleanStart: boolean;
  reserved: number;
}

function fromConnect(w: Wire): Connect {
  const f = w.flags as ConnectFlags;
  return {
    type: 'CONNECT',
    protocolName: w.protocolName as string,
    protocolVersion: w.protocolVersion as 3 | 4 | 5,
    cleanStart: f.cleanStart,
    keepAlive: w.keepAlive as number,
    properties: w.properties as Properties | undefined,
    clientId: w.clientId as string,
    will: f.will
      ? {
          topic: w.willTopic as string,
          payload: w.willPayload as Uint8Array,
          qos: f.willQos as QoS,
          retain: f.willRetain,
          properties: w.willProperties as Properties | undefined,
        }
      : undefined,
    username: w.username as string | undefined,
    password: w.password as Uint8Array | undefined,
  };
}

function empty(p: Properties | undefined): boolean {
  if (p === undefined) return true;
  for (const k in p) if ((p as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

/** The properties a packet of version `v` carries on the wire: none before 5.0, where giving some is a mistake. */
function propertiesFor(v: Version, p: Properties | undefined): Properties | undefined {
  if (v === 5) return p ?? {};
  if (!empty(p))
    throw new EncodeError('NOT_IN_VERSION', 'properties exist only in MQTT 5.0').within('properties');
  return undefined;
}

function toWire(p: MqttPacket, v: Version): Wire {
  if (typeof p !== 'object' || p === null)
    throw new EncodeError(
      'NOT_AN_OBJECT',
      `an MQTT packet is an object, got ${p === null ? 'null' : typeof p}`,
    );
  switch (p.type) {
    case 'PUBLISH': {
      const qos = p.qos;
      if (qos !== 0 && qos !== 1 && qos !== 2)
        throw new EncodeError('OUT_OF_RANGE', `a QoS is 0, 1 or 2, got ${String(qos)}`).within('qos');
      if (qos === 0 && p.dup)
        throw new EncodeError('OUT_OF_RANGE', 'a QoS 0 PUBLISH has DUP clear').within('dup');
      return {
        header: 0x30 | (p.dup ? 8 : 0) | (qos << 1) | (p.retain ? 1 : 0),
        topic: p.topic,
        packetId: p.packetId,
        properties: propertiesFor(v, p.properties),
        payload: p.payload,
      };
    }
    case 'CONNECT':
      return connectToWire(p);
    case 'CONNACK':
      return {
        header: HEADERS.CONNACK,
        flags: p.sessionPresent ? 1 : 0,
        reasonCode: p.reasonCode,
        properties: propertiesFor(v, p.properties),
      };
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'DISCONNECT':
    case 'AUTH': {
      const header = HEADERS[p.type];
      const ack = p.type !== 'DISCONNECT' && p.type !== 'AUTH';
      const base: Wire = ack ? { header, packetId: p.packetId } : { header };
      if (v !== 5) {
        propertiesFor(v, p.properties);
        return base;
      }
      // 5.0: the reason code and properties are left out when they are 0 and none (as brokers send them).
      const none = empty(p.properties);
      const code = p.reasonCode ?? 0;
      return {
        ...base,
        reasonCode: code === 0 && none ? undefined : code,
        properties: none ? undefined : p.properties,
      };
    }
    case 'SUBSCRIBE':
      return {
        header: HEADERS.SUBSCRIBE,
        packetId: p.packetId,
        properties: propertiesFor(v, p.properties),
        subscriptions: p.subscriptions.map((s) => ({ topicFilter: s.topicFilter, options: options(s, v) })),
      };
    case 'SUBACK':
      return {
        header: HEADERS.SUBACK,
        packetId: p.packetId,
        properties: propertiesFor(v, p.properties),
        reasonCodes: p.reasonCodes,
      };
    case 'UNSUBSCRIBE':
      return {
        header: HEADERS.UNSUBSCRIBE,
        packetId: p.packetId,
        properties: propertiesFor(v, p.properties),
        topicFilters: p.topicFilters,
      };
    case 'UNSUBACK':
      return v === 5
        ? {
            header: HEADERS.UNSUBACK,
            packetId: p.packetId,
            properties: p.properties ?? {},
            reasonCodes: p.reasonCodes ?? [],
          }
        : { header: HEADERS.UNSUBACK, packetId: p.packetId };
    case 'PINGREQ':
    case 'PINGRESP':
      return { header: HEADERS[p.type] };
    default:
      throw new EncodeError(
        'BAD_TAG',
        `no MQTT packet type ${JSON.stringify((p as { type?: unknown }).type)}; expected one of ${PACKET_TYPES.slice(1).join(', ')}`,
      ).within('type');
  }
}

function options(s: Subscription, v: Version): number {
  if (v !== 5) return s.qos;
  return s.qos | (s.noLocal ? 4 : 0) | (s.retainAsPublished ? 8 : 0) | ((s.retainHandling ?? 0) << 4);
}

/** Runs `f`, an EncodeError from it placed under `will`. */
function withinWill<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof EncodeError ? e.within('will') : e;
  }
}

function connectToWire(p: Connect): Wire {
  const will = p.will;
  // The CONNECT's own level says which version its fields are in.
  const version: Version = p.protocolVersion === 5 ? 5 : 4;
  return {
    header: HEADERS.CONNECT,
    protocolName: p.protocolName,
    protocolVersion: p.protocolVersion,
    flags: {
      username: p.username !== undefined,
      password: p.password !== undefined,
      willRetain: will?.retain ?? false,
      willQos: will?.qos ?? 0,
      will: will !== undefined,
      cleanStart: p.cleanStart,
      reserved: 0,
    },
    keepAlive: p.keepAlive,
    properties: propertiesFor(version, p.properties),
    clientId: p.clientId,
    willProperties: will && withinWill(() => propertiesFor(version, will.properties)),
    willTopic: will?.topic,
    willPayload: will?.payload,
    username: p.username,
    password: p.password,
  };
}
