// bench/workloads/pcap-redis.ts: the pcap suite's dissect input, a generated capture of Redis
// traffic, the tally every dissection is checked by, and the anchor's hand-written TCP follower.
//
//   redisCapture()  about 200 MB of pcapng of the read-packets shape (./pcap-capture.ts's Traffic:
//                   Ethernet / IPv4 / TCP, CONNECTIONS connections to 10.0.0.1:6379, a handshake
//                   each, segments of 0..200 B, a fifth of them pure ACKs, checksums right,
//                   timestamps 1..1000 µs apart), written once per run to a temporary file. Each
//                   connection's client sends pipelines of 1..4 commands as RESP arrays of bulk
//                   strings (GET, SET, INCRBY, LRANGE, HGETALL, DEL, BLPOP, PING, an unknown command,
//                   a wrong-type LPUSH) and, once they are all sent, the server its replies: bulk
//                   strings of 0..1000 B or null, +OK and +PONG, integers, arrays of 0..20 bulk
//                   strings, of 0..10 field-value pairs, or null (BLPOP timing out), -ERR and
//                   -WRONGTYPE. Each direction's bytes are cut into segments at random points (so
//                   messages straddle segments), the connections interleaved at random; at the end
//                   every connection's last pipeline is sent out, so no message is cut short.
//
// The tally, per direction: messages, and as every parser here can tell them apart (redis-parser
// returns simple and bulk strings alike, and a null bulk string as a null array), integers,
// strings (simple or bulk), errors, nulls, arrays, array elements, string bytes, and a hash over
// the connections (numbered in the order their SYNs come, as tshark's tcp.stream and Stride's
// connection ids are) of an order-sensitive hash over each one's messages: each integer, a null,
// an array's mark and length, each string's length, first and last byte, an error's length. The
// order counts within a connection only: a dissector may hold a complete message back until more
// bytes of its stream come (Stride's RespReader does so with an empty array `*0\r\n` whose `*`
// ends a segment), so messages of different connections may come in another order. The generator
// folds its own values in the order their last bytes are sent, into a sink compiled apart from
// the contestants' (one per contestant and kind of value, as ./records.ts explains).
//
// HandFollower: the anchor's TCP follower, written for this capture: the suite's hand decoder
// (./pcap-capture.ts's handDecode) per frame, connections keyed by their two endpoints as numbers
// (IPv4 address * 65536 + port), opened by a SYN (its sender is the client), each direction's
// payload handed in sequence order to a redis-parser of its own. The capture has no loss or
// reordering, so a segment out of order is an error: nothing is held.

import RedisParser from 'redis-parser';
import { mulberry32, type Rng } from '../prng.js';
import { ACK, type Connection, handDecode, MAX_PAYLOAD, PSH, type Send, Traffic } from './pcap-capture.js';
import { writeTemp } from './png-file.js';
import { asciiPool, latin1 } from './wire-stream.js';

const SEED = 0x50434102;
const SERVER_PORT = 6379;

/** What a dissection of one direction makes of it (see the module comment). */
export interface DirectionTally {
  messages: number;
  integers: number;
  strings: number;
  errors: number;
  nulls: number;
  arrays: number;
  elements: number;
  bytes: number;
  hash: number;
}

export interface DissectTally {
  c2s: DirectionTally;
  s2c: DirectionTally;
}

export interface RedisCapture {
  pcapng: string;
  bytes: number;
  packets: number;
  capturedBytes: number;
  expected: DissectTally;
}

export interface DissectSink<V> {
  /** A message of connection `conn` (0, 1 … as first seen), from the server when `s2c`. */
  add(conn: number, s2c: boolean, message: V): void;
  /** The tally so far (and a fresh start). */
  take(): DissectTally;
}

const SINK_SOURCE = `'use strict';
const fresh = () => ({ messages: 0, integers: 0, strings: 0, errors: 0, nulls: 0, arrays: 0, elements: 0, bytes: 0, hashes: new Int32Array(64) });
return class DissectSink {
  constructor() { this.c2s = fresh(); this.s2c = fresh(); this.t = this.c2s; this.h = 0; this.last = null; }
  add(conn, s2c, v) {
    const t = s2c ? this.s2c : this.c2s;
    if (conn >= t.hashes.length) {
      const grown = new Int32Array(Math.max(2 * t.hashes.length, conn + 1));
      grown.set(t.hashes);
      t.hashes = grown;
    }
    this.t = t;
    this.h = t.hashes[conn];
    t.messages++;
    this.fold(v);
    t.hashes[conn] = this.h;
    this.last = v;
  }
  fold(v) {
    FOLD
  }
  int(x) {
    this.t.integers++;
    this.h = (Math.imul(this.h, 31) + (x | 0)) | 0;
  }
  nil() {
    this.t.nulls++;
    this.h = (Math.imul(this.h, 31) - 1) | 0;
  }
  list(n) {
    const t = this.t;
    t.arrays++;
    t.elements += n;
    this.h = (Math.imul(this.h, 31) - 2 - n) | 0;
  }
  err(s) {
    this.t.errors++;
    this.h = (Math.imul(this.h, 31) - 3 - s.length) | 0;
  }
  text(s) {
    const n = s.length;
    let h = (Math.imul(this.h, 31) + n) | 0;
    if (n !== 0) h = (Math.imul(Math.imul(h, 31) + s.charCodeAt(0), 31) + s.charCodeAt(n - 1)) | 0;
    this.h = h;
    this.t.strings++;
    this.t.bytes += n;
  }
  bin(b) {
    const n = b.length;
    let h = (Math.imul(this.h, 31) + n) | 0;
    if (n !== 0) h = (Math.imul(Math.imul(h, 31) + b[0], 31) + b[n - 1]) | 0;
    this.h = h;
    this.t.strings++;
    this.t.bytes += n;
  }
  take() {
    const out = (t) => {
      let hash = 0;
      for (let i = 0; i < t.hashes.length; i++) hash = (Math.imul(hash, 31) + t.hashes[i]) | 0;
      const { hashes, ...counts } = t;
      return { ...counts, hash };
    };
    const r = { c2s: out(this.c2s), s2c: out(this.s2c) };
    this.c2s = fresh(); this.s2c = fresh(); this.t = this.c2s; this.h = 0; this.last = null;
    return r;
  }
};`;

const FOLDS = {
  // The generator's values (strings), redis-parser's (Buffers, its ReplyErrors): numbers, null, arrays.
  plain: `if (typeof v === 'number') this.int(v);
    else if (v === null) this.nil();
    else if (typeof v === 'string') this.text(v);
    else if (Array.isArray(v)) {
      this.list(v.length);
      for (let i = 0; i < v.length; i++) this.fold(v[i]);
    } else if (v instanceof Error) this.err(v.message);
    else this.bin(v);`,
  // Stride's { type, value } values and requests.
  resp: `switch (v.type) {
      case 'integer': this.int(typeof v.value === 'number' ? v.value : Number(v.value)); break;
      case 'simple': this.text(v.value); break;
      case 'error': this.err(v.value); break;
      case 'bulk':
      case 'array': {
        const x = v.value;
        if (x === null) this.nil();
        else if (v.type === 'bulk') this.bin(x);
        else {
          this.list(x.length);
          for (const e of x) this.fold(e);
        }
        break;
      }
      default: throw new Error('unexpected RESP type ' + v.type);
    }`,
} as const;

let sinks = 0;

/** A sink of `kind` values (plain: numbers, strings or bytes, null, arrays, Errors; resp: Stride's), compiled on its own. */
export function dissectSink<V>(kind: keyof typeof FOLDS): DissectSink<V> {
  const source = SINK_SOURCE.replace('FOLD', FOLDS[kind]);
  const SinkClass = new Function(`${source}\n// dissect sink ${++sinks}`)() as new () => DissectSink<V>;
  return new SinkClass();
}

/** Throws unless `got` is `want`, naming the first field of a direction that differs. */
export function checkDissect(want: DissectTally, got: DissectTally): void {
  for (const dir of ['c2s', 's2c'] as const)
    for (const k of Object.keys(want[dir]) as (keyof DirectionTally)[])
      if (got[dir][k] !== want[dir][k])
        throw new Error(`${dir} ${k}: ${got[dir][k]}, expected ${want[dir][k]}`);
}

// ---- the generator ------------------------------------------------------------------------------

/** A value as the generator folds it: strings for simple and bulk strings alike, Errors for error replies. */
type Value = number | string | null | Error | Value[];

/** A message: its RESP text (latin1, one char a byte) and its value. */
interface Message {
  text: string;
  value: Value;
}

const bulk = (s: string): Message => ({ text: `$${s.length}\r\n${s}\r\n`, value: s });
const simple = (s: string): Message => ({ text: `+${s}\r\n`, value: s });
const integer = (n: number): Message => ({ text: `:${n}\r\n`, value: n });
const error = (s: string): Message => ({ text: `-${s}\r\n`, value: new Error(s) });
const NULL_BULK: Message = { text: '$-1\r\n', value: null };
const NULL_ARRAY: Message = { text: '*-1\r\n', value: null };

function array(items: readonly Message[]): Message {
  return {
    text: `*${items.length}\r\n${items.map((m) => m.text).join('')}`,
    value: items.map((m) => m.value),
  };
}

/** A client's command: an array of bulk strings. */
const command = (...args: string[]): Message => array(args.map(bulk));

const PREFIXES = ['user', 'session', 'cache', 'queue', 'stats', 'cart'];

/** Commands and their replies, with text from a pool of printable ASCII. */
class Conversation {
  readonly #pool: string;

  constructor(readonly rng: Rng) {
    this.#pool = latin1(asciiPool(64 * 1024, rng));
  }

  text(min: number, max: number): string {
    const n = this.rng.int(min, max);
    const at = this.rng.int(0, this.#pool.length - n);
    return this.#pool.slice(at, at + n);
  }

  key(): string {
    return `${PREFIXES[this.rng.int(0, PREFIXES.length - 1)]}:${this.rng.int(0, 99_999)}`;
  }

  /** One command and the server's reply. */
  pair(): [Message, Message] {
    const rng = this.rng;
    const r = rng.float();
    const key = this.key();
    if (r < 0.3) return [command('GET', key), rng.float() < 0.75 ? bulk(this.text(0, 1000)) : NULL_BULK];
    if (r < 0.5) return [command('SET', key, this.text(0, 1000)), simple('OK')];
    if (r < 0.6) {
      const by = rng.int(-1000, 1000);
      return [command('INCRBY', key, String(by)), integer(rng.int(-1_000_000_000, 1_000_000_000))];
    }
    if (r < 0.7) {
      const n = rng.int(0, 20);
      const items = Array.from({ length: n }, () => bulk(this.text(0, 100)));
      return [command('LRANGE', key, '0', String(n - 1)), array(items)];
    }
    if (r < 0.8) {
      const items = Array.from({ length: rng.int(0, 10) }, () => [
        bulk(this.text(3, 12)),
        bulk(this.text(0, 200)),
      ]);
      return [command('HGETALL', key), array(items.flat())];
    }
    if (r < 0.85) {
      const keys = Array.from({ length: rng.int(1, 4) }, () => this.key());
      return [command('DEL', ...keys), integer(rng.int(0, keys.length))];
    }
    if (r < 0.9)
      return [
        command('BLPOP', key, '1'),
        rng.float() < 0.5 ? NULL_ARRAY : array([bulk(key), bulk(this.text(0, 200))]),
      ];
    if (r < 0.95) return [command('PING'), simple('PONG')];
    if (r < 0.975)
      return [command('GETX', key), error(`ERR unknown command 'GETX', with args beginning with: '${key}' `)];
    return [
      command('LPUSH', key, this.text(1, 50)),
      error('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ];
  }
}

/** One direction's bytes not yet sent, and where each of its messages ends. */
class Outbox {
  bytes: Uint8Array = new Uint8Array(0);
  at = 0;
  ends: number[] = [];
  values: Value[] = [];
  #done = 0;

  get pending(): number {
    return this.bytes.length - this.at;
  }

  load(messages: readonly Message[]): void {
    let text = '';
    this.ends = [];
    for (const m of messages) {
      text += m.text;
      this.ends.push(text.length);
    }
    this.bytes = Buffer.from(text, 'latin1');
    this.values = messages.map((m) => m.value);
    this.at = 0;
    this.#done = 0;
  }

  /** Takes `n` bytes into `into`; the messages they complete go to `done`. */
  send(into: Uint8Array, done: (v: Value) => void): void {
    into.set(this.bytes.subarray(this.at, this.at + into.length));
    this.at += into.length;
    while (this.#done < this.ends.length && (this.ends[this.#done] as number) <= this.at)
      done(this.values[this.#done++] as Value);
  }
}

let capture: RedisCapture | undefined;

/** The Redis capture, written once per run to a temporary file, and its expected tally. */
export function redisCapture(): RedisCapture {
  if (capture) return capture;
  const rng = mulberry32(SEED);
  const traffic = new Traffic(rng);
  const talk = new Conversation(rng);
  const sink = dissectSink<Value>('plain');
  const boxes = new Map<Connection, { c2s: Outbox; s2c: Outbox }>(
    traffic.conns.map((c) => [c, { c2s: new Outbox(), s2c: new Outbox() }]),
  );
  let pending = 0;
  let draining = false;
  const open = (c: Connection): Send => {
    const b = boxes.get(c) as { c2s: Outbox; s2c: Outbox };
    const idle = b.c2s.pending === 0 && b.s2c.pending === 0;
    if (rng.u32() % 5 === 0 || (idle && draining))
      return { fromServer: b.c2s.pending !== 0, flags: ACK, payload: 0 };
    if (idle) {
      const pairs = Array.from({ length: rng.int(1, 4) }, () => talk.pair());
      b.c2s.load(pairs.map((p) => p[0]));
      b.s2c.load(pairs.map((p) => p[1]));
      pending += b.c2s.pending + b.s2c.pending;
    }
    const fromServer = b.c2s.pending === 0;
    const box = fromServer ? b.s2c : b.c2s;
    const payload = Math.min(rng.int(1, MAX_PAYLOAD), box.pending);
    pending -= payload;
    return {
      fromServer,
      flags: ACK | PSH,
      payload,
      fill: (into) => box.send(into, (v) => sink.add(c.seen, fromServer, v)),
    };
  };
  // New pipelines while there is room for every pending byte thrice (headers, blocks, ACKs), then
  // the connections with bytes pending, drawn at random, until none has.
  while (traffic.room(3 * pending + 1_000_000)) traffic.next(open);
  draining = true;
  const busy = traffic.conns.filter((c) => {
    const b = boxes.get(c) as { c2s: Outbox; s2c: Outbox };
    return b.c2s.pending + b.s2c.pending > 0;
  });
  while (busy.length > 0) {
    const k = rng.int(0, busy.length - 1);
    const c = busy[k] as Connection;
    traffic.next(open, c);
    const b = boxes.get(c) as { c2s: Outbox; s2c: Outbox };
    if (b.c2s.pending + b.s2c.pending === 0) busy.splice(k, 1);
  }
  const ng = traffic.pcapng;
  capture = {
    pcapng: writeTemp('dissect.pcapng', ng),
    bytes: ng.length,
    packets: traffic.packets,
    capturedBytes: traffic.capturedBytes,
    expected: sink.take(),
  };
  return capture;
}

// ---- the anchor's TCP follower -------------------------------------------------------------------

/** One direction of a followed connection: the next sequence number it expects, its parser. */
interface Half {
  next: number;
  readonly parser: RedisParser;
}

/** A packet's endpoint as a number: IPv4 address * 65536 + port. */
const endpoint = (frame: Buffer, at: number, port: number): number => frame.readUInt32BE(at) * 65536 + port;

/** The anchor's follower (see the module comment): a new one per run. */
export class HandFollower {
  readonly #halves = new Map<number, Map<number, Half>>();
  #connections = 0;

  constructor(readonly sink: DissectSink<unknown>) {}

  /** One Ethernet frame (a Buffer: redis-parser reads Buffers, and gets views of it). */
  packet(frame: Buffer): void {
    const h = handDecode(frame);
    const src = endpoint(frame, 26, h.srcPort);
    const dst = endpoint(frame, 30, h.dstPort);
    if (h.syn) {
      if (!h.ackFlag) this.#open(src, dst, h.seq, h.dstPort === SERVER_PORT || h.srcPort === SERVER_PORT);
      else {
        const half = this.#halves.get(src)?.get(dst);
        if (half) half.next = (h.seq + 1) >>> 0;
      }
      return;
    }
    const n = h.payloadLength;
    if (n === 0) return;
    const half = this.#halves.get(src)?.get(dst);
    if (half === undefined) return;
    if (h.seq !== half.next)
      throw new Error(`${h.srcIp}:${h.srcPort}: seq ${h.seq}, expected ${half.next} (no reordering here)`);
    half.next = (half.next + n) >>> 0;
    const end = 14 + h.totalLength;
    half.parser.execute(frame.subarray(end - n, end));
  }

  /** A SYN from `client`: both directions, each with its parser (a Redis port only). */
  #open(client: number, server: number, seq: number, redis: boolean): void {
    if (!redis) return;
    const conn = this.#connections++;
    const half = (s2c: boolean, next: number): Half => {
      const add = (v: unknown): void => this.sink.add(conn, s2c, v);
      return { next, parser: new RedisParser({ returnReply: add, returnError: add, returnBuffers: true }) };
    };
    this.#side(client).set(server, half(false, (seq + 1) >>> 0));
    this.#side(server).set(client, half(true, 0));
  }

  #side(from: number): Map<number, Half> {
    let m = this.#halves.get(from);
    if (m === undefined) {
      m = new Map();
      this.#halves.set(from, m);
    }
    return m;
  }
}
