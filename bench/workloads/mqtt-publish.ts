// bench/workloads/mqtt-publish.ts: the mqtt suite's input, a client's stream of MQTT 5 PUBLISH
// packets, generated from a fixed seed at suite start, and the per-contestant sinks that check what
// a decoder or an encoder made of it.
//
//   publishStream()  1,000,000 PUBLISH packets: QoS 0 and 1 (half each; QoS 1 with a packet id
//                    counting 1..65535 as a client's would, a twentieth of them dup), a tenth retained;
//                    topics of 10..40 B (ASCII, slash-separated words and device ids, no wildcards);
//                    payloads of 0..200 B (random bytes, or printable ASCII where the payload format
//                    indicator says UTF-8); for 60% of the packets properties are drawn, each on
//                    its own (46% end up with at least one): payloadFormatIndicator (0 or 1),
//                    messageExpiryInterval, contentType, responseTopic, correlationData (1..16 B),
//                    topicAlias (1..100) and one or two userProperties pairs (distinct names).
//                    140,087,802 B.
//   DECODE_CHUNKS    the stream as chunks of 1..1,460 B (TCP-segment sized, fixed seed)
//
// The wire bytes are written here, not by @stride/mqtt or mqtt-packet: the reference the contestants
// are checked against trusts neither. The remaining length is the minimal varint, the properties go
// in the order of their identifiers (0x01, 0x02, 0x03, 0x08, 0x09, 0x23, 0x26), and each packet's
// `properties` object has its keys in that same order (mqtt-packet writes properties in key order).
//
// The sinks. Each contestant hands every decoded packet (or every encoded packet's bytes) to a sink
// of its own, compiled separately (`new Function`, numbered so V8 does not share a cached function's
// type feedback, as ./records.ts explains): a shared sink would see every contestant's shapes.
//  - A decode sink counts packets, QoS 1 packets and their ids, topic and payload bytes, packets
//    with properties and user property pairs, and folds every field into an order-sensitive hash
//    (qos, dup, retain; the topic's length and its first, middle and last character; the id; the
//    payload's length and first, middle and last byte; each property's value, or its length and a
//    character or byte). Its kind reads one library's packet shape: @stride/mqtt's (`packetId`,
//    userProperties as [name, value] pairs) or mqtt-packet's (`messageId`, userProperties as an
//    object of name: value or name: [values]); the payload format indicator folds as a number either
//    way (mqtt-packet's is a boolean). In the checked warm-up round only, it keeps the first FIRST
//    packets in one plain form (`plainOf`: bytes as hex, properties mapped between the two naming
//    schemes), compared field by field with the generator's.
//  - An encode sink folds each packet's bytes (length; first, middle and last byte) into a hash,
//    and in the checked warm-up round compares every packet's bytes with the reference's.

import { fillRandom, mulberry32, type Rng } from '../prng.js';
import { asciiPool, GrowingBuffer, latin1, segmentChunking } from './wire-stream.js';

export const PACKETS = 1_000_000;
/** Packets compared field by field in the warm-up round. */
export const FIRST = 1000;
const SEED = 0x4d515401;
const CHUNK_SEED = 0x4d515402;
const KiB = 1024;

/** How the decode workload cuts the stream. */
export const DECODE_CHUNKS = segmentChunking(CHUNK_SEED);

/** The properties a PUBLISH carries here, in identifier order (the generator's shape). */
export interface PublishProperties {
  payloadFormatIndicator?: 0 | 1;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  topicAlias?: number;
  userProperties?: [string, string][];
}

/** One PUBLISH as the generator builds it (payload and correlation data: views of its pools). */
export interface Publish {
  qos: 0 | 1;
  dup: boolean;
  retain: boolean;
  topic: string;
  packetId?: number;
  properties?: PublishProperties;
  payload: Uint8Array;
}

/** A packet in one plain form, whatever library decoded it: bytes as hex, no undefined fields. */
export interface PlainPublish {
  qos: number;
  dup: boolean;
  retain: boolean;
  topic: string;
  packetId: number | null;
  payload: string;
  properties: Record<string, unknown> | null;
}

/** What a decoding run computed, summed by the sink. */
export interface DecodeTally {
  packets: number;
  qos1: number;
  idSum: number;
  topicBytes: number;
  payloadBytes: number;
  withProperties: number;
  userPairs: number;
  hash: number;
  first: PlainPublish[];
}

export interface DecodeSink<P> {
  add(packet: P): void;
  /** Keep plain copies of the next `n` packets (armed before the checked warm-up round). */
  keepFirst(n: number): void;
  /** The tally so far; resets the sink. */
  take(): DecodeTally;
}

/** What an encoding run computed, summed by the sink. */
export interface EncodeTally {
  packets: number;
  bytes: number;
  hash: number;
  /** Packets whose bytes differ from the reference's (counted only while checking). */
  mismatches: number;
  /** The first of them: its index and its bytes (a copy), or -1. */
  firstMismatch: number;
  firstMismatchBytes: Uint8Array | null;
}

export interface EncodeSink {
  add(bytes: Uint8Array): void;
  /** Compare the next run's packets with `reference`'s, byte for byte (armed before the checked round). */
  checkNext(reference: PublishStream): void;
  /** The tally so far; resets the sink. */
  take(): EncodeTally;
}

// ---- decode sinks -------------------------------------------------------------------------------

// ID reads a QoS 1 packet's id; USER folds the user properties `u` (present) with pair(h, name, value).
const DECODE_SINK_SOURCE = `'use strict';
return class DecodeSink {
  constructor() {
    this.packets = 0; this.qos1 = 0; this.idSum = 0; this.topicBytes = 0; this.payloadBytes = 0;
    this.withProperties = 0; this.userPairs = 0; this.hash = 0; this.last = null; this.keep = 0; this.kept = [];
  }
  add(p) {
    const q = p.qos;
    let h = (Math.imul(this.hash, 31) + q + (p.dup ? 4 : 0) + (p.retain ? 8 : 0)) | 0;
    const t = p.topic;
    const tn = t.length;
    h = (Math.imul(h, 31) + tn) | 0;
    h = (Math.imul(h, 31) + t.charCodeAt(0)) | 0;
    h = (Math.imul(h, 31) + t.charCodeAt(tn >> 1)) | 0;
    h = (Math.imul(h, 31) + t.charCodeAt(tn - 1)) | 0;
    this.topicBytes += tn;
    if (q !== 0) {
      const id = ID;
      this.qos1++;
      this.idSum += id;
      h = (Math.imul(h, 31) + id) | 0;
    }
    const b = p.payload;
    const bn = b.length;
    h = (Math.imul(h, 31) + bn) | 0;
    if (bn !== 0) {
      h = (Math.imul(h, 31) + b[0]) | 0;
      h = (Math.imul(h, 31) + b[bn >> 1]) | 0;
      h = (Math.imul(h, 31) + b[bn - 1]) | 0;
    }
    this.payloadBytes += bn;
    const o = p.properties;
    this.hash = o === undefined ? h : this.props(o, h);
    this.packets++;
    this.last = p;
    if (this.keep !== 0) {
      this.keep--;
      this.kept.push(plainOf(p));
    }
  }
  props(o, h) {
    let n = 0;
    const f = o.payloadFormatIndicator;
    if (f !== undefined) { n++; h = (Math.imul(h, 31) + 0x100 + +f) | 0; }
    const e = o.messageExpiryInterval;
    if (e !== undefined) { n++; h = (Math.imul(h, 31) + 0x200 + e) | 0; }
    const c = o.contentType;
    if (c !== undefined) { n++; h = (Math.imul(h, 31) + 0x300 + c.length) | 0; h = (Math.imul(h, 31) + c.charCodeAt(c.length - 1)) | 0; }
    const r = o.responseTopic;
    if (r !== undefined) { n++; h = (Math.imul(h, 31) + 0x800 + r.length) | 0; h = (Math.imul(h, 31) + r.charCodeAt(r.length - 1)) | 0; }
    const d = o.correlationData;
    if (d !== undefined) { n++; h = (Math.imul(h, 31) + 0x900 + d.length) | 0; h = (Math.imul(h, 31) + d[0]) | 0; }
    const a = o.topicAlias;
    if (a !== undefined) { n++; h = (Math.imul(h, 31) + 0x2300 + a) | 0; }
    const u = o.userProperties;
    if (u !== undefined) {
      n++;
      USER
    }
    if (n !== 0) this.withProperties++;
    return h;
  }
  pair(h, name, value) {
    this.userPairs++;
    h = (Math.imul(h, 31) + 0x2600 + name.length) | 0;
    h = (Math.imul(h, 31) + name.charCodeAt(0)) | 0;
    h = (Math.imul(h, 31) + value.length) | 0;
    return (Math.imul(h, 31) + value.charCodeAt(value.length - 1)) | 0;
  }
  keepFirst(n) { this.keep = n; this.kept = []; }
  take() {
    const t = {
      packets: this.packets, qos1: this.qos1, idSum: this.idSum, topicBytes: this.topicBytes,
      payloadBytes: this.payloadBytes, withProperties: this.withProperties, userPairs: this.userPairs,
      hash: this.hash, first: this.kept,
    };
    this.packets = 0; this.qos1 = 0; this.idSum = 0; this.topicBytes = 0; this.payloadBytes = 0;
    this.withProperties = 0; this.userPairs = 0; this.hash = 0; this.last = null; this.keep = 0; this.kept = [];
    return t;
  }
};`;

const DECODE_KINDS = {
  // The generator's packets and @stride/mqtt's: packetId, userProperties as [name, value] pairs.
  stride: {
    ID: 'p.packetId',
    USER: 'for (let i = 0; i < u.length; i++) { const x = u[i]; h = this.pair(h, x[0], x[1]); }',
  },
  // mqtt-packet's: messageId, userProperties as { name: value | value[] }.
  'mqtt-packet': {
    ID: 'p.messageId',
    USER: `for (const k in u) {
        const v = u[k];
        if (typeof v === 'string') h = this.pair(h, k, v);
        else for (let i = 0; i < v.length; i++) h = this.pair(h, k, v[i]);
      }`,
  },
} as const;

let sinks = 0;

/** A decode sink reading one library's packet shape, with its own compiled code. */
export function decodeSink<P>(kind: keyof typeof DECODE_KINDS): DecodeSink<P> {
  const k = DECODE_KINDS[kind];
  const source = DECODE_SINK_SOURCE.replace('ID', k.ID).replace('USER', k.USER);
  const SinkClass = new Function('plainOf', `${source}\n// sink ${++sinks}`)(
    plainOf,
  ) as new () => DecodeSink<P>;
  return new SinkClass();
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

/** mqtt-packet's user properties ({ name: value | value[] }, names in insertion order) as pairs. */
function pairsOf(u: unknown): [string, string][] {
  if (Array.isArray(u)) return u.map((x) => [String(x[0]), String(x[1])]);
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(u as Record<string, string | string[]>)) {
    for (const x of Array.isArray(v) ? v : [v]) pairs.push([k, x]);
  }
  return pairs;
}

/**
 * A decoded packet in the plain form, from either library's shape (mqtt-packet's has `cmd`): ids,
 * booleans and bytes mapped between the two naming schemes; properties absent or empty give null.
 */
export function plainOf(p: unknown): PlainPublish {
  const q = p as Record<string, unknown>;
  const mqttPacket = 'cmd' in q;
  const id = mqttPacket ? q.messageId : q.packetId;
  const o = q.properties as Record<string, unknown> | undefined;
  let properties: Record<string, unknown> | null = null;
  if (o !== undefined && o !== null) {
    const m: Record<string, unknown> = {};
    if (o.payloadFormatIndicator !== undefined) m.payloadFormatIndicator = Number(o.payloadFormatIndicator);
    for (const k of ['messageExpiryInterval', 'contentType', 'responseTopic', 'topicAlias'])
      if (o[k] !== undefined) m[k] = o[k];
    if (o.correlationData !== undefined) m.correlationData = hex(o.correlationData as Uint8Array);
    if (o.userProperties !== undefined) m.userProperties = pairsOf(o.userProperties);
    for (const k of Object.keys(o)) if (!(k in m) && o[k] !== undefined) m[`unexpected:${k}`] = String(o[k]);
    if (Object.keys(m).length !== 0) properties = m;
  }
  return {
    qos: Number(q.qos),
    dup: Boolean(q.dup),
    retain: Boolean(q.retain),
    topic: String(q.topic),
    packetId: typeof id === 'number' ? id : null,
    payload: hex(q.payload as Uint8Array),
    properties,
  };
}

// ---- encode sinks -------------------------------------------------------------------------------

const ENCODE_SINK_SOURCE = `'use strict';
return class EncodeSink {
  constructor() {
    this.packets = 0; this.bytes = 0; this.hash = 0; this.last = null; this.reference = null;
    this.mismatches = 0; this.firstMismatch = -1; this.firstMismatchBytes = null;
  }
  add(b) {
    const n = b.length;
    let h = (Math.imul(this.hash, 31) + n) | 0;
    h = (Math.imul(h, 31) + b[0]) | 0;
    h = (Math.imul(h, 31) + b[n >> 1]) | 0;
    this.hash = (Math.imul(h, 31) + b[n - 1]) | 0;
    if (this.reference !== null && !same(this.reference, this.packets, b)) {
      if (this.mismatches++ === 0) { this.firstMismatch = this.packets; this.firstMismatchBytes = new Uint8Array(b); }
    }
    this.packets++;
    this.bytes += n;
    this.last = b;
  }
  checkNext(reference) { this.reference = reference; }
  take() {
    const t = {
      packets: this.packets, bytes: this.bytes, hash: this.hash, mismatches: this.mismatches,
      firstMismatch: this.firstMismatch, firstMismatchBytes: this.firstMismatchBytes,
    };
    this.packets = 0; this.bytes = 0; this.hash = 0; this.last = null; this.reference = null;
    this.mismatches = 0; this.firstMismatch = -1; this.firstMismatchBytes = null;
    return t;
  }
};`;

const same = (reference: PublishStream, i: number, b: Uint8Array): boolean =>
  Buffer.compare(b, packetBytes(reference, i)) === 0;

/** An encode sink, with its own compiled code. */
export function encodeSink(): EncodeSink {
  const SinkClass = new Function('same', `${ENCODE_SINK_SOURCE}\n// sink ${++sinks}`)(
    same,
  ) as new () => EncodeSink;
  return new SinkClass();
}

// ---- the generator ------------------------------------------------------------------------------

const WORDS = [
  'home',
  'office',
  'plant',
  'floor1',
  'floor2',
  'kitchen',
  'garage',
  'sensors',
  'devices',
  'status',
  'telemetry',
  'temp',
  'humidity',
  'power',
  'meter',
  'door',
  'light',
  'alarm',
  'cmd',
  'events',
  'v1',
  'eu',
  'us',
  'fleet',
];
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/octet-stream', 'application/cbor'];
const USER_NAMES = ['trace-id', 'source', 'unit', 'region'];

/** A topic of exactly `length` (10..40) bytes: words and device ids joined by '/'. */
function topic(rng: Rng, length: number): string {
  let t = WORDS[rng.int(0, WORDS.length - 1)] as string;
  while (t.length < length)
    t += `/${rng.float() < 0.7 ? WORDS[rng.int(0, WORDS.length - 1)] : `d${rng.int(0, 99999)}`}`;
  t = t.slice(0, length);
  return t.endsWith('/') ? `${t.slice(0, -1)}x` : t;
}

/** `n` bytes of `pool` (a view) at a random place. */
function slice(rng: Rng, pool: Uint8Array, n: number): Uint8Array {
  const at = rng.int(0, pool.length - n);
  return pool.subarray(at, at + n);
}

interface Pools {
  binary: Uint8Array;
  ascii: Uint8Array;
}

function properties(rng: Rng, pools: Pools): PublishProperties | undefined {
  if (rng.float() < 0.4) return undefined;
  // Keys in identifier order (see the module comment).
  const o: PublishProperties = {};
  if (rng.float() < 0.3) o.payloadFormatIndicator = rng.float() < 0.5 ? 0 : 1;
  if (rng.float() < 0.25) o.messageExpiryInterval = rng.int(0, 7 * 86400);
  if (rng.float() < 0.2) o.contentType = CONTENT_TYPES[rng.int(0, CONTENT_TYPES.length - 1)] as string;
  if (rng.float() < 0.1) o.responseTopic = topic(rng, rng.int(10, 40));
  if (rng.float() < 0.15) o.correlationData = slice(rng, pools.binary, rng.int(1, 16));
  if (rng.float() < 0.15) o.topicAlias = rng.int(1, 100);
  if (rng.float() < 0.15) {
    const first = rng.int(0, USER_NAMES.length - 1);
    const pairs: [string, string][] = [
      [USER_NAMES[first] as string, latin1(slice(rng, pools.ascii, rng.int(1, 12)))],
    ];
    if (rng.float() < 0.3) {
      const second = USER_NAMES[(first + rng.int(1, USER_NAMES.length - 1)) % USER_NAMES.length] as string;
      pairs.push([second, latin1(slice(rng, pools.ascii, rng.int(1, 12)))]);
    }
    o.userProperties = pairs;
  }
  return Object.keys(o).length === 0 ? undefined : o;
}

function publish(rng: Rng, pools: Pools, nextId: () => number): Publish {
  const qos = rng.float() < 0.5 ? 0 : 1;
  const p: Publish = {
    qos,
    dup: qos === 1 && rng.float() < 0.05,
    retain: rng.float() < 0.1,
    topic: topic(rng, rng.int(10, 40)),
    payload: new Uint8Array(0),
  };
  if (qos === 1) p.packetId = nextId();
  const props = properties(rng, pools);
  if (props) p.properties = props;
  // A payload said to be UTF-8 is text; any other, random bytes.
  const pool = props?.payloadFormatIndicator === 1 ? pools.ascii : pools.binary;
  p.payload = slice(rng, pool, rng.int(0, 200));
  return p;
}

/** Appends bytes to a growing buffer. */
class Writer extends GrowingBuffer {
  constructor() {
    super(128 << 20);
  }

  byte(b: number): void {
    this.room(1);
    this.bytes[this.at++] = b;
  }

  u16(v: number): void {
    this.room(2);
    this.at = this.bytes.writeUInt16BE(v, this.at);
  }

  u32(v: number): void {
    this.room(4);
    this.at = this.bytes.writeUInt32BE(v, this.at);
  }

  varint(v: number): void {
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) b |= 0x80;
      this.byte(b);
    } while (v > 0);
  }

  /** A UTF-8 string (ASCII here) or binary data: a two-byte length, then the bytes. */
  string(s: string | Uint8Array): void {
    this.u16(s.length);
    if (typeof s === 'string') {
      this.room(s.length);
      this.at += this.bytes.write(s, this.at, 'latin1');
    } else this.raw(s);
  }
}

const varintSize = (v: number): number => (v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : 4);

/** The properties' bytes, without their length. */
function propertiesLength(o: PublishProperties | undefined): number {
  if (!o) return 0;
  let n = 0;
  if (o.payloadFormatIndicator !== undefined) n += 2;
  if (o.messageExpiryInterval !== undefined) n += 5;
  if (o.contentType !== undefined) n += 3 + o.contentType.length;
  if (o.responseTopic !== undefined) n += 3 + o.responseTopic.length;
  if (o.correlationData !== undefined) n += 3 + o.correlationData.length;
  if (o.topicAlias !== undefined) n += 3;
  for (const [k, v] of o.userProperties ?? []) n += 5 + k.length + v.length;
  return n;
}

/** Writes one PUBLISH (MQTT 5, strings ASCII so their UTF-8 length is their length). */
function write(w: Writer, p: Publish): void {
  const props = propertiesLength(p.properties);
  const remaining = 2 + p.topic.length + (p.qos > 0 ? 2 : 0) + varintSize(props) + props + p.payload.length;
  w.byte(0x30 | (p.dup ? 8 : 0) | (p.qos << 1) | (p.retain ? 1 : 0));
  w.varint(remaining);
  w.string(p.topic);
  if (p.qos > 0) w.u16(p.packetId as number);
  w.varint(props);
  const o = p.properties;
  if (o) {
    if (o.payloadFormatIndicator !== undefined) {
      w.byte(0x01);
      w.byte(o.payloadFormatIndicator);
    }
    if (o.messageExpiryInterval !== undefined) {
      w.byte(0x02);
      w.u32(o.messageExpiryInterval);
    }
    if (o.contentType !== undefined) {
      w.byte(0x03);
      w.string(o.contentType);
    }
    if (o.responseTopic !== undefined) {
      w.byte(0x08);
      w.string(o.responseTopic);
    }
    if (o.correlationData !== undefined) {
      w.byte(0x09);
      w.string(o.correlationData);
    }
    if (o.topicAlias !== undefined) {
      w.byte(0x23);
      w.u16(o.topicAlias);
    }
    for (const [k, v] of o.userProperties ?? []) {
      w.byte(0x26);
      w.string(k);
      w.string(v);
    }
  }
  w.raw(p.payload);
}

export interface PublishStream {
  /** The whole stream. */
  bytes: Uint8Array;
  /** The packets, as the generator built them. */
  packets: Publish[];
  /** Where each packet ends in `bytes`. */
  ends: Uint32Array;
  /** The tally a correct decoder's sink ends with (its `first`: the packets to keep and compare). */
  decoded: DecodeTally;
  /** The tally a correct encoder's sink ends with. */
  encoded: EncodeTally;
}

/** Packet `i`'s bytes in `stream` (a view). */
export function packetBytes(stream: PublishStream, i: number): Uint8Array {
  return stream.bytes.subarray(i === 0 ? 0 : stream.ends[i - 1], stream.ends[i]);
}

let built: PublishStream | undefined;

/** The 1,000,000 PUBLISH packets, their bytes and the expected tallies, built once. */
export function publishStream(): PublishStream {
  if (built) return built;
  const rng = mulberry32(SEED);
  const pools = { binary: fillRandom(new Uint8Array(64 * KiB), rng), ascii: asciiPool(64 * KiB, rng) };
  let id = 0;
  const nextId = (): number => (id = (id % 65535) + 1);
  const w = new Writer();
  const sink = decodeSink<Publish>('stride');
  sink.keepFirst(FIRST);
  const packets: Publish[] = new Array(PACKETS);
  const ends = new Uint32Array(PACKETS);
  for (let i = 0; i < PACKETS; i++) {
    const p = publish(rng, pools, nextId);
    write(w, p);
    sink.add(p);
    packets[i] = p;
    ends[i] = w.at;
  }
  const stream: PublishStream = {
    bytes: new Uint8Array(w.bytes.buffer, w.bytes.byteOffset, w.at),
    packets,
    ends,
    decoded: sink.take(),
    encoded: {
      packets: 0,
      bytes: 0,
      hash: 0,
      mismatches: 0,
      firstMismatch: -1,
      firstMismatchBytes: null,
    },
  };
  const bytesSink = encodeSink();
  for (let i = 0; i < PACKETS; i++) bytesSink.add(packetBytes(stream, i));
  stream.encoded = bytesSink.take();
  built = stream;
  return stream;
}

// ---- checking -----------------------------------------------------------------------------------

const DECODE_COUNTS = [
  'packets',
  'qos1',
  'idSum',
  'topicBytes',
  'payloadBytes',
  'withProperties',
  'userPairs',
] as const;

/** Throws unless `got` is the stream's decoded tally. */
export function checkDecoded(stream: PublishStream, got: DecodeTally): void {
  const want = stream.decoded;
  for (const k of DECODE_COUNTS)
    if (got[k] !== want[k]) throw new Error(`${k}: ${got[k]}, expected ${want[k]}`);
  if (got.first.length !== want.first.length)
    throw new Error(`the sink kept ${got.first.length} packets, expected ${want.first.length}`);
  for (let i = 0; i < want.first.length; i++) {
    const g = JSON.stringify(got.first[i]);
    const w = JSON.stringify(want.first[i]);
    if (g !== w) throw new Error(`packet ${i}: ${g}, expected ${w}`);
  }
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
}

/** Throws unless `got` (a checked run) is the stream's encoded tally, every packet's bytes equal. */
export function checkEncoded(stream: PublishStream, got: EncodeTally): void {
  if (got.mismatches !== 0) {
    const i = got.firstMismatch;
    throw new Error(
      `${got.mismatches} packets' bytes differ from the reference, the first is packet ${i}: ` +
        `${hex(got.firstMismatchBytes ?? new Uint8Array(0))}, expected ${hex(packetBytes(stream, i))}`,
    );
  }
  const want = stream.encoded;
  for (const k of ['packets', 'bytes'] as const)
    if (got[k] !== want[k]) throw new Error(`${k}: ${got[k]}, expected ${want[k]}`);
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
}
