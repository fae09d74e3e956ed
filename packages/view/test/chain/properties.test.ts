/**
 * Chunk-split invariance: for any bytes and any way of cutting them into chunks (down to 1 byte),
 * every BufferChain operation equals the same operation on the concatenated bytes.
 */
import { Buffer } from 'node:buffer';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { internalsOf } from '../../src/chain/buffer-chain.js';
import { setMaxWindow } from '../../src/chain/cursor.js';
import { BufferChain, type ChainCursor } from '../../src/chain/index.js';
import { halfToNumber } from '../../src/half.js';
import { memoryview } from '../../src/memoryview/index.js';
import { DecodeError, ValidationError } from '../../src/stream-errors.js';

type Num = number | bigint;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Number(v), or the ValidationError the *Number reads throw outside ±MAX_SAFE_INTEGER. */
function safe(v: bigint): number {
  if (v > MAX || v < -MAX) throw new ValidationError('unsafe', { offset: 0 });
  return Number(v);
}

/** Every read: its name on BufferChain/ChainCursor, its size, and the reference on a flat DataView. */
const READS = [
  { name: 'u8', size: 1, ref: (d: DataView, o: number): Num => d.getUint8(o) },
  { name: 'i8', size: 1, ref: (d: DataView, o: number): Num => d.getInt8(o) },
  { name: 'u16le', size: 2, ref: (d: DataView, o: number): Num => d.getUint16(o, true) },
  { name: 'u16be', size: 2, ref: (d: DataView, o: number): Num => d.getUint16(o, false) },
  { name: 'i16le', size: 2, ref: (d: DataView, o: number): Num => d.getInt16(o, true) },
  { name: 'i16be', size: 2, ref: (d: DataView, o: number): Num => d.getInt16(o, false) },
  { name: 'u32le', size: 4, ref: (d: DataView, o: number): Num => d.getUint32(o, true) },
  { name: 'u32be', size: 4, ref: (d: DataView, o: number): Num => d.getUint32(o, false) },
  { name: 'i32le', size: 4, ref: (d: DataView, o: number): Num => d.getInt32(o, true) },
  { name: 'i32be', size: 4, ref: (d: DataView, o: number): Num => d.getInt32(o, false) },
  { name: 'u64le', size: 8, ref: (d: DataView, o: number): Num => d.getBigUint64(o, true) },
  { name: 'u64be', size: 8, ref: (d: DataView, o: number): Num => d.getBigUint64(o, false) },
  { name: 'i64le', size: 8, ref: (d: DataView, o: number): Num => d.getBigInt64(o, true) },
  { name: 'i64be', size: 8, ref: (d: DataView, o: number): Num => d.getBigInt64(o, false) },
  { name: 'u64leNumber', size: 8, ref: (d: DataView, o: number): Num => safe(d.getBigUint64(o, true)) },
  { name: 'u64beNumber', size: 8, ref: (d: DataView, o: number): Num => safe(d.getBigUint64(o, false)) },
  { name: 'i64leNumber', size: 8, ref: (d: DataView, o: number): Num => safe(d.getBigInt64(o, true)) },
  { name: 'i64beNumber', size: 8, ref: (d: DataView, o: number): Num => safe(d.getBigInt64(o, false)) },
  { name: 'f16le', size: 2, ref: (d: DataView, o: number): Num => halfToNumber(d.getUint16(o, true)) },
  { name: 'f16be', size: 2, ref: (d: DataView, o: number): Num => halfToNumber(d.getUint16(o, false)) },
  { name: 'f32le', size: 4, ref: (d: DataView, o: number): Num => d.getFloat32(o, true) },
  { name: 'f32be', size: 4, ref: (d: DataView, o: number): Num => d.getFloat32(o, false) },
  { name: 'f64le', size: 8, ref: (d: DataView, o: number): Num => d.getFloat64(o, true) },
  { name: 'f64be', size: 8, ref: (d: DataView, o: number): Num => d.getFloat64(o, false) },
] as const;
type ReadName = (typeof READS)[number]['name'];

const readAt = (chain: BufferChain, name: ReadName, off: number): Num =>
  (chain[name] as (off: number) => Num).call(chain, off);
const readNext = (cur: ChainCursor, name: ReadName): Num => (cur[name] as () => Num).call(cur);

/** The value, or the error thrown (a DecodeError's code, else its class), so outcomes compare with toEqual. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: e instanceof DecodeError ? e.code : (e as Error).constructor.name };
  }
}

/** Bytes, how to cut them, and what kind of chunks to make. */
const input = fc.record({
  bytes: fc.uint8Array({ maxLength: 96 }),
  sizes: fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 100 }),
  kind: fc.constantFrom('copy', 'padded', 'buffer'),
  consumed: fc.nat(),
});
type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

/** The chunks for an input: copies, views into a garbage-filled larger buffer, or Buffers. */
function chunksOf({ bytes, sizes, kind }: Input): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let p = 0;
  for (const n of sizes) {
    if (p >= bytes.length) break;
    parts.push(bytes.subarray(p, Math.min(bytes.length, p + n)));
    p += n;
  }
  if (p < bytes.length) parts.push(bytes.subarray(p));
  return parts.map((part) => {
    if (kind === 'buffer') return Buffer.from(part);
    if (kind === 'copy') return part.slice();
    const big = new Uint8Array(part.length + 6).fill(0xee);
    big.set(part, 3);
    return big.subarray(3, 3 + part.length);
  });
}

/** A chain over the input with `consumed % (length + 1)` bytes consumed, and its flat reference. */
function build(inp: Input): { chain: BufferChain; flat: Uint8Array; chunks: Uint8Array[] } {
  const chain = new BufferChain();
  const chunks = chunksOf(inp);
  for (const c of chunks) chain.append(c);
  const k = inp.consumed % (inp.bytes.length + 1);
  chain.consume(k);
  return { chain, flat: inp.bytes.slice(k), chunks };
}

/** A plain Uint8Array copy, so Buffers and Uint8Arrays compare equal. */
const plain = (b: Uint8Array) => Uint8Array.from(b);
const dvOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

describe('BufferChain equals the concatenated bytes', () => {
  it('every read at every offset (and just outside)', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const { chain, flat } = build(inp);
        const dv = dvOf(flat);
        const s = chain.start;
        for (const { name, size, ref } of READS) {
          for (let off = s - 1; off <= chain.end; off++) {
            const rel = off - s;
            const want =
              rel < 0
                ? { error: 'BAD_OFFSET' }
                : rel + size <= flat.length
                  ? outcome(() => ref(dv, rel))
                  : { error: 'INCOMPLETE' };
            expect(outcome(() => readAt(chain, name, off))).toEqual(want);
          }
        }
      }),
    );
  });

  it('subarray, isContiguous and segments', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.nat(), (inp, x, y) => {
        const { chain, flat, chunks } = build(inp);
        const a = chain.start + (x % (flat.length + 1));
        const b = a + (y % (chain.end - a + 1));
        const want = flat.subarray(a - chain.start, b - chain.start);
        const sub = chain.subarray(a, b);
        expect(plain(sub)).toEqual(want);
        if (chain.isContiguous(a, b) && a < b) expect(chunks.some((c) => c.buffer === sub.buffer)).toBe(true);
        const segs = chain.segments(a, b);
        expect(Buffer.concat(segs)).toEqual(Buffer.from(want));
        for (const seg of segs) {
          expect(seg.byteLength).toBeGreaterThan(0);
          expect(chunks.some((c) => c.buffer === seg.buffer)).toBe(true);
        }
        expect(segs.length <= 1).toBe(chain.isContiguous(a, b));
      }),
    );
  });

  it('indexOf across chunk boundaries', () => {
    // A needle cut from the bytes (searched from at or before where it was cut), random bytes, or one byte.
    const needle = fc.oneof(
      fc.record({ at: fc.nat(), len: fc.integer({ min: 0, max: 6 }) }),
      fc.uint8Array({ minLength: 1, maxLength: 3 }),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(input, needle, fc.nat(), (inp, nd, f) => {
        const { chain, flat } = build(inp);
        let n: Uint8Array | number;
        let from = chain.start + (f % (flat.length + 1));
        if (typeof nd === 'number' || nd instanceof Uint8Array) n = nd;
        else {
          const at = nd.at % (flat.length + 1);
          n = flat.slice(at, at + nd.len);
          from = chain.start + (f % (at + 1));
        }
        const r = Buffer.from(flat).indexOf(typeof n === 'number' ? n : Buffer.from(n), from - chain.start);
        expect(chain.indexOf(n, from)).toBe(r < 0 ? -1 : r + chain.start);
      }),
      { numRuns: 500 },
    );
  });

  it('crc32 and toBytes', () => {
    fc.assert(
      fc.property(input, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 0xffffffff }), (inp, x, y, seed) => {
        const { chain, flat } = build(inp);
        const a = chain.start + (x % (flat.length + 1));
        const b = a + (y % (chain.end - a + 1));
        // zlib.crc32 of an empty view without a backing store returns 0, not the seed; the CRC of nothing is the seed.
        const want = a === b ? seed : crc32(flat.subarray(a - chain.start, b - chain.start), seed);
        expect(chain.crc32(a, b, seed)).toBe(want);
        expect(chain.crc32()).toBe(crc32(flat));
        expect(plain(chain.toBytes())).toEqual(flat);
      }),
    );
  });

  it('consume, step by step, keeps offsets absolute and releases the chunks it passes', () => {
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 12 }), (inp, steps) => {
        const chain = new BufferChain();
        const chunks = chunksOf(inp);
        for (const c of chunks) chain.append(c);
        let start = 0;
        for (const step of steps) {
          const n = step % (inp.bytes.length - start + 1);
          chain.consume(n);
          start += n;
          expect([chain.start, chain.end, chain.length]).toEqual([
            start,
            inp.bytes.length,
            inp.bytes.length - start,
          ]);
          expect(plain(chain.toBytes())).toEqual(inp.bytes.subarray(start));
          // Live chunks are exactly the non-empty ones with unconsumed bytes; the slots before them are cleared.
          let end = 0;
          const live = chunks.filter((c) => {
            end += c.length;
            return c.length > 0 && end > start;
          });
          expect(chain.chunkCount).toBe(live.length);
          const slots = internalsOf(chain).chunks;
          const head = slots.length - chain.chunkCount;
          expect(slots.slice(0, head).every((c) => c === undefined)).toBe(true);
          expect(slots.slice(head)).toEqual(live);
          if (chain.length > 0) expect(chain.u8(start)).toBe(inp.bytes[start]);
        }
      }),
    );
  });

  it('view() reads and writes like a memoryview over a copy', () => {
    const formats = ['B', 'b', '<H', '>h', '<I', '>i', '<Q', '>q', 'e', '<f', '>d', '?'] as const;
    fc.assert(
      fc.property(input, fc.constantFrom(...formats), fc.nat(), fc.nat(), (inp, format, x, y) => {
        const { chain, flat } = build(inp);
        const ref = memoryview(new Uint8Array(), { format });
        const size = ref.itemsize;
        const a = chain.start + (x % (flat.length + 1));
        const count = Math.floor((chain.end - a) / size);
        const n = count === 0 ? 0 : y % (count + 1);
        const b = a + n * size;
        const copy = flat.slice(a - chain.start, b - chain.start);
        const want = memoryview(copy, { format });
        const got = chain.view(a, b, format);
        expect(got.tolist()).toEqual(want.tolist());
        expect(got.tobytes()).toEqual(want.tobytes());
        // Shift every item one place up through both views: items that straddle chunks are written too.
        const items = want.tolist() as unknown[];
        for (let i = 1; i < n; i++) {
          want.set(i, items[i - 1] as never);
          got.set(i, items[i - 1] as never);
        }
        expect(plain(chain.subarray(a, b))).toEqual(copy);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ChainCursor equals sequential reads of the concatenated bytes', () => {
  type Op =
    | { op: 'read'; name: ReadName }
    | { op: 'skip' | 'bytes'; n: number }
    | { op: 'append' }
    | { op: 'consume' };
  const ops: fc.Arbitrary<Op[]> = fc.array(
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .constantFrom(...READS.map((r) => r.name))
          .map((name) => ({ op: 'read' as const, name })),
      },
      {
        weight: 1,
        arbitrary: fc.record({ op: fc.constantFrom('skip' as const, 'bytes' as const), n: fc.nat(12) }),
      },
      { weight: 1, arbitrary: fc.constant({ op: 'append' as const }) },
      { weight: 1, arbitrary: fc.constant({ op: 'consume' as const }) },
    ),
    { maxLength: 60 },
  );

  /**
   * Runs `program` on a cursor over a chain that starts with some of the chunks; `append` adds
   * the next one, `consume` drops everything before the cursor. Failed operations must throw the
   * same error as the reference and leave the cursor where it was.
   */
  function run(inp: Input, initial: number, at: number, program: Op[]): void {
    const chunks = chunksOf(inp);
    const chain = new BufferChain();
    let appended = initial % (chunks.length + 1);
    for (const c of chunks.slice(0, appended)) chain.append(c);
    const all = inp.bytes;
    const dv = dvOf(all);
    let pos = at % (chain.end + 1);
    const cur = chain.cursor(pos);
    for (const step of program) {
      if (step.op === 'append') {
        const c = chunks[appended++];
        if (c !== undefined) chain.append(c);
        continue;
      }
      if (step.op === 'consume') {
        chain.consume(pos - chain.start);
        continue;
      }
      const size = step.op === 'read' ? (READS.find((r) => r.name === step.name)?.size ?? 0) : step.n;
      const fits = pos + size <= chain.end;
      if (step.op === 'read') {
        const spec = READS.find((r) => r.name === step.name);
        const want = fits && spec ? outcome(() => spec.ref(dv, pos)) : { error: 'INCOMPLETE' };
        const got = outcome(() => readNext(cur, step.name));
        expect(got).toEqual(want);
        if (!('error' in (got as object))) pos += size;
      } else if (step.op === 'skip') {
        expect(outcome(() => cur.skip(step.n))).toEqual(
          fits ? { value: undefined } : { error: 'INCOMPLETE' },
        );
        if (fits) pos += size;
      } else {
        expect(outcome(() => plain(cur.bytes(step.n)))).toEqual(
          fits ? { value: all.subarray(pos, pos + size) } : { error: 'INCOMPLETE' },
        );
        if (fits) pos += size;
      }
      expect(cur.offset).toBe(pos);
    }
  }

  it('any program of reads, skips, bytes, appends and consumes', () => {
    fc.assert(fc.property(input, fc.nat(), fc.nat(), ops, run), { numRuns: 200 });
  });

  describe('with tiny windows (how chunks past 1 GiB are read)', () => {
    let saved = 0;
    afterEach(() => {
      setMaxWindow(saved);
    });
    it('any program of reads, skips, bytes, appends and consumes', () => {
      saved = setMaxWindow(3);
      fc.assert(fc.property(input, fc.nat(), fc.nat(), ops, run));
    });
  });

  it('a long run of one read type across many chunks', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...READS), (inp, { name, size, ref }) => {
        const { chain, flat } = build(inp);
        const dv = dvOf(flat);
        const cur = chain.cursor();
        for (let p = 0; p + size <= flat.length; p += size) {
          const got = outcome(() => readNext(cur, name));
          expect(got).toEqual(outcome(() => ref(dv, p)));
          if ('error' in (got as object)) cur.skip(size); // a 64-bit value past 2^53 does not move the cursor
        }
        expect(() => readNext(cur, name)).toThrow(expect.objectContaining({ code: 'INCOMPLETE' }));
      }),
    );
  });
});
