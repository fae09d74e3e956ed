// bench/suites/view.ts: BufferChain reads and MemoryView slices against flat-buffer limits and bl.
//
//   chain-sequential-u32  every u32 of 16 MiB split into chunks of 1 B..64 KiB (random sizes, so
//                         reads straddle chunks), through the chain's own cursor; unit: read
//   chain-random-u32      1 M u32 reads at random (unaligned) offsets over 64 chunks (~68 MiB),
//                         through chain.u32le(offset); unit: read
//   slice-memory          8 MB slices of a 10 MB buffer, kept alive; unit: slice. Also reports
//                         heapBytesPerSlice, the memory each slice keeps alive.
//
// Every read contestant returns the 32-bit sum of the values it read, checked in the warm-up round
// against a reference computed from the flat buffer with Buffer.readUInt32LE (stride is also checked
// value by value on the first 1000 reads and on every read that straddles two chunks).
//
// The sum is folded as `sum = (sum + (v | 0)) | 0`, a word32 add. The obvious `(sum + v) | 0`, with
// v a uint32, made V8 add in float64 and truncate back: a ~12-cycle dependency chain per read
// (4.8 ns/read here, even for the flat DataView, which otherwise reads at ~1 ns), which hid the very
// differences this suite measures. Every contestant, Stride included, uses the same fold.

import { BufferChain, type MemoryView, memoryview } from '@stride/view';
import { BufferList } from 'bl';
import { type Contestant, main, type Workload } from '../harness.js';
import { chunkSizes, mulberry32, randomBytes, splitCopies } from '../prng.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** 32-bit wrapping sum of u32le at each offset (reference: Buffer.readUInt32LE, another code path). */
function referenceSum(flat: Uint8Array, offsets?: Uint32Array): number {
  const buf = Buffer.from(flat.buffer, flat.byteOffset, flat.length);
  let sum = 0;
  if (offsets) for (const o of offsets) sum = (sum + buf.readUInt32LE(o)) | 0;
  else for (let o = 0; o + 4 <= buf.length; o += 4) sum = (sum + buf.readUInt32LE(o)) | 0;
  return sum;
}

function checkSum(expected: number) {
  return (got: number): void => {
    if (got !== expected) throw new Error(`checksum ${got >>> 0} != expected ${expected >>> 0}`);
  };
}

function asBuffer(u8: Uint8Array): Buffer {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.length);
}

function buildChain(chunks: readonly Uint8Array[]): BufferChain {
  const chain = new BufferChain();
  for (const c of chunks) chain.append(c);
  return chain;
}

// ---- chain-sequential-u32 -------------------------------------------------------------------

function sequentialWorkload(): Workload {
  const total = 16 * MiB;
  const reads = total / 4;
  let flat: Uint8Array = new Uint8Array(0);
  let chunks: Uint8Array[] = [];
  let expected = 0;
  const check = (got: number) => checkSum(expected)(got);

  // limit:flat-dataview: one cached DataView over the whole (contiguous) input.
  let flatView: DataView = new DataView(new ArrayBuffer(0));
  const flatDataView: Contestant<number> = {
    name: 'limit:flat-dataview',
    setup() {
      flatView = new DataView(flat.buffer, flat.byteOffset, flat.length);
    },
    run() {
      const dv = flatView;
      const end = dv.byteLength - 3;
      let sum = 0;
      for (let o = 0; o < end; o += 4) sum = (sum + (dv.getUint32(o, true) | 0)) | 0;
      return sum;
    },
    check,
  };

  // limit:chunk-dataview-loop: a hand loop per chunk with that chunk's (cached) DataView; a u32
  // straddling chunks is assembled byte by byte.
  let views: DataView[] = [];
  const chunkLoop: Contestant<number> = {
    name: 'limit:chunk-dataview-loop',
    setup() {
      views = chunks.map((c) => new DataView(c.buffer, c.byteOffset, c.length));
    },
    run() {
      const cs = chunks;
      const vs = views;
      let sum = 0;
      let partial = 0; // bytes of a straddling u32 gathered so far (little-endian)
      let have = 0;
      for (let k = 0; k < cs.length; k++) {
        const c = cs[k] as Uint8Array;
        const n = c.length;
        let i = 0;
        if (have > 0) {
          while (have < 4 && i < n) partial |= (c[i++] as number) << (8 * have++);
          if (have < 4) continue;
          sum = (sum + partial) | 0;
          partial = 0;
          have = 0;
        }
        const dv = vs[k] as DataView;
        const end = dv.byteLength - 3;
        for (; i < end; i += 4) sum = (sum + (dv.getUint32(i, true) | 0)) | 0;
        while (i < n) partial |= (c[i++] as number) << (8 * have++);
      }
      return sum;
    },
    check,
  };

  // stride: the chain's bulk sequential reader, cursor.window(4) / commit(p): each chunk's own
  // DataView read in a local loop, the u32s that straddle chunks gathered in a scratch window.
  // One cursor for the stream, as a decoder holds one, sought back to the start for each run.
  let chain = new BufferChain();
  let cursor = chain.cursor();
  const stride: Contestant<number> = {
    name: 'stride',
    setup() {
      chain = buildChain(chunks);
      cursor = chain.cursor();
      if (chain.length !== total) throw new Error(`chain.length ${chain.length} != ${total}`);
    },
    run() {
      cursor.seek(chain.start);
      let sum = 0;
      while (cursor.remaining >= 4) {
        const dv = cursor.window(4);
        let p = cursor.at;
        for (const end = dv.byteLength - 4; p <= end; p += 4) sum = (sum + (dv.getUint32(p, true) | 0)) | 0;
        cursor.commit(p);
      }
      return sum;
    },
    check(got) {
      check(got);
      // Value by value over the whole stream.
      const buf = asBuffer(flat);
      const cursor = chain.cursor();
      let k = 0;
      while (cursor.remaining >= 4) {
        const dv = cursor.window(4);
        let p = cursor.at;
        for (const end = dv.byteLength - 4; p <= end; p += 4, k++) {
          const want = buf.readUInt32LE(4 * k);
          if (dv.getUint32(p, true) !== want) throw new Error(`windowed read #${k} != ${want}`);
        }
        cursor.commit(p);
      }
      if (k !== reads) throw new Error(`windowed reads: ${k}, expected ${reads}`);
    },
  };

  // The same chain read one cursor.u32le() call per value: printed, not the entry (each call
  // stores and reloads the position, which a local loop keeps in a register).
  const strideCalls: Contestant<number> = {
    name: 'stride:cursor.u32le()',
    informational: true,
    run() {
      cursor.seek(chain.start);
      let sum = 0;
      for (let k = 0; k < reads; k++) sum = (sum + (cursor.u32le() | 0)) | 0;
      return sum;
    },
    check(got) {
      check(got);
      // Value by value: the first 1000 reads and every read that straddles a chunk boundary.
      const buf = asBuffer(flat);
      const cursor = chain.cursor();
      for (let k = 0; k < 1000; k++) {
        const want = buf.readUInt32LE(4 * k);
        const v = cursor.u32le();
        if (v !== want) throw new Error(`cursor read #${k} (offset ${4 * k}) = ${v}, expected ${want}`);
      }
      let at = 0;
      for (const c of chunks) {
        at += c.length;
        const o = at - (at % 4);
        if (o === at || o + 4 > total) continue;
        const cur = chain.cursor(chain.start + o);
        const v = cur.u32le();
        if (v !== buf.readUInt32LE(o))
          throw new Error(`straddling read at ${o} = ${v}, expected ${buf.readUInt32LE(o)}`);
        if (cur.offset !== chain.start + o + 4)
          throw new Error(`cursor.offset ${cur.offset} after a read at ${o}`);
      }
    },
  };

  // bl: BufferList readUInt32LE(0) + consume(4) (consume is destructive, so a fresh list per run).
  let buffers: Buffer[] = [];
  const bl: Contestant<number> = {
    name: 'bl',
    setup() {
      buffers = chunks.map(asBuffer);
    },
    run() {
      const list = new BufferList();
      for (const b of buffers) list.append(b);
      let sum = 0;
      for (let k = 0; k < reads; k++) {
        sum = (sum + (list.readUInt32LE(0) | 0)) | 0;
        list.consume(4);
      }
      return sum;
    },
    check,
  };

  return {
    name: 'chain-sequential-u32',
    unit: 'read',
    opsPerIteration: reads,
    bytesPerIteration: total,
    setup() {
      flat = randomBytes(total, 0x5eed0001);
      chunks = splitCopies(flat, chunkSizes(total, 1, 64 * KiB, 0x5eed0002));
      expected = referenceSum(flat);
      this.notes = [`${chunks.length} chunks of 1 B..64 KiB (sizes from a fixed seed), one u32 per 4 bytes`];
    },
    teardown() {
      flat = new Uint8Array(0);
      chunks = [];
      views = [];
      buffers = [];
      chain = new BufferChain();
    },
    goals: [{ numerator: 'stride', denominator: 'limit:flat-dataview', max: 1.5 }],
    contestants: [stride, strideCalls, flatDataView, chunkLoop, bl],
  };
}

// ---- chain-random-u32 -----------------------------------------------------------------------

function randomWorkload(): Workload {
  const chunkCount = 64;
  const reads = 1_000_000;
  let flat: Uint8Array = new Uint8Array(0);
  let chunks: Uint8Array[] = [];
  let offsets = new Uint32Array(0);
  let expected = 0;
  const check = (got: number) => checkSum(expected)(got);

  let flatView: DataView = new DataView(new ArrayBuffer(0));
  const flatDataView: Contestant<number> = {
    name: 'limit:flat-dataview',
    setup() {
      flatView = new DataView(flat.buffer, flat.byteOffset, flat.length);
    },
    run() {
      const dv = flatView;
      const offs = offsets;
      let sum = 0;
      for (let k = 0; k < offs.length; k++) sum = (sum + (dv.getUint32(offs[k] as number, true) | 0)) | 0;
      return sum;
    },
    check,
  };

  // limit:chunk-bucket-index: hand-written chunked ceiling. bucket[b] is the chunk holding byte
  // b * 64 KiB; from there step forward to the chunk holding the offset (chunks here are >= 512 KiB,
  // so at most one step); a straddling u32 is assembled byte by byte.
  let bucket = new Uint32Array(0);
  let starts = new Float64Array(0);
  let views: DataView[] = [];
  const bucketIndex: Contestant<number> = {
    name: 'limit:chunk-bucket-index',
    setup() {
      starts = new Float64Array(chunks.length + 1);
      for (let i = 0; i < chunks.length; i++)
        starts[i + 1] = (starts[i] as number) + (chunks[i] as Uint8Array).length;
      bucket = new Uint32Array(Math.ceil(flat.length / (64 * KiB)));
      let c = 0;
      for (let b = 0; b < bucket.length; b++) {
        while (b * 64 * KiB >= (starts[c + 1] as number)) c++;
        bucket[b] = c;
      }
      views = chunks.map((ch) => new DataView(ch.buffer, ch.byteOffset, ch.length));
    },
    run() {
      const offs = offsets;
      const bk = bucket;
      const st = starts;
      const vs = views;
      const cs = chunks;
      let sum = 0;
      for (let k = 0; k < offs.length; k++) {
        const off = offs[k] as number;
        let i = bk[off >>> 16] as number;
        while (off >= (st[i + 1] as number)) i++;
        const local = off - (st[i] as number);
        const dv = vs[i] as DataView;
        if (local + 4 <= dv.byteLength) sum = (sum + (dv.getUint32(local, true) | 0)) | 0;
        else {
          let v = 0;
          for (let j = 0, ci = i, at = local; j < 4; j++, at++) {
            let c = cs[ci] as Uint8Array;
            if (at >= c.length) {
              c = cs[++ci] as Uint8Array;
              at = 0;
            }
            v |= (c[at] as number) << (8 * j);
          }
          sum = (sum + v) | 0;
        }
      }
      return sum;
    },
    check,
  };

  let chain = new BufferChain();
  const stride: Contestant<number> = {
    name: 'stride',
    setup() {
      chain = buildChain(chunks);
      if (chain.start !== 0) throw new Error(`a fresh chain starts at ${chain.start}, expected 0`);
      if (chain.length !== flat.length) throw new Error(`chain.length ${chain.length} != ${flat.length}`);
    },
    run() {
      const c = chain;
      const offs = offsets;
      let sum = 0;
      for (let k = 0; k < offs.length; k++) sum = (sum + (c.u32le(offs[k] as number) | 0)) | 0;
      return sum;
    },
    check(got) {
      check(got);
      const buf = asBuffer(flat);
      for (let k = 0; k < 1000; k++) {
        const o = offsets[k] as number;
        const v = chain.u32le(o);
        if (v !== buf.readUInt32LE(o)) throw new Error(`u32le(${o}) = ${v}, expected ${buf.readUInt32LE(o)}`);
      }
      let at = 0;
      for (const c of chunks.slice(0, -1)) {
        at += c.length;
        for (const o of [at - 3, at - 2, at - 1]) {
          const v = chain.u32le(o);
          if (v !== buf.readUInt32LE(o))
            throw new Error(`straddling u32le(${o}) = ${v}, expected ${buf.readUInt32LE(o)}`);
        }
      }
    },
  };

  let list = new BufferList();
  const bl: Contestant<number> = {
    name: 'bl',
    setup() {
      list = new BufferList();
      for (const c of chunks) list.append(asBuffer(c));
    },
    run() {
      const l = list;
      const offs = offsets;
      let sum = 0;
      for (let k = 0; k < offs.length; k++) sum = (sum + (l.readUInt32LE(offs[k] as number) | 0)) | 0;
      return sum;
    },
    check,
  };

  return {
    name: 'chain-random-u32',
    unit: 'read',
    opsPerIteration: reads,
    bytesPerIteration: reads * 4,
    setup() {
      const rng = mulberry32(0x5eed0003);
      const sizes = Array.from({ length: chunkCount }, () => rng.int(512 * KiB, 1664 * KiB));
      const total = sizes.reduce((a, b) => a + b, 0);
      flat = randomBytes(total, 0x5eed0004);
      chunks = splitCopies(flat, sizes);
      offsets = new Uint32Array(reads);
      for (let k = 0; k < reads; k++) offsets[k] = rng.int(0, total - 4);
      expected = referenceSum(flat, offsets);
      this.notes = [
        `${chunkCount} chunks of 512..1664 KiB, ${(total / MiB).toFixed(1)} MiB; offsets uniform, unaligned (fixed seed)`,
      ];
    },
    teardown() {
      flat = new Uint8Array(0);
      chunks = [];
      offsets = new Uint32Array(0);
      views = [];
      list = new BufferList();
      chain = new BufferChain();
    },
    goals: [{ numerator: 'bl', denominator: 'stride', min: 3 }],
    contestants: [stride, flatDataView, bucketIndex, bl],
  };
}

// ---- slice-memory ---------------------------------------------------------------------------

function sliceWorkload(): Workload {
  const sourceBytes = 10_000_000;
  const sliceBytes = 8_000_000;
  const room = sourceBytes - sliceBytes;
  const startOf = (i: number) => (i * 7919) % (room + 1);
  let source: Uint8Array = new Uint8Array(0);

  // Stride: MemoryView slices are views (O(1) memory): many per iteration so one run takes ms.
  const viewSlices = 50_000;
  let mv: MemoryView | undefined;
  const stride: Contestant<MemoryView[]> = {
    name: 'stride',
    opsPerIteration: viewSlices,
    setup() {
      mv = memoryview(source);
    },
    run() {
      const v = mv as MemoryView;
      const out: MemoryView[] = new Array(viewSlices);
      for (let i = 0; i < viewSlices; i++) {
        const a = startOf(i);
        out[i] = v.slice(a, a + sliceBytes);
      }
      return out;
    },
    check(got) {
      if (got.length !== viewSlices) throw new Error(`${got.length} slices, expected ${viewSlices}`);
      for (const i of [0, 1, 2, 1000, viewSlices - 1]) {
        const s = got[i] as MemoryView;
        const a = startOf(i);
        if (s.nbytes !== sliceBytes)
          throw new Error(`slice ${i}: nbytes ${s.nbytes}, expected ${sliceBytes}`);
        for (const j of [0, 1, 12345, sliceBytes - 1]) {
          if (s.get(j) !== source[a + j])
            throw new Error(`slice ${i}: get(${j}) = ${s.get(j)}, expected ${source[a + j]}`);
        }
      }
    },
  };

  // limit:copy-slice: Uint8Array.prototype.slice copies the 8 MB.
  const copySlices = 16;
  const copy: Contestant<Uint8Array[]> = {
    name: 'limit:copy-slice',
    opsPerIteration: copySlices,
    run() {
      const src = source;
      const out: Uint8Array[] = new Array(copySlices);
      for (let i = 0; i < copySlices; i++) {
        const a = startOf(i);
        out[i] = src.slice(a, a + sliceBytes);
      }
      return out;
    },
    check(got) {
      if (got.length !== copySlices) throw new Error(`${got.length} slices, expected ${copySlices}`);
      got.forEach((s, i) => {
        const a = startOf(i);
        if (s.length !== sliceBytes || Buffer.compare(s, source.subarray(a, a + sliceBytes)) !== 0) {
          throw new Error(`slice ${i} differs from source[${a}, ${a + sliceBytes})`);
        }
      });
    },
  };

  return {
    name: 'slice-memory',
    unit: 'slice',
    opsPerIteration: 1,
    bytesPerIteration: sliceBytes,
    memory: { field: 'heapBytesPerSlice', repeats: 3 },
    setup() {
      source = randomBytes(sourceBytes, 0x5eed0005);
    },
    teardown() {
      source = new Uint8Array(0);
      mv = undefined;
    },
    notes: [
      `slices of ${sliceBytes / 1e6} MB from a ${sourceBytes / 1e6} MB buffer, all kept alive until the iteration ends; ` +
        `${viewSlices} view slices or ${copySlices} copies per iteration`,
      'MB/s counts the bytes each slice covers (8 MB per slice), copied or not',
      'heapBytesPerSlice: (heapUsed + external) after minus before one iteration, gc() both sides, per slice',
    ],
    contestants: [stride, copy],
  };
}

main({
  name: 'view',
  workloads: [sequentialWorkload(), randomWorkload(), sliceWorkload()],
});
