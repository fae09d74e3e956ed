/**
 * BufferChain: the bytes of a stream as the queue of chunks the socket delivered, read in place.
 * Offsets are absolute stream offsets (byte 0 is the first byte ever appended), so they survive
 * `consume` and errors can name the exact byte.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { halfToNumber } from '../half.js';
import { type MemoryView, memoryviewOverStore } from '../memoryview/memoryview.js';
import { keepShapes } from '../shapes.js';
import { IncompleteError, OffsetError } from '../stream-errors.js';
import { type ChainCursor, newCursor } from './cursor.js';
import { i64Number, u64Number } from './int64.js';
import { indexOfBytes } from './search.js';
import { SegmentedStore } from './segmented-store.js';
import { nearHint, spanIn } from './spans.js';

/** Consumed slots are spliced away once there are this many and they are at least half the array. */
const COMPACT_AFTER = 1024;

/**
 * Random reads narrow the chunk search with an index of 64 KiB buckets: `buckets[b]` is the chunk
 * holding the first byte of bucket `bucketBase + b` (or the chain's first byte). A read's chunk lies
 * between its bucket's entry and the next one's, so large chunks need no search at all and many
 * small ones a binary search over one bucket's chunks: O(log k) at worst, like a plain search.
 */
const BUCKET = 65536;

/**
 * Sizes of the buffers `appendCopy` packs into: twice the bytes held, within these bounds (a floor,
 * so that pieces of a TCP segment's size do not each get a buffer of their own).
 */
const PACK_MIN = 16 * 1024;
const PACK_MAX = 1 << 20;
const EMPTY = new Uint8Array(0);

/**
 * What the modules beside the chain need of it, and only they: ChainCursor (cursor.ts) reads the
 * chunk arrays and uses the chunk search, the needle search (search.ts) walks the chunks. The
 * arrays are the chain's own (mutated in place, never replaced), so a holder sees every append
 * and consume; read them, never write them. Tests use it to look at released slots.
 */
export interface ChainInternals {
  /** Chunk i, or undefined once consumed (so the chain does not keep it alive). */
  readonly chunks: readonly (Uint8Array | undefined)[];
  /** One DataView per chunk, built once on append. */
  readonly views: readonly (DataView | undefined)[];
  /** Chunk i spans [bounds[i], bounds[i + 1]); the last entry is `end`. Strictly increasing. */
  readonly bounds: readonly number[];
  /** The 8 bytes straddling random reads are copied into. */
  readonly scratch: Uint8Array;
  /** Index of the chunk holding `off`; the caller guarantees start <= off < end. */
  locate(off: number): number;
  /**
   * Copies `n` available bytes (n >= 1) from offset `rel` of chunk `i` on into `dst` at `dstOff`,
   * without allocating for short runs. Returns the index of the last chunk read.
   */
  copyFrom(i: number, rel: number, n: number, dst: Uint8Array, dstOff: number): number;
  /** The error for `size` bytes at `off` outside the available bytes (see BufferChain's #outOfRange). */
  outOfRange(off: number, size: number, what?: string): Error;
}

/**
 * The module-private channel to a chain's internals: set in BufferChain's static block and
 * exported from this file only, never from the package entry (index.ts), so at run time nothing
 * outside @stride/view's chain folder reaches them. One object per chain, made on first use.
 */
export let internalsOf: (chain: BufferChain) => ChainInternals;

export class BufferChain {
  readonly #chunks: (Uint8Array | undefined)[] = [];
  readonly #views: (DataView | undefined)[] = [];
  readonly #bounds: number[] = [0];
  /** Index of the first live chunk. */
  #head = 0;
  /** Last chunk found by `#locate`: sequential and repeated reads skip the binary search. */
  #hit = 0;
  /** Chunk index per 64 KiB bucket of the stream, from bucket number `#bucketBase` on. */
  #buckets: number[] = [];
  #bucketBase = 0;
  #consumed = 0;
  #total = 0;
  /** The chain's own buffer that `appendCopy` packs small chunks into, and how much of it is used. */
  #pack: Uint8Array = EMPTY;
  #packed = 0;
  /** Straddling reads copy their bytes here, so no read allocates. */
  readonly #scratch = new Uint8Array(8);
  readonly #scratchView = new DataView(this.#scratch.buffer);
  /** Offset in the DataView last returned by `#window`. */
  #at = 0;
  #internals: ChainInternals | undefined;

  static {
    internalsOf = (chain) =>
      (chain.#internals ??= {
        chunks: chain.#chunks,
        views: chain.#views,
        bounds: chain.#bounds,
        scratch: chain.#scratch,
        locate: (off) => chain.#locate(off),
        copyFrom: (i, rel, n, dst, dstOff) => chain.#copyFrom(i, rel, n, dst, dstOff),
        outOfRange: (off, size, what) => chain.#outOfRange(off, size, what),
      });
  }

  /** Bytes appended and not yet consumed. */
  get length(): number {
    return this.#total - this.#consumed;
  }

  /** Absolute offset of the first unconsumed byte (the number of bytes consumed so far). */
  get start(): number {
    return this.#consumed;
  }

  /** Absolute offset just past the last appended byte. */
  get end(): number {
    return this.#total;
  }

  /** Number of chunks still (partly) unconsumed. */
  get chunkCount(): number {
    return this.#views.length - this.#head;
  }

  /** Queues `chunk` without copying it; the chain reads it in place, so do not reuse its memory. */
  append(chunk: Uint8Array): void {
    if (!(chunk instanceof Uint8Array)) throw new TypeError('BufferChain.append: chunk must be a Uint8Array');
    const n = chunk.byteLength;
    if (n === 0) return;
    this.#chunks.push(chunk);
    // Honour byteOffset/byteLength: socket chunks and pooled Buffers share a larger ArrayBuffer.
    this.#views.push(new DataView(chunk.buffer, chunk.byteOffset, n));
    this.#total += n;
    this.#bounds.push(this.#total);
    this.#extendBuckets(this.#views.length - 1);
  }

  /** Points the buckets up to `end` that have no chunk yet at chunk `i`, the last one. */
  #extendBuckets(i: number): void {
    const buckets = this.#buckets;
    if (buckets.length === 0) this.#bucketBase = Math.floor((this.#bounds[i] as number) / BUCKET);
    for (let b = this.#bucketBase + buckets.length; b * BUCKET < this.#total; b++) buckets.push(i);
  }

  /**
   * Queues a copy of `bytes`, packed after the previous copies in a buffer of the chain's own. For
   * small chunks held a while: one held by reference costs about 200 bytes of bookkeeping, so a
   * record arriving a byte at a time would hold some 200 times its size. Packed, the chain holds at
   * most about twice its bytes plus 16 KiB: a new pack buffer is sized by the bytes held (at most 1 MiB).
   * Bytes already packed are never written again, so views handed out stay valid.
   */
  appendCopy(bytes: Uint8Array): void {
    const n = bytes.byteLength;
    if (n === 0) return;
    const last = this.#views.length - 1;
    const pack = this.#pack;
    const start = this.#packed;
    const tail = last >= this.#head ? this.#chunks[last] : undefined;
    if (
      tail?.buffer === pack.buffer &&
      tail.byteOffset + tail.byteLength === start &&
      start + n <= pack.length
    ) {
      // Grow the last chunk, which ends where the pack's used part does.
      pack.set(bytes, start);
      this.#packed = start + n;
      const chunk = pack.subarray(tail.byteOffset, this.#packed);
      this.#chunks[last] = chunk;
      this.#views[last] = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.#total += n;
      this.#bounds[last + 1] = this.#total;
      this.#extendBuckets(last);
      return;
    }
    if (start + n > pack.length) {
      this.#pack = new Uint8Array(Math.max(n, Math.min(Math.max(2 * this.length, PACK_MIN), PACK_MAX)));
      this.#packed = 0;
    }
    const at = this.#packed;
    this.#pack.set(bytes, at);
    this.#packed = at + n;
    this.append(this.#pack.subarray(at, at + n));
  }

  /**
   * Moves an empty chain's offsets on by `n` bytes that were read elsewhere (a stream decoded in
   * place needs the chain only for what it leaves over), so its offsets stay the stream's.
   */
  skip(n: number): void {
    if (this.length !== 0) throw new Error('BufferChain.skip: the chain still holds bytes');
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`BufferChain.skip: n must be a non-negative integer, got ${n}`);
    if (n === 0) return;
    if (this.#views.length !== 0) this.consume(0);
    this.#total += n;
    this.#consumed = this.#total;
    this.#bounds[this.#bounds.length - 1] = this.#total;
  }

  /** Drops the first `n` unconsumed bytes and releases every chunk they fully cover. O(1) amortized. */
  consume(n: number): void {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`BufferChain.consume: n must be a non-negative integer, got ${n}`);
    if (n > this.length) throw this.#outOfRange(this.#consumed, n, 'consume');
    const target = this.#consumed + n;
    this.#consumed = target;
    const chunks = this.#chunks;
    const views = this.#views;
    const bounds = this.#bounds;
    const count = views.length;
    let h = this.#head;
    while (h < count && (bounds[h + 1] as number) <= target) {
      chunks[h] = undefined;
      views[h] = undefined;
      h++;
    }
    if (h === count) {
      chunks.length = 0;
      views.length = 0;
      bounds.length = 0;
      bounds.push(target);
      this.#head = 0;
      this.#hit = 0;
      this.#buckets = [];
      return;
    }
    // Splicing costs the live length, so waiting until the dead part is at least as long keeps it amortized O(1).
    if (h >= COMPACT_AFTER && h * 2 >= count) {
      chunks.splice(0, h);
      views.splice(0, h);
      bounds.splice(0, h);
      this.#hit = Math.max(0, this.#hit - h);
      this.#shiftBuckets(h);
      h = 0;
    }
    this.#head = h;
    if (this.#hit < h) this.#hit = h;
  }

  /** After `dropped` chunk slots were spliced away: drops the buckets before `start`, renumbers the rest. */
  #shiftBuckets(dropped: number): void {
    const buckets = this.#buckets;
    const gone = Math.floor(this.#consumed / BUCKET) - this.#bucketBase;
    buckets.splice(0, gone);
    this.#bucketBase += gone;
    for (let b = 0; b < buckets.length; b++) buckets[b] = Math.max(0, (buckets[b] as number) - dropped);
  }

  /**
   * Index of the chunk holding `off`. The caller guarantees start <= off < end.
   * Tries the last hit and its successor, then binary-searches the chunks its bucket spans: O(log k).
   */
  #locate(off: number): number {
    let i = nearHint(this.#bounds, this.#hit, off);
    if (i < 0) {
      const buckets = this.#buckets;
      const k = Math.floor(off / BUCKET) - this.#bucketBase;
      const lo = Math.max(this.#head, buckets[k] as number);
      const hi = k + 1 < buckets.length ? (buckets[k + 1] as number) : this.#views.length - 1;
      i = spanIn(this.#bounds, lo, hi, off);
    }
    this.#hit = i;
    return i;
  }

  /** Copies bytes [off, off + n) (all available) into `dst` at `dstOff`. */
  #copyOut(off: number, n: number, dst: Uint8Array, dstOff: number): void {
    if (n === 0) return;
    const i = this.#locate(off);
    this.#hit = this.#copyFrom(i, off - (this.#bounds[i] as number), n, dst, dstOff);
  }

  /**
   * Copies `n` available bytes (n >= 1) from offset `rel` of chunk `i` on into `dst` at
   * `dstOff`, without allocating for short runs. Returns the index of the last chunk read.
   */
  #copyFrom(i: number, rel: number, n: number, dst: Uint8Array, dstOff: number): number {
    const chunks = this.#chunks;
    const bounds = this.#bounds;
    let d = dstOff;
    for (;;) {
      const chunk = chunks[i] as Uint8Array;
      const take = Math.min(n, (bounds[i + 1] as number) - (bounds[i] as number) - rel);
      if (take < 16) {
        for (let k = 0; k < take; k++) dst[d + k] = chunk[rel + k] as number;
      } else {
        dst.set(rel === 0 && take === chunk.byteLength ? chunk : chunk.subarray(rel, rel + take), d);
      }
      n -= take;
      if (n === 0) return i;
      d += take;
      i++;
      rel = 0;
    }
  }

  /**
   * The error for `size` bytes at `off` outside the available bytes: an IncompleteError
   * (with `needed`) past the end, an OffsetError before the start (consumed bytes), a TypeError or
   * RangeError for an offset that is not an integer (the caller's mistake, not the input's).
   */
  #outOfRange(off: number, size: number, what = 'read'): Error {
    if (typeof off !== 'number')
      return new TypeError(
        `BufferChain.${what}: ${String(off)} is not an offset (offsets must be numbers, not ${typeof off})`,
      );
    if (!Number.isInteger(off))
      return new RangeError(`BufferChain.${what}: ${off} is not an offset (offsets must be integers)`);
    const take = `BufferChain.${what}: cannot take ${size} byte${size === 1 ? '' : 's'}`;
    const available = `available bytes are [${this.#consumed}, ${this.#total})`;
    if (off < this.#consumed) return new OffsetError(`${take}, consumed: ${available}`, { offset: off });
    const needed = off + size - this.#total;
    return new IncompleteError(`${take}, ${needed} past the end: ${available}`, { offset: off, needed });
  }

  /** A DataView holding bytes [off, off + size) at `this.#at`: the chunk's own, or the scratch for a straddle. */
  #window(off: number, size: number): DataView {
    // The integer check first: `off + size` would throw on a bigint offset.
    if (!(Number.isInteger(off) && off >= this.#consumed && off + size <= this.#total)) {
      throw this.#outOfRange(off, size);
    }
    const i = this.#locate(off);
    const base = this.#bounds[i] as number;
    if (off + size <= (this.#bounds[i + 1] as number)) {
      this.#at = off - base;
      return this.#views[i] as DataView;
    }
    this.#copyOut(off, size, this.#scratch, 0);
    this.#at = 0;
    return this.#scratchView;
  }

  // Random-access reads at absolute offsets. `this.#at` is read after `#window` has set it.
  u8(off: number): number {
    return this.#window(off, 1).getUint8(this.#at);
  }
  i8(off: number): number {
    return this.#window(off, 1).getInt8(this.#at);
  }
  u16le(off: number): number {
    return this.#window(off, 2).getUint16(this.#at, true);
  }
  u16be(off: number): number {
    return this.#window(off, 2).getUint16(this.#at, false);
  }
  i16le(off: number): number {
    return this.#window(off, 2).getInt16(this.#at, true);
  }
  i16be(off: number): number {
    return this.#window(off, 2).getInt16(this.#at, false);
  }
  u32le(off: number): number {
    return this.#window(off, 4).getUint32(this.#at, true);
  }
  u32be(off: number): number {
    return this.#window(off, 4).getUint32(this.#at, false);
  }
  i32le(off: number): number {
    return this.#window(off, 4).getInt32(this.#at, true);
  }
  i32be(off: number): number {
    return this.#window(off, 4).getInt32(this.#at, false);
  }
  u64le(off: number): bigint {
    return this.#window(off, 8).getBigUint64(this.#at, true);
  }
  u64be(off: number): bigint {
    return this.#window(off, 8).getBigUint64(this.#at, false);
  }
  i64le(off: number): bigint {
    return this.#window(off, 8).getBigInt64(this.#at, true);
  }
  i64be(off: number): bigint {
    return this.#window(off, 8).getBigInt64(this.#at, false);
  }
  /** The u64 at `off` as a number; throws ValidationError past Number.MAX_SAFE_INTEGER. */
  u64leNumber(off: number): number {
    return u64Number(this.#window(off, 8), this.#at, true, off);
  }
  u64beNumber(off: number): number {
    return u64Number(this.#window(off, 8), this.#at, false, off);
  }
  /** The i64 at `off` as a number; throws ValidationError outside ±Number.MAX_SAFE_INTEGER. */
  i64leNumber(off: number): number {
    return i64Number(this.#window(off, 8), this.#at, true, off);
  }
  i64beNumber(off: number): number {
    return i64Number(this.#window(off, 8), this.#at, false, off);
  }
  f16le(off: number): number {
    return halfToNumber(this.#window(off, 2).getUint16(this.#at, true));
  }
  f16be(off: number): number {
    return halfToNumber(this.#window(off, 2).getUint16(this.#at, false));
  }
  f32le(off: number): number {
    return this.#window(off, 4).getFloat32(this.#at, true);
  }
  f32be(off: number): number {
    return this.#window(off, 4).getFloat32(this.#at, false);
  }
  f64le(off: number): number {
    return this.#window(off, 8).getFloat64(this.#at, true);
  }
  f64be(off: number): number {
    return this.#window(off, 8).getFloat64(this.#at, false);
  }

  /** A cursor for sequential reads starting at absolute offset `at`. */
  cursor(at: number = this.#consumed): ChainCursor {
    return newCursor(this, internalsOf(this), at);
  }

  /** Throws unless start <= a <= b <= end (all integers). */
  #checkRange(a: number, b: number, what: string): void {
    if (!(Number.isInteger(a) && Number.isInteger(b) && this.#consumed <= a && a <= b && b <= this.#total)) {
      if (!(Number.isInteger(a) && a >= this.#consumed))
        throw this.#outOfRange(a, Number.isInteger(a) && Number.isInteger(b) ? b - a : 0, what);
      if (!(Number.isInteger(b) && b >= a))
        throw new RangeError(`BufferChain.${what}: [${a}, ${b}) is not a range`);
      throw this.#outOfRange(a, b - a, what);
    }
  }

  /**
   * Bytes [a, b): a view of the chunk (zero-copy) when the range lies in one chunk, a fresh copy
   * only when it straddles chunks (see `isContiguous`).
   */
  subarray(a: number = this.#consumed, b: number = this.#total): Uint8Array {
    this.#checkRange(a, b, 'subarray');
    if (a === b) return new Uint8Array(0);
    const i = this.#locate(a);
    const base = this.#bounds[i] as number;
    if (b <= (this.#bounds[i + 1] as number))
      return (this.#chunks[i] as Uint8Array).subarray(a - base, b - base);
    const out = new Uint8Array(b - a);
    this.#copyOut(a, b - a, out, 0);
    return out;
  }

  /** True when bytes [a, b) lie in one chunk, i.e. `subarray(a, b)` will not copy. */
  isContiguous(a: number, b: number): boolean {
    this.#checkRange(a, b, 'isContiguous');
    return a === b || b <= (this.#bounds[this.#locate(a) + 1] as number);
  }

  /** Zero-copy views of the chunks, in order, that together hold bytes [a, b). */
  segments(a: number = this.#consumed, b: number = this.#total): Uint8Array[] {
    this.#checkRange(a, b, 'segments');
    const out: Uint8Array[] = [];
    if (a === b) return out;
    const chunks = this.#chunks;
    const bounds = this.#bounds;
    for (let i = this.#locate(a); (bounds[i] as number) < b; i++) {
      const base = bounds[i] as number;
      const end = bounds[i + 1] as number;
      out.push((chunks[i] as Uint8Array).subarray(Math.max(a, base) - base, Math.min(b, end) - base));
    }
    return out;
  }

  /**
   * A MemoryView over bytes [a, b) that reads the chunks in place (no concatenation). It keeps
   * those chunks alive after `consume`, and writes through it change the chunks.
   */
  view<F extends string = 'B'>(a: number, b: number, format?: F, shape?: readonly number[]): MemoryView<F> {
    const segments = this.segments(a, b);
    const views: DataView[] = [];
    let i = a === b ? 0 : this.#locate(a);
    for (let k = 0; k < segments.length; k++) views.push(this.#views[i++] as DataView);
    const options: { format?: F; shape?: readonly number[] } = {};
    if (format !== undefined) options.format = format;
    if (shape !== undefined) options.shape = shape;
    return memoryviewOverStore<F>(new SegmentedStore(segments, views), this, options);
  }

  /**
   * Absolute offset of the first occurrence of `needle` (a byte value or a byte sequence)
   * starting at or after `from`, across chunk boundaries; -1 when there is none.
   */
  indexOf(needle: Uint8Array | number, from: number = this.#consumed): number {
    this.#checkRange(from, from, 'indexOf');
    let bytes: Uint8Array;
    if (typeof needle === 'number') {
      if (!(Number.isInteger(needle) && needle >= 0 && needle <= 255)) {
        throw new RangeError(
          `BufferChain.indexOf: a byte needle must be an integer in [0, 255], got ${needle}`,
        );
      }
      bytes = new Uint8Array([needle]);
    } else {
      bytes = needle;
    }
    if (bytes.byteLength === 0) return from;
    if (from + bytes.byteLength > this.#total) return -1;
    return indexOfBytes(internalsOf(this), this.#total, bytes, from);
  }

  /** Bytes still missing before [offset, offset + n) is available: 0 when it already is (nom's `Needed`). */
  need(offset: number, n: number): number {
    if (!(Number.isInteger(offset) && offset >= this.#consumed)) throw this.#outOfRange(offset, 0, 'need');
    if (!(Number.isInteger(n) && n >= 0))
      throw new RangeError(`BufferChain.need: n must be a non-negative integer, got ${n}`);
    return Math.max(0, offset + n - this.#total);
  }

  /** CRC-32 of bytes [a, b), continuing from `seed` (Node's native zlib.crc32, one call per segment). */
  crc32(a: number = this.#consumed, b: number = this.#total, seed = 0): number {
    let crc = seed;
    // Segments are never empty (zlib.crc32 of an empty view with no backing store returns 0, not `crc`).
    for (const segment of this.segments(a, b)) crc = zlibCrc32(segment, crc);
    return crc;
  }

  /** A fresh copy of the unconsumed bytes. */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    this.#copyOut(this.#consumed, this.length, out, 0);
    return out;
  }
}

keepShapes(new BufferChain().cursor(), new SegmentedStore([], []));
