// bench/workloads/redis-replies.ts: the redis suite's input, a server's pipelined reply stream as Redis
// sends it (RESP2, which every contestant reads), generated from a fixed seed at suite start, the
// chunkings it is fed in, and the per-contestant sinks that check what a reader made of it.
//
//   smallReplies()  1,000,000 replies: 30% integers (half 0..999, a third up to 10^6, the rest
//                   -10^9..10^9), 30% bulk strings of 0..40 bytes (one in ten the null bulk `$-1`),
//                   10% simple strings of 2..16 characters, 30% arrays of 3..10 elements, each an
//                   integer (30%), a bulk string (55%, a tenth of them null) or a simple string;
//                   46,638,210 B
//   largeReplies()  64 bulk strings of 1 MiB each (67,109,632 B)
//   CHUNKINGS       the stream as chunks of 1..1,460 B (TCP-segment sized, sizes from a fixed seed)
//                   or as exact 64 KiB chunks (the last shorter)
//
// Text is printable ASCII (slices of a random pool, no CR or LF), so a reader's strings and its
// byte views fold alike (a character code is the byte) and one expected tally checks both. The
// stream is written here (Buffer.write, latin1), not by @stride/redis: the reference does not trust
// the code under test, and the anchors and the hand-written parser must agree with it too.
//
// The sinks. Each contestant hands every reply to a sink of its own, compiled separately
// (`new Function`, numbered so V8 does not share a cached function's type feedback, as
// ../workloads/records.ts explains): a shared sink would see every contestant's value shapes
// (Stride's `{ type, value }` objects, the anchors' Buffers, the hand parser's Uint8Arrays) and go
// polymorphic. add() folds a reply into counts (replies, integers and their sum, strings and their
// bytes, nulls, arrays and their elements) and an order-sensitive hash: each integer, a null, an
// array's mark, and for each string its length, every SAMPLE-th byte from the first and its last
// byte. piece() folds a bulk string delivered in pieces to the same hash, so whole values and
// pieces check against one tally. Simple and bulk strings fold alike: redis-parser returns both as
// the same kind of value. The sink keeps the last value (no reader's work is dead code) and, in the
// checked warm-up round only, plain copies of the first FIRST replies of the small stream (normalized
// by `plainOf`: bytes as latin1 strings, Stride's objects unwrapped; copies, so no object or array
// a contestant allocated survives a scavenge, see records.ts), compared value by value with the
// generator's. The large stream's replies are not kept: a reader streaming pieces has no whole value.

import { evenSizes, mulberry32, type Rng } from '../prng.js';
import { asciiPool, type Chunking, GrowingBuffer, latin1, segmentChunking } from './wire-stream.js';

export const REPLIES = 1_000_000;
export const LARGE_REPLIES = 64;
export const LARGE_BYTES = 1 << 20;
/** Replies compared value by value in the warm-up round. */
export const FIRST = 1000;
/** The sinks fold every SAMPLE-th byte of a string (from its first), besides its length and last byte. */
const SAMPLE = 4096;
const SEED = 0x52455301;
const LARGE_SEED = 0x52455302;
const CHUNK_SEED = 0x52455303;

const KiB = 1024;

/** How a workload cuts the stream: a name (in workload and contestant names), the sizes, a description. */
export const CHUNKINGS = {
  small: segmentChunking(CHUNK_SEED),
  kib64: {
    name: '64kib',
    sizes: (total) => evenSizes(total, 64 * KiB),
    describe: '64 KiB (the last shorter)',
  },
} as const satisfies Record<string, Chunking>;

/** A reply as the generator builds it and as `plainOf` normalizes any reader's: bulks are views here. */
export type Plain = number | string | Uint8Array | null | Plain[];
/** A normalized reply: strings for text and bytes alike. */
export type PlainOut = number | string | null | PlainOut[];

/** What a run computed, summed by the sink. */
export interface ReplyTally {
  replies: number;
  integers: number;
  intSum: number;
  strings: number;
  bytes: number;
  nulls: number;
  arrays: number;
  elements: number;
  hash: number;
  first: PlainOut[];
}

export interface ReplySink<V> {
  /** A whole reply. */
  add(reply: V): void;
  /** A piece of a bulk string of `length` bytes delivered in pieces; `at`: the piece's offset in it. */
  piece(value: Uint8Array, at: number, length: number): void;
  /** Keep normalized copies of the next `n` replies (armed before the checked warm-up round). */
  keepFirst(n: number): void;
  /** The tally so far; resets the sink. */
  take(): ReplyTally;
}

/** Stride's reply objects, as far as the sink reads them. */
export interface RespLike {
  type: string;
  value?: unknown;
}

// FOLD is the kind's dispatch on one value (a reply or an array element).
const SINK_SOURCE = `'use strict';
return class ReplySink {
  constructor() {
    this.replies = 0; this.integers = 0; this.intSum = 0; this.strings = 0; this.bytes = 0; this.nulls = 0;
    this.arrays = 0; this.elements = 0; this.hash = 0; this.tail = 0; this.last = null; this.keep = 0; this.kept = [];
  }
  add(v) {
    this.replies++;
    this.fold(v);
    this.last = v;
    if (this.keep !== 0) {
      this.keep--;
      this.kept.push(plainOf(v));
    }
  }
  fold(v) {
    FOLD
  }
  int(x) {
    this.integers++;
    this.intSum += x;
    this.hash = (Math.imul(this.hash, 31) + (x | 0)) | 0;
  }
  nil() {
    this.nulls++;
    this.hash = (Math.imul(this.hash, 31) - 1) | 0;
  }
  list(n) {
    this.arrays++;
    this.elements += n;
    this.hash = (Math.imul(this.hash, 31) - 2 - n) | 0;
  }
  text(s) {
    const n = s.length;
    let h = (Math.imul(this.hash, 31) + n) | 0;
    for (let i = 0; i < n; i += ${SAMPLE}) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    if (n !== 0) h = (Math.imul(h, 31) + s.charCodeAt(n - 1)) | 0;
    this.hash = h;
    this.strings++;
    this.bytes += n;
  }
  bin(b) {
    const n = b.length;
    let h = (Math.imul(this.hash, 31) + n) | 0;
    for (let i = 0; i < n; i += ${SAMPLE}) h = (Math.imul(h, 31) + b[i]) | 0;
    if (n !== 0) h = (Math.imul(h, 31) + b[n - 1]) | 0;
    this.hash = h;
    this.strings++;
    this.bytes += n;
  }
  piece(b, at, length) {
    let h = this.hash;
    if (at === 0) h = (Math.imul(h, 31) + length) | 0;
    const n = b.length;
    for (let i = (${SAMPLE} - (at % ${SAMPLE})) % ${SAMPLE}; i < n; i += ${SAMPLE}) h = (Math.imul(h, 31) + b[i]) | 0;
    if (n !== 0) this.tail = b[n - 1];
    if (at + n === length) {
      h = (Math.imul(h, 31) + this.tail) | 0;
      this.replies++;
      this.strings++;
      this.bytes += length;
    }
    this.hash = h;
    this.last = b;
  }
  keepFirst(n) { this.keep = n; this.kept = []; }
  take() {
    const t = {
      replies: this.replies, integers: this.integers, intSum: this.intSum, strings: this.strings, bytes: this.bytes,
      nulls: this.nulls, arrays: this.arrays, elements: this.elements, hash: this.hash, first: this.kept,
    };
    this.replies = 0; this.integers = 0; this.intSum = 0; this.strings = 0; this.bytes = 0; this.nulls = 0;
    this.arrays = 0; this.elements = 0; this.hash = 0; this.tail = 0; this.last = null; this.keep = 0; this.kept = [];
    return t;
  }
};`;

const FOLDS = {
  // Numbers, strings, Buffers or Uint8Arrays, null, arrays: the anchors', the hand parser's, the generator's.
  plain: `if (typeof v === 'number') this.int(v);
    else if (typeof v === 'string') this.text(v);
    else if (v === null) this.nil();
    else if (Array.isArray(v)) {
      this.list(v.length);
      for (let i = 0; i < v.length; i++) this.fold(v[i]);
    } else this.bin(v);`,
  // Stride's { type, value } objects.
  resp: `switch (v.type) {
      case 'integer': this.int(typeof v.value === 'number' ? v.value : Number(v.value)); break;
      case 'simple': this.text(v.value); break;
      case 'bulk': {
        const b = v.value;
        if (b === null) this.nil();
        else if (typeof b === 'string') this.text(b);
        else this.bin(b);
        break;
      }
      case 'array': {
        const a = v.value;
        if (a === null) { this.nil(); break; }
        this.list(a.length);
        for (let i = 0; i < a.length; i++) this.fold(a[i]);
        break;
      }
      default: throw new Error('unexpected reply type ' + v.type);
    }`,
} as const;

let sinks = 0;

function makeSink<V>(kind: keyof typeof FOLDS): ReplySink<V> {
  const source = SINK_SOURCE.replace('FOLD', FOLDS[kind]);
  const SinkClass = new Function('plainOf', `${source}\n// sink ${++sinks}`)(
    plainOf,
  ) as new () => ReplySink<V>;
  return new SinkClass();
}

/** A sink of plain values (numbers, strings, byte views, null, arrays), with its own compiled code. */
export const plainSink = <V = Plain>(): ReplySink<V> => makeSink<V>('plain');
/** A sink of Stride's `{ type, value }` replies, with its own compiled code. */
export const respSink = <V extends RespLike>(): ReplySink<V> => makeSink<V>('resp');

/** A reply as plain data (any reader's shape): text and bytes as strings, Stride's objects unwrapped. */
export function plainOf(v: unknown): PlainOut {
  if (v === null || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return latin1(v);
  if (Array.isArray(v)) return v.map(plainOf);
  const r = v as RespLike;
  if (typeof r === 'object' && typeof r.type === 'string') return plainOf(r.value);
  throw new Error(`not a reply: ${String(v)}`);
}

// ---- the generator ------------------------------------------------------------------------------

/** Appends RESP to a growing buffer. */
class Writer extends GrowingBuffer {
  constructor() {
    super(64 << 20);
  }

  ascii(s: string): void {
    this.room(s.length);
    this.at += this.bytes.write(s, this.at, 'latin1');
  }
}

/** Writes a reply (bulks are views, simple strings are strings: how the generator builds them). */
function write(w: Writer, v: Plain): void {
  if (typeof v === 'number') w.ascii(`:${v}\r\n`);
  else if (typeof v === 'string') w.ascii(`+${v}\r\n`);
  else if (v === null) w.ascii('$-1\r\n');
  else if (Array.isArray(v)) {
    w.ascii(`*${v.length}\r\n`);
    for (const e of v) write(w, e);
  } else {
    w.ascii(`$${v.length}\r\n`);
    w.raw(v);
    w.ascii('\r\n');
  }
}

function integer(rng: Rng): number {
  const r = rng.float();
  if (r < 0.5) return rng.int(0, 999);
  if (r < 0.85) return rng.int(0, 1_000_000);
  return rng.int(-1_000_000_000, 1_000_000_000);
}

function bulk(rng: Rng, pool: Uint8Array): Uint8Array | null {
  if (rng.float() < 0.1) return null;
  const n = rng.int(0, 40);
  const at = rng.int(0, pool.length - n);
  return pool.subarray(at, at + n);
}

function simple(rng: Rng, pool: Uint8Array): string {
  const n = rng.int(2, 16);
  const at = rng.int(0, pool.length - n);
  return latin1(pool.subarray(at, at + n));
}

function element(rng: Rng, pool: Uint8Array): Plain {
  const r = rng.float();
  return r < 0.3 ? integer(rng) : r < 0.85 ? bulk(rng, pool) : simple(rng, pool);
}

function reply(rng: Rng, pool: Uint8Array): Plain {
  const r = rng.float();
  if (r < 0.3) return integer(rng);
  if (r < 0.6) return bulk(rng, pool);
  if (r < 0.7) return simple(rng, pool);
  const n = rng.int(3, 10);
  const a: Plain[] = new Array(n);
  for (let i = 0; i < n; i++) a[i] = element(rng, pool);
  return a;
}

export interface ReplyStream {
  /** The whole stream. */
  bytes: Uint8Array;
  replies: number;
  /** Where each reply ends in `bytes`. */
  ends: Uint32Array;
  /** The tally a correct reader's sink ends with (its `first`: the replies to keep and compare). */
  expected: ReplyTally;
}

/** `keep`: the replies the warm-up round compares value by value (the expected tally's `first`). */
function generate(replies: number, keep: number, next: (i: number) => Plain): ReplyStream {
  const w = new Writer();
  const sink = plainSink();
  sink.keepFirst(keep);
  const ends = new Uint32Array(replies);
  for (let i = 0; i < replies; i++) {
    const v = next(i);
    write(w, v);
    sink.add(v);
    ends[i] = w.at;
  }
  return {
    bytes: new Uint8Array(w.bytes.buffer, w.bytes.byteOffset, w.at),
    replies,
    ends,
    expected: sink.take(),
  };
}

let small: ReplyStream | undefined;
let large: ReplyStream | undefined;

/** The 1,000,000 mixed replies and their expected tally, built once. */
export function smallReplies(): ReplyStream {
  if (!small) {
    const rng = mulberry32(SEED);
    const pool = asciiPool(64 * KiB, rng);
    small = generate(REPLIES, FIRST, () => reply(rng, pool));
  }
  return small;
}

/**
 * The 64 bulk strings of 1 MiB (each a different window of one pool) and their tally, built once.
 * None is kept for the value-by-value comparison (a reader streaming pieces has no whole value): the
 * hash folds every 4096th byte of each.
 */
export function largeReplies(): ReplyStream {
  if (!large) {
    const shift = 997;
    const pool = asciiPool(LARGE_BYTES + LARGE_REPLIES * shift, mulberry32(LARGE_SEED));
    large = generate(LARGE_REPLIES, 0, (i) => pool.subarray(i * shift, i * shift + LARGE_BYTES));
  }
  return large;
}

/** Replies of `stream` cut by a chunk's end, with these chunk sizes. */
export function straddling(stream: ReplyStream, sizes: readonly number[]): number {
  let n = 0;
  let start = 0;
  let k = 0;
  let cut = sizes[0] as number; // the end of chunk k
  for (const end of stream.ends) {
    while (cut <= start) cut += sizes[++k] as number;
    if (end > cut) n++;
    start = end;
  }
  return n;
}

// ---- checking -----------------------------------------------------------------------------------

const COUNTS = ['replies', 'integers', 'intSum', 'strings', 'bytes', 'nulls', 'arrays', 'elements'] as const;

/** Throws unless `got` is `stream`'s expected tally. */
export function checkReplies(stream: ReplyStream, got: ReplyTally): void {
  const want = stream.expected;
  for (const k of COUNTS) if (got[k] !== want[k]) throw new Error(`${k}: ${got[k]}, expected ${want[k]}`);
  if (got.first.length !== want.first.length)
    throw new Error(`the sink kept ${got.first.length} replies, expected ${want.first.length}`);
  for (let i = 0; i < want.first.length; i++) {
    const g = JSON.stringify(got.first[i]);
    const w = JSON.stringify(want.first[i]);
    if (g !== w) throw new Error(`reply ${i}: ${g}, expected ${w}`);
  }
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
}
