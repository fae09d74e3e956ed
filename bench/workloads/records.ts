// bench/workloads/records.ts: workload A, shared by the codec and rx suites: 1,000,000 fixed
// 44-byte little-endian records, their generator and reference writer, the `StrideRecord` schema,
// and the per-contestant sink that checks a decoder's output against the expected tally.
//
// The record: { tag: u8, flags: u8, len: u16, id: u32, delta: i32, x: f32, y: f64, ts: u64 (bigint),
// pair: u32[2], crc: u32 }, little-endian, 44 bytes, no padding.
//
// Inputs come from a fixed seed: each record's fields are drawn from mulberry32 and written with
// Buffer.writeXxx (a code path no contestant uses).
//
// Every decoded record goes to the contestant's sink, which folds every field into a checksum: an
// order-sensitive hash of the number fields (h = imul(h, 31) + field, word32, so a swapped field or
// record changes it) and a 64-bit sum of `ts`, plus a count. The warm-up round checks the checksum
// against the one computed from the generated records, and compares the first 1000 records field
// by field (Object.is, so -0 and types count; `ts` must be a bigint). The sink keeps copies of
// those 1000 records (structuredClone: native code, so it costs the sink's inlined code nothing),
// in the warm-up round only, never the records themselves: 1000 records that survive a scavenge
// can make V8 pretenure their allocation site, after which every record of that decoder is
// allocated in old space for the rest of the process (3-4x slower; it happened to the hand-written
// decoder in about half the runs when the sink kept the records). No contestant retains the 1 M
// objects except where a library can only return them all at once (said in the suite's notes).
//
// Each contestant gets its own sink class, compiled separately (`new Function`): closures and
// classes from one function literal share V8's type feedback, so one shared sink would see every
// library's record shape (binary-parser's dictionary-mode objects, restructure's hidden properties,
// typed-binary's keyed stores) and go megamorphic, charging each contestant for the others'.
// The `ts` sum goes through a BigUint64Array slot, which TurboFan keeps as a raw 64-bit word: a
// bigint accumulator in a field would allocate a BigInt per record, and `Number(bigint)` costs
// ~40 ns here, as much as the whole hand-written decode. add() is a real call for every contestant
// (its bytecode is over TurboFan's 460-byte inlining limit), as a consumer function would be, and it
// stores the last record in a field, so no decoder's records can be optimized away: with a small
// sink inlined into a hand loop, escape analysis removed the record object, pair array and BigInt
// (27 ns/record instead of 62), a job no caller that keeps or passes on its records gets done.

import { array, f32le, f64le, i32le, struct, u8, u16le, u32le, u64le } from '@stride/codec';
import type { Contestant } from '../harness.js';
import { mulberry32, type Rng } from '../prng.js';

export const RECORDS = 1_000_000;
export const SIZE = 44;
export const TOTAL = RECORDS * SIZE;
/** Records compared field by field in the warm-up round. */
export const FIRST = 1000;

export interface Rec {
  tag: number;
  flags: number;
  len: number;
  id: number;
  delta: number;
  x: number;
  y: number;
  ts: bigint;
  pair: number[];
  crc: number;
}

const SCALARS = ['tag', 'flags', 'len', 'id', 'delta', 'x', 'y', 'ts', 'crc'] as const;

// ---- inputs ---------------------------------------------------------------------------------

function makeRecord(rng: Rng): Rec {
  const u = rng.u32;
  return {
    tag: u() & 0xff,
    flags: u() & 0xff,
    len: u() & 0xffff,
    id: u(),
    delta: u() | 0,
    x: Math.fround((u() / 2 ** 32) * 2000 - 1000),
    y: (u() * 2 ** -32 + u() * 2 ** -64) * 60000 - 30000,
    ts: (BigInt(u()) << 32n) | BigInt(u()),
    pair: [u(), u()],
    crc: u(),
  };
}

/** Calls `visit` with each of the RECORDS records, from a fixed seed (the same every call). */
export function generate(visit: (rec: Rec, i: number) => void): void {
  const rng = mulberry32(0x5eed0c01);
  for (let i = 0; i < RECORDS; i++) visit(makeRecord(rng), i);
}

/** The reference encoding, with Buffer.writeXxx. */
function writeReference(buf: Buffer, o: number, rec: Rec): void {
  buf.writeUInt8(rec.tag, o);
  buf.writeUInt8(rec.flags, o + 1);
  buf.writeUInt16LE(rec.len, o + 2);
  buf.writeUInt32LE(rec.id, o + 4);
  buf.writeInt32LE(rec.delta, o + 8);
  buf.writeFloatLE(rec.x, o + 12);
  buf.writeDoubleLE(rec.y, o + 16);
  buf.writeBigUInt64LE(rec.ts, o + 24);
  buf.writeUInt32LE(rec.pair[0] as number, o + 32);
  buf.writeUInt32LE(rec.pair[1] as number, o + 36);
  buf.writeUInt32LE(rec.crc, o + 40);
}

// ---- the sink -------------------------------------------------------------------------------

/** What a run computed: count and checksum of every record, and copies of the first FIRST (warm-up only). */
export interface Tally {
  count: number;
  hash: number;
  tsSum: bigint;
  first: Rec[];
}

export interface Sink {
  add(rec: Rec): void;
  /** Keep copies of the next `n` records (armed in setup(), so the warm-up round keeps its first ones). */
  keepFirst(n: number): void;
  /** The tally so far; resets the sink. */
  take(): Tally;
}

const SINK_SOURCE = `'use strict';
return class Sink {
  constructor() { this.count = 0; this.hash = 0; this.ts = new BigUint64Array(1); this.last = null; this.keep = 0; this.kept = []; }
  add(r) {
    let h = this.hash;
    h = (Math.imul(h, 31) + (r.tag | 0)) | 0;
    h = (Math.imul(h, 31) + (r.flags | 0)) | 0;
    h = (Math.imul(h, 31) + (r.len | 0)) | 0;
    h = (Math.imul(h, 31) + (r.id | 0)) | 0;
    h = (Math.imul(h, 31) + (r.delta | 0)) | 0;
    h = (Math.imul(h, 31) + ((r.x * 256) | 0)) | 0;
    h = (Math.imul(h, 31) + ((r.y * 65536) | 0)) | 0;
    const pair = r.pair;
    h = (Math.imul(h, 31) + (pair[0] | 0)) | 0;
    h = (Math.imul(h, 31) + (pair[1] | 0)) | 0;
    h = (Math.imul(h, 31) + (r.crc | 0)) | 0;
    this.hash = h;
    const ts = this.ts;
    ts[0] = BigInt.asUintN(64, ts[0] + r.ts);
    this.last = r;
    this.count++;
    if (this.keep !== 0) {
      this.keep--;
      this.kept.push(structuredClone(r));
    }
  }
  keepFirst(n) { this.keep = n; this.kept = []; }
  take() {
    const t = { count: this.count, hash: this.hash, tsSum: this.ts[0], first: this.kept };
    this.count = 0; this.hash = 0; this.ts[0] = 0n; this.last = null; this.keep = 0; this.kept = [];
    return t;
  }
};`;

let sinks = 0;

/**
 * A sink with its own compiled code, so its own type feedback (see the module comment). V8 caches
 * `new Function` by source text, feedback included, so each sink's source gets its own number.
 */
export function makeSink(): Sink {
  const SinkClass = new Function(`${SINK_SOURCE}\n// sink ${++sinks}`)() as new () => Sink;
  return new SinkClass();
}

function show(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v);
}

function compareRecord(i: number, got: Rec, want: Rec): void {
  if (typeof got !== 'object' || got === null) throw new Error(`record ${i} is ${show(got)}, not an object`);
  for (const k of SCALARS) {
    if (!Object.is(got[k], want[k]))
      throw new Error(`record ${i}: ${k} = ${show(got[k])} (${typeof got[k]}), expected ${show(want[k])}`);
  }
  const p = got.pair;
  if (!Array.isArray(p) || p.length !== 2 || !Object.is(p[0], want.pair[0]) || !Object.is(p[1], want.pair[1]))
    throw new Error(`record ${i}: pair = ${JSON.stringify(p)}, expected ${JSON.stringify(want.pair)}`);
}

export function checkTally(want: Tally, got: Tally): void {
  if (got.count !== want.count) throw new Error(`${got.count} records, expected ${want.count}`);
  if (got.first.length !== want.first.length)
    throw new Error(`the sink kept ${got.first.length} records, expected ${want.first.length}`);
  for (let i = 0; i < got.first.length; i++) compareRecord(i, got.first[i] as Rec, want.first[i] as Rec);
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
  if (got.tsSum !== want.tsSum) throw new Error(`ts sum ${got.tsSum} != expected ${want.tsSum}`);
}

export interface Input {
  /** The 44 MB of records, written by writeReference. */
  flat: Buffer;
  /** The tally of the generated records (with the first FIRST kept). */
  expected: Tally;
}

let shared: Input | undefined;

/** The decode input and its expected tally, built once and shared by the workloads. */
export function input(): Input {
  if (!shared) {
    const flat = Buffer.alloc(TOTAL);
    const sink = makeSink();
    sink.keepFirst(FIRST);
    generate((rec, i) => {
      writeReference(flat, i * SIZE, rec);
      sink.add(rec);
    });
    shared = { flat, expected: sink.take() };
  }
  return shared;
}

// ---- schemas --------------------------------------------------------------------------------

export const StrideRecord = struct({
  tag: u8,
  flags: u8,
  len: u16le,
  id: u32le,
  delta: i32le,
  x: f32le,
  y: f64le,
  ts: u64le,
  pair: array(u32le, 2),
  crc: u32le,
});

/**
 * A contestant that hands every record to its sink and returns (or resolves to) the tally. The sink
 * is its own unless `sink` is given: contestants of several workloads that run the same code pass
 * one sink, so its call sites see one sink class. The sink keeps the first FIRST records of the
 * first run after setup() (the checked one), so contestants of one workload may share it too.
 */
export function decoding(
  name: string,
  run: (sink: Sink) => void | Promise<void>,
  extra: Partial<Contestant<Tally>> = {},
  sink: Sink = makeSink(),
): Contestant<Tally> {
  let arm = false;
  return {
    name,
    ...extra,
    setup() {
      extra.setup?.();
      arm = true;
    },
    run() {
      if (arm) {
        arm = false;
        sink.keepFirst(FIRST);
      }
      // An asynchronous `run` makes an asynchronous contestant (the harness awaits it).
      const done = run(sink);
      return done ? done.then(() => sink.take()) : sink.take();
    },
    check(got) {
      checkTally(input().expected, got);
    },
  };
}
