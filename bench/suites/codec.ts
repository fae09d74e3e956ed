// bench/suites/codec.ts: @stride/codec decoding and encoding fixed records, against binary-parser,
// restructure, typed-binary, @solana/buffer-layout, bl and hand-written DataView limits.
//
//   fixed-struct    1,000,000 fixed 44-byte little-endian records decoded from one Buffer into
//                   objects, each handed to a sink; unit: record
//   chunked-stream  the same 44 MB arriving as chunks of 1 B..64 KiB (random sizes from a fixed
//                   seed, so records straddle chunks), decoded into objects as they complete;
//                   unit: record
//   encode          the same 1 M records, as objects built before timing, encoded into one buffer;
//                   unit: record
//
// The record: { tag: u8, flags: u8, len: u16, id: u32, delta: i32, x: f32, y: f64, ts: u64 (bigint),
// pair: u32[2], crc: u32 }, little-endian, 44 bytes, no padding.
//
// Inputs come from a fixed seed: each record's fields are drawn from mulberry32 and written with
// Buffer.writeXxx (a code path no contestant uses); those bytes are the decode input and the
// reference the encoders' output must equal byte for byte.
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
// objects except where a library can only return them all at once (said in the notes).
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
//
// Anchors run in their best configuration (see /work/shared/research/perf.md, section 2):
//  - binary-parser parses arrays of BATCH records per call: its generated code ends every top-level
//    parse with `delete vars.$parent; delete vars.$root`, which turns the result object into a
//    dictionary, and builds a DataView per call; array elements stay fast objects and one DataView
//    serves the whole batch. Measured here: ~140 ns/record in batches of 1000 (100 is no faster,
//    10,000 is slower), ~1,350 with parse() per record as shipped, ~1,290 with one parse of all
//    1 M (which keeps them all alive).
//  - typed-binary's ObjectSchema iterates its field table with Object.entries, whose fast path
//    needs V8's enum cache for that table's shape: setup() runs Object.keys and a for-in over it,
//    as any earlier enumeration in the process would (a fresh process otherwise runs ~2x slower).
//    It has no f64 and no u64 scalar: both are Schema subclasses built from its public
//    readUint32/writeUint32, joined through a scratch Float64Array / BigUint64Array.
//  - restructure has no working 64-bit type (DataView's BigInt getters map to a reader that adds
//    `undefined` to the position): `ts` is a custom type in its own idiom (stream.view at
//    stream.pos).
//  - @solana/buffer-layout's nu64 is a lossy number: `ts` is a Layout subclass in the idiom of its
//    own UInt (uint8ArrayToBuffer(b).readBigUInt64LE).
//  - bl: BufferList append, slice() per record (a view when the record lies in one buffer) read
//    with Buffer.readXxx, consume() once per chunk.

import * as sol from '@solana/buffer-layout';
import { type Layout as SolLayout, uint8ArrayToBuffer } from '@solana/buffer-layout';
import {
  array,
  Decoder,
  Encoder,
  f32le,
  f64le,
  i32le,
  StreamDecoder,
  struct,
  u8,
  u16le,
  u32le,
  u64le,
} from '@stride/codec';
import { Parser } from 'binary-parser';
import { BufferList } from 'bl';
import * as r from 'restructure';
import * as tb from 'typed-binary';
import { type Contestant, main, type Workload } from '../harness.js';
import { chunkSizes, mulberry32, type Rng, splitCopies } from '../prng.js';

const KiB = 1024;
const RECORDS = 1_000_000;
const SIZE = 44;
const TOTAL = RECORDS * SIZE;
/** Records compared field by field in the warm-up round. */
const FIRST = 1000;

interface Rec {
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
function generate(visit: (rec: Rec, i: number) => void): void {
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
interface Tally {
  count: number;
  hash: number;
  tsSum: bigint;
  first: Rec[];
}

interface Sink {
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
function makeSink(): Sink {
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

function checkTally(want: Tally, got: Tally): void {
  if (got.count !== want.count) throw new Error(`${got.count} records, expected ${want.count}`);
  if (got.first.length !== want.first.length)
    throw new Error(`the sink kept ${got.first.length} records, expected ${want.first.length}`);
  for (let i = 0; i < got.first.length; i++) compareRecord(i, got.first[i] as Rec, want.first[i] as Rec);
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
  if (got.tsSum !== want.tsSum) throw new Error(`ts sum ${got.tsSum} != expected ${want.tsSum}`);
}

interface Input {
  /** The 44 MB of records, written by writeReference. */
  flat: Buffer;
  /** The tally of the generated records (with the first FIRST kept). */
  expected: Tally;
}

let shared: Input | undefined;

/** The decode input and its expected tally, built once and shared by the workloads. */
function input(): Input {
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

const StrideRecord = struct({
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

// binary-parser: uint16/uint32/int32/uint64 follow .endianness('little'); uint64 is a bigint.
const BATCH = 1000;
const bpRecord = new Parser()
  .endianness('little')
  .uint8('tag')
  .uint8('flags')
  .uint16('len')
  .uint32('id')
  .int32('delta')
  .floatle('x')
  .doublele('y')
  .uint64('ts')
  .array('pair', { type: 'uint32le', length: 2 })
  .uint32('crc');
const bpBatch = new Parser().array('records', { type: bpRecord, length: BATCH });

// restructure
const restructureU64: r.Type<bigint> = {
  size: () => 8,
  decode(stream) {
    const v = stream.view.getBigUint64(stream.pos, true);
    stream.pos += 8;
    return v;
  },
  encode(stream, value) {
    stream.view.setBigUint64(stream.pos, value, true);
    stream.pos += 8;
  },
};
const rsRecord = new r.Struct<Rec>({
  tag: r.uint8,
  flags: r.uint8,
  len: r.uint16le,
  id: r.uint32le,
  delta: r.int32le,
  x: r.floatle,
  y: r.doublele,
  ts: restructureU64,
  pair: new r.Array(r.uint32le, 2),
  crc: r.uint32le,
});

// typed-binary: f64 and u64 from two u32s (little-endian input, and the scratch arrays are in the
// platform's order, checked little-endian below).
const scratch = new ArrayBuffer(8);
const scratch32 = new Uint32Array(scratch);
const scratchF64 = new Float64Array(scratch);
const scratchU64 = new BigUint64Array(scratch);

class TbF64 extends tb.Schema<number> {
  readonly maxSize = 8;
  read(input: tb.ISerialInput): number {
    scratch32[0] = input.readUint32();
    scratch32[1] = input.readUint32();
    return scratchF64[0] as number;
  }
  write(output: tb.ISerialOutput, value: number): void {
    scratchF64[0] = value;
    output.writeUint32(scratch32[0] as number);
    output.writeUint32(scratch32[1] as number);
  }
  measure(_: number | typeof tb.MaxValue, measurer: tb.IMeasurer = new tb.Measurer()): tb.IMeasurer {
    return measurer.add(8);
  }
}

class TbU64 extends tb.Schema<bigint> {
  readonly maxSize = 8;
  read(input: tb.ISerialInput): bigint {
    scratch32[0] = input.readUint32();
    scratch32[1] = input.readUint32();
    return scratchU64[0] as bigint;
  }
  write(output: tb.ISerialOutput, value: bigint): void {
    scratchU64[0] = value;
    output.writeUint32(scratch32[0] as number);
    output.writeUint32(scratch32[1] as number);
  }
  measure(_: bigint | typeof tb.MaxValue, measurer: tb.IMeasurer = new tb.Measurer()): tb.IMeasurer {
    return measurer.add(8);
  }
}

const tbRecord = tb.object({
  tag: tb.u8,
  flags: tb.u8,
  len: tb.u16,
  id: tb.u32,
  delta: tb.i32,
  x: tb.f32,
  y: new TbF64(),
  ts: new TbU64(),
  pair: tb.arrayOf(tb.u32, 2),
  crc: tb.u32,
});

/** typed-binary's Object.entries fast path needs the enum cache of its field table (module comment). */
function warmTypedBinary(): void {
  if (tb.getSystemEndianness() !== 'little')
    throw new Error('the typed-binary f64/u64 schemas assume a little-endian platform');
  const keys = Object.keys(tbRecord.properties);
  let n = 0;
  for (const k in tbRecord.properties) if (keys.includes(k)) n++;
  if (n !== 10) throw new Error(`typed-binary field table: ${n} fields, expected 10`);
}

// @solana/buffer-layout
class SolU64 extends sol.Layout<bigint> {
  constructor(property?: string) {
    super(8, property);
  }
  decode(b: Uint8Array, offset = 0): bigint {
    return uint8ArrayToBuffer(b).readBigUInt64LE(offset);
  }
  encode(src: bigint, b: Uint8Array, offset = 0): number {
    uint8ArrayToBuffer(b).writeBigUInt64LE(src, offset);
    return 8;
  }
}

const solRecord = sol.struct<Rec>([
  sol.u8('tag'),
  sol.u8('flags'),
  sol.u16('len'),
  sol.u32('id'),
  sol.s32('delta'),
  sol.f32('x'),
  sol.f64('y'),
  new SolU64('ts') as SolLayout<bigint>,
  sol.seq(sol.u32(), 2, 'pair'),
  sol.u32('crc'),
] as SolLayout<Rec[keyof Rec]>[]);

// hand-written DataView decoder and encoder (the limits; concat-dataview uses the decoder too)
function handRead(dv: DataView, o: number): Rec {
  return {
    tag: dv.getUint8(o),
    flags: dv.getUint8(o + 1),
    len: dv.getUint16(o + 2, true),
    id: dv.getUint32(o + 4, true),
    delta: dv.getInt32(o + 8, true),
    x: dv.getFloat32(o + 12, true),
    y: dv.getFloat64(o + 16, true),
    ts: dv.getBigUint64(o + 24, true),
    pair: [dv.getUint32(o + 32, true), dv.getUint32(o + 36, true)],
    crc: dv.getUint32(o + 40, true),
  };
}

function handWrite(dv: DataView, o: number, rec: Rec): void {
  dv.setUint8(o, rec.tag);
  dv.setUint8(o + 1, rec.flags);
  dv.setUint16(o + 2, rec.len, true);
  dv.setUint32(o + 4, rec.id, true);
  dv.setInt32(o + 8, rec.delta, true);
  dv.setFloat32(o + 12, rec.x, true);
  dv.setFloat64(o + 16, rec.y, true);
  dv.setBigUint64(o + 24, rec.ts, true);
  const pair = rec.pair;
  dv.setUint32(o + 32, pair[0] as number, true);
  dv.setUint32(o + 36, pair[1] as number, true);
  dv.setUint32(o + 40, rec.crc, true);
}

/** A contestant that hands every record to its own sink and returns the tally. */
function decoding(
  name: string,
  run: (sink: Sink) => void,
  extra: Partial<Contestant<Tally>> = {},
): Contestant<Tally> {
  const sink = makeSink();
  return {
    name,
    ...extra,
    setup() {
      extra.setup?.();
      sink.keepFirst(FIRST);
    },
    run() {
      run(sink);
      return sink.take();
    },
    check(got) {
      checkTally(input().expected, got);
    },
  };
}

// ---- fixed-struct ---------------------------------------------------------------------------

function fixedStructWorkload(): Workload {
  let flat: Buffer = Buffer.alloc(0);

  // readEach: the compiled record loop hands each record to the sink (the same sink call the
  // hand loop makes); read() per record works too, ~10-20 ns a record slower.
  const stride = decoding('stride', (sink) => {
    new Decoder(StrideRecord, flat).readEach((rec) => sink.add(rec));
  });

  const interpreted = decoding('stride:interpreted', (sink) => {
    new Decoder(StrideRecord, flat, { compile: false }).readEach((rec) => sink.add(rec));
  });

  const binaryParser = decoding('binary-parser', (sink) => {
    const buf = flat;
    for (let o = 0; o < buf.length; o += BATCH * SIZE) {
      const records = (bpBatch.parse(buf.subarray(o, o + BATCH * SIZE)) as { records: Rec[] }).records;
      for (let i = 0; i < records.length; i++) sink.add(records[i] as Rec);
    }
  });

  const restructure = decoding('restructure', (sink) => {
    const stream = new r.DecodeStream(flat);
    for (let i = 0; i < RECORDS; i++) sink.add(rsRecord.decode(stream));
  });

  const typedBinary = decoding(
    'typed-binary',
    (sink) => {
      const reader = new tb.BufferReader(flat.buffer, { byteOffset: flat.byteOffset, endianness: 'little' });
      for (let i = 0; i < RECORDS; i++) sink.add(tbRecord.read(reader));
    },
    { setup: warmTypedBinary },
  );

  const solana = decoding('@solana/buffer-layout', (sink) => {
    const buf = flat;
    for (let o = 0; o < buf.length; o += SIZE) sink.add(solRecord.decode(buf, o));
  });

  const hand = decoding('limit:hand-dataview', (sink) => {
    const dv = new DataView(flat.buffer, flat.byteOffset, flat.length);
    for (let o = 0; o + SIZE <= dv.byteLength; o += SIZE) sink.add(handRead(dv, o));
  });

  return {
    name: 'fixed-struct',
    unit: 'record',
    opsPerIteration: RECORDS,
    bytesPerIteration: TOTAL,
    setup() {
      flat = input().flat;
      if (bpBatch.sizeOf() !== BATCH * SIZE || RECORDS % BATCH !== 0)
        throw new Error('binary-parser batches must tile the input');
    },
    teardown() {
      flat = Buffer.alloc(0);
    },
    notes: [
      'stride: Decoder over the whole Buffer, readEach (the compiled record loop); stride:interpreted: the same with compile: false',
      `binary-parser: one parse() per ${BATCH}-record array (elements stay fast objects; ${BATCH} kept at a time)`,
      'typed-binary: f64/u64 are Schema subclasses over readUint32 (no such scalars); enum cache warmed in setup()',
      'restructure, @solana/buffer-layout: u64 as a custom type/Layout (none built in), see the file comment',
    ],
    goals: [
      { numerator: 'stride', denominator: 'limit:hand-dataview', max: 1 / 0.7 },
      { numerator: 'typed-binary', denominator: 'stride', min: 5 },
      { numerator: 'typed-binary', denominator: 'stride:interpreted', min: 1.5 },
    ],
    contestants: [stride, interpreted, binaryParser, restructure, typedBinary, solana, hand],
  };
}

// ---- chunked-stream -------------------------------------------------------------------------

function chunkedStreamWorkload(): Workload {
  let chunks: Uint8Array[] = [];

  // stride: StreamDecoder.write(chunk, emit) per chunk, then finish(emit) (throws if bytes are left).
  const strideSink = makeSink();
  const emit = (rec: Rec) => strideSink.add(rec);
  const stride: Contestant<Tally> = {
    name: 'stride',
    setup() {
      strideSink.keepFirst(FIRST);
    },
    run() {
      const d = new StreamDecoder(StrideRecord);
      const cs = chunks;
      for (let k = 0; k < cs.length; k++) d.write(cs[k] as Uint8Array, emit);
      d.finish(emit);
      return strideSink.take();
    },
    check(got) {
      checkTally(input().expected, got);
    },
  };

  // concat-dataview: the naive stream decoder, Buffer.concat([leftover, chunk]) (skipped while
  // nothing is left over) and the hand DataView decoder over the result.
  const concat = decoding('concat-dataview', (sink) => {
    const cs = chunks;
    let left: Uint8Array = new Uint8Array(0);
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k] as Uint8Array;
      const buf = left.length === 0 ? c : Buffer.concat([left, c], left.length + c.length);
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
      let o = 0;
      for (; o + SIZE <= buf.length; o += SIZE) sink.add(handRead(dv, o));
      left = buf.subarray(o);
    }
    if (left.length !== 0) throw new Error(`${left.length} bytes left at the end`);
  });

  // bl: append each chunk; slice() per record, read with Buffer.readXxx; consume() once per chunk.
  let buffers: Buffer[] = [];
  const bl = decoding(
    'bl',
    (sink) => {
      const list = new BufferList();
      const bs = buffers;
      for (let k = 0; k < bs.length; k++) {
        list.append(bs[k] as Buffer);
        const n = list.length - (list.length % SIZE);
        for (let o = 0; o < n; o += SIZE) {
          const b = list.slice(o, o + SIZE);
          sink.add({
            tag: b.readUInt8(0),
            flags: b.readUInt8(1),
            len: b.readUInt16LE(2),
            id: b.readUInt32LE(4),
            delta: b.readInt32LE(8),
            x: b.readFloatLE(12),
            y: b.readDoubleLE(16),
            ts: b.readBigUInt64LE(24),
            pair: [b.readUInt32LE(32), b.readUInt32LE(36)],
            crc: b.readUInt32LE(40),
          });
        }
        if (n > 0) list.consume(n);
      }
      if (list.length !== 0) throw new Error(`${list.length} bytes left at the end`);
    },
    {
      setup() {
        buffers = chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length));
      },
    },
  );

  // limit:hand-inplace: records inside a chunk decoded in place through that chunk's DataView; a
  // straddling record's bytes gathered in one scratch buffer and decoded from there.
  const hand = decoding('limit:hand-inplace', (sink) => {
    const cs = chunks;
    const held = new Uint8Array(SIZE);
    const heldView = new DataView(held.buffer);
    let have = 0;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k] as Uint8Array;
      const n = c.length;
      let i = 0;
      if (have > 0) {
        i = Math.min(SIZE - have, n);
        held.set(c.subarray(0, i), have);
        have += i;
        if (have < SIZE) continue;
        sink.add(handRead(heldView, 0));
        have = 0;
      }
      const dv = new DataView(c.buffer, c.byteOffset, n);
      for (; i + SIZE <= n; i += SIZE) sink.add(handRead(dv, i));
      if (i < n) {
        held.set(c.subarray(i), 0);
        have = n - i;
      }
    }
    if (have !== 0) throw new Error(`${have} bytes left at the end`);
  });

  return {
    name: 'chunked-stream',
    unit: 'record',
    opsPerIteration: RECORDS,
    bytesPerIteration: TOTAL,
    setup() {
      chunks = splitCopies(input().flat, chunkSizes(TOTAL, 1, 64 * KiB, 0x5eed0c02));
      let straddling = 0;
      let at = 0;
      for (const c of chunks) {
        at += c.length;
        if (at % SIZE !== 0 && at < TOTAL) straddling++;
      }
      this.notes = [
        `${chunks.length} chunks of 1 B..64 KiB (sizes from a fixed seed), ${straddling} records straddle chunks`,
        'goal against fixed-struct: Stride streaming vs Stride over one Buffer, per record, same run',
      ];
    },
    teardown() {
      chunks = [];
      buffers = [];
    },
    goals: [
      { numerator: 'stride', denominator: 'stride', denominatorWorkload: 'fixed-struct', max: 1 / 0.8 },
      { numerator: 'bl', denominator: 'stride', min: 5 },
      { numerator: 'concat-dataview', denominator: 'stride', min: 1 },
    ],
    contestants: [stride, concat, bl, hand],
  };
}

// ---- encode ---------------------------------------------------------------------------------

function encodeWorkload(): Workload {
  let objects: Rec[] = [];
  let reference: Uint8Array = new Uint8Array(0);
  const checkBytes = (got: Uint8Array): void => {
    if (got.length !== reference.length) throw new Error(`${got.length} bytes, expected ${reference.length}`);
    if (Buffer.compare(got, reference) !== 0) {
      let i = 0;
      while (got[i] === reference[i]) i++;
      throw new Error(
        `byte ${i} (record ${Math.floor(i / SIZE)}, offset ${i % SIZE}) = ${got[i]}, expected ${reference[i]}`,
      );
    }
  };

  const strideEncoder = (name: string, compile: boolean): Contestant<Uint8Array> => {
    let enc = new Encoder(StrideRecord);
    return {
      name,
      setup() {
        enc = new Encoder(StrideRecord, { compile, initialSize: TOTAL });
      },
      run() {
        enc.reset();
        const objs = objects;
        for (let i = 0; i < objs.length; i++) enc.write(objs[i] as Rec);
        return enc.peek();
      },
      check: checkBytes,
    };
  };

  // Anchors and the limit each write into their own preallocated buffer (zeroed, so the warm-up
  // round's output is all theirs).
  const into = (
    name: string,
    write: (out: Buffer, objs: Rec[]) => void,
    setup?: () => void,
  ): Contestant<Uint8Array> => {
    let out: Buffer = Buffer.alloc(0);
    return {
      name,
      setup() {
        setup?.();
        out = Buffer.alloc(TOTAL);
      },
      run() {
        write(out, objects);
        return out;
      },
      check: checkBytes,
      teardown() {
        out = Buffer.alloc(0);
      },
    };
  };

  const restructure = into('restructure', (out, objs) => {
    const stream = new r.EncodeStream(out);
    for (let i = 0; i < objs.length; i++) rsRecord.encode(stream, objs[i] as Rec);
  });

  const typedBinary = into(
    'typed-binary',
    (out, objs) => {
      const writer = new tb.BufferWriter(out.buffer, { byteOffset: out.byteOffset, endianness: 'little' });
      for (let i = 0; i < objs.length; i++) tbRecord.write(writer, objs[i] as Rec);
    },
    warmTypedBinary,
  );

  const solana = into('@solana/buffer-layout', (out, objs) => {
    for (let i = 0, o = 0; i < objs.length; i++, o += SIZE) solRecord.encode(objs[i] as Rec, out, o);
  });

  const hand = into('limit:hand-dataview', (out, objs) => {
    const dv = new DataView(out.buffer, out.byteOffset, out.length);
    for (let i = 0, o = 0; i < objs.length; i++, o += SIZE) handWrite(dv, o, objs[i] as Rec);
  });

  return {
    name: 'encode',
    unit: 'record',
    opsPerIteration: RECORDS,
    bytesPerIteration: TOTAL,
    setup() {
      reference = input().flat;
      objects = new Array(RECORDS);
      generate((rec, i) => {
        objects[i] = rec;
      });
    },
    teardown() {
      objects = [];
      reference = new Uint8Array(0);
    },
    notes: [
      'the 1 M objects are built before timing (same seed as fixed-struct); output checked byte for byte',
      'stride: one Encoder, reset() per iteration, its buffer sized for the whole output',
      'binary-parser has no encoder (it only parses), so it is not a contestant here',
      'goal "stride >= 3x the fastest anchor encoder" is checked against each anchor',
    ],
    goals: [
      { numerator: 'stride', denominator: 'limit:hand-dataview', max: 2 },
      { numerator: 'restructure', denominator: 'stride', min: 3 },
      { numerator: 'typed-binary', denominator: 'stride', min: 3 },
      { numerator: '@solana/buffer-layout', denominator: 'stride', min: 3 },
    ],
    contestants: [
      strideEncoder('stride', true),
      strideEncoder('stride:interpreted', false),
      restructure,
      typedBinary,
      solana,
      hand,
    ],
  };
}

main({
  name: 'codec',
  workloads: [fixedStructWorkload(), chunkedStreamWorkload(), encodeWorkload()],
});
