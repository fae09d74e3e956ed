/**
 * ChainCursor: sequential reads over a BufferChain at close to flat-buffer speed.
 *
 * Every read method is a tiny fast path the JIT inlines: the current chunk's DataView plus the
 * position in it and its length, so a read that fits in the chunk is one compare, one store and
 * one DataView load. Moving to the next chunk and reads that straddle chunks (copied into an
 * 8-byte scratch) happen in `take`, which stays out of line. Reads call it as
 * `this.#take(n).getX(this.at)` rather than through a helper returning the value: that way the JIT
 * knows the value's type on both paths and does not box the fast path's result (~10% faster).
 *
 * The cursor reads the chunk it stands on even if the chain consumed it meanwhile: consume up to
 * `cursor.offset`, not past it.
 */
import { halfToNumber } from '../half.js';
import type { BufferChain, ChainInternals } from './buffer-chain.js';
import { i64Number, u64Number } from './int64.js';

/** Placeholder for "no chunk yet": its length 0 sends the next read to the slow path. */
const NO_CHUNK: DataView = new DataView(new ArrayBuffer(0));

/**
 * Chunks longer than this are read through windows of this size, so positions fit the cursor's
 * Int32Array. Only tests lower it, through `setMaxWindow`.
 */
let maxWindow = 2 ** 30;

/**
 * Sets the window for chunks longer than it and returns the previous one. For tests, which read
 * small chunks through tiny windows; exported from this module only, not from the package entry.
 */
export function setMaxWindow(n: number): number {
  const previous = maxWindow;
  maxWindow = n;
  return previous;
}

/**
 * Makes a cursor, for `BufferChain.cursor`, which passes the chain's internals (see `internalsOf` in
 * buffer-chain.ts; this module imports nothing of the chain's at run time, so the two load in either
 * order). Set in ChainCursor's static block; exported from this module only, not the package entry.
 */
export let newCursor: (chain: BufferChain, internals: ChainInternals, at: number) => ChainCursor;

export class ChainCursor {
  static {
    newCursor = (chain, internals, at) => new ChainCursor(chain, internals, at);
  }

  readonly #chain: BufferChain;
  /** The chain's arrays and chunk search (module-private, see `internalsOf` in buffer-chain.ts). */
  readonly #in: ChainInternals;
  /** DataView of the current chunk (or window of it). */
  #dv = NO_CHUNK;
  /**
   * [position in dv, length of dv]. Every read stores the position and the next one loads it
   * back: through an Int32Array that round trip measured 2.4 ns against 3.0 ns through Smi
   * fields, which are untagged and retagged on each load and store.
   */
  readonly #st = new Int32Array(2);
  /** Absolute offset of dv's first byte (or of the position, when there is no chunk). */
  #base = 0;
  /** Chain index of the current chunk, a hint for the next one (indexes shift when the chain compacts). */
  #idx = 0;
  readonly #scratch = new Uint8Array(8);
  readonly #scratchView = new DataView(this.#scratch.buffer);
  /** Views of the scratch's first n bytes, so a straddling window ends exactly at its limit. */
  readonly #scratchWindows = Array.from({ length: 9 }, (_, n) => new DataView(this.#scratch.buffer, 0, n));
  /** Offset in the DataView last returned by `take` or `window`. */
  at = 0;
  /** End (exclusive) of the readable bytes in the DataView last returned by `window`: its byteLength. */
  limit = 0;
  /** Absolute stream offset of byte 0 of the DataView last returned by `window`. */
  #windowBase = 0;

  /** Use `chain.cursor(at)`. */
  private constructor(chain: BufferChain, internals: ChainInternals, at: number) {
    this.#in = internals;
    if (!(Number.isInteger(at) && at >= chain.start && at <= chain.end))
      throw this.#in.outOfRange(at, 0, 'cursor');
    this.#chain = chain;
    this.#base = at;
  }

  /** Absolute stream offset of the next byte to read. */
  get offset(): number {
    return this.#base + (this.#st[0] as number);
  }

  /** Bytes from the cursor to the end of the chain. */
  get remaining(): number {
    return this.#chain.end - this.offset;
  }

  /**
   * Bulk sequential reading at flat-buffer speed: a DataView whose bytes [`at`, `dv.byteLength`)
   * are the next bytes of the stream, at least `n` of them (n <= 8). Inside a chunk that is the
   * chunk's own DataView; when the next `n` bytes straddle chunks they are gathered in a scratch
   * view of exactly `n` bytes. Read with local variables, bounded by `dv.byteLength` (which lets
   * V8 drop its per-read bounds check), then hand back the position reached with `commit(p)`.
   * The cursor does not move until then. `limit` equals `dv.byteLength`.
   *
   * ```ts
   * while (c.remaining >= 4) {
   *   const dv = c.window(4);
   *   let p = c.at;
   *   for (const end = dv.byteLength - 4; p <= end; p += 4) sum += dv.getUint32(p, true);
   *   c.commit(p);
   * }
   * ```
   */
  window(n: number): DataView {
    const s = this.#st;
    const p = s[0] as number;
    if (p + n <= (s[1] as number)) {
      this.at = p;
      this.limit = s[1] as number;
      this.#windowBase = this.#base;
      return this.#dv;
    }
    if (!(Number.isInteger(n) && n > 0 && n <= 8)) {
      throw new RangeError(`ChainCursor.window: n must be an integer in [1, 8], got ${n}`);
    }
    const abs = this.offset;
    const dv = this.#take(n);
    if (dv === this.#scratchView) {
      this.#park(abs); // take moved past the gathered bytes; stay put until commit
      this.limit = n;
      this.#windowBase = abs;
      return this.#scratchWindows[n] as DataView;
    } else {
      s[0] = this.at; // take moved past the n bytes; the window leaves the cursor where it was
      this.limit = s[1] as number;
      this.#windowBase = this.#base;
    }
    return dv;
  }

  /** Moves the cursor to position `p` of the DataView the last `window` returned (at <= p <= limit). */
  commit(p: number): void {
    if (!(p >= this.at && p <= this.limit)) {
      throw new RangeError(
        `ChainCursor.commit: position ${p} is outside the window [${this.at}, ${this.limit}]`,
      );
    }
    const abs = this.#windowBase + p;
    const rel = abs - this.#base;
    if (rel >= 0 && rel <= (this.#st[1] as number)) this.#st[0] = rel;
    else this.#park(abs);
  }

  /** Moves the cursor to absolute offset `at` (start <= at <= end), so one cursor can serve a whole stream. */
  seek(at: number): void {
    const chain = this.#chain;
    if (!(Number.isInteger(at) && at >= chain.start && at <= chain.end))
      throw this.#in.outOfRange(at, 0, 'seek');
    const rel = at - this.#base;
    if (this.#dv !== NO_CHUNK && rel >= 0 && rel <= (this.#st[1] as number)) this.#st[0] = rel;
    else this.#park(at);
  }

  /** Moves past `n` bytes without reading them. */
  skip(n: number): void {
    this.#advance(this.#check(n, 'skip'), n);
  }

  /** The next `n` bytes, as `chain.subarray`: zero-copy inside one chunk, a copy across chunks. */
  bytes(n: number): Uint8Array {
    const abs = this.#check(n, 'bytes');
    const out = this.#chain.subarray(abs, abs + n);
    this.#advance(abs, n);
    return out;
  }

  /** The current offset, once `n` bytes from it are known to be available. */
  #check(n: number, what: string): number {
    if (!(Number.isInteger(n) && n >= 0))
      throw new RangeError(`ChainCursor.${what}: n must be a non-negative integer, got ${n}`);
    const abs = this.offset;
    if (abs < this.#chain.start || abs + n > this.#chain.end) throw this.#in.outOfRange(abs, n);
    return abs;
  }

  #advance(abs: number, n: number): void {
    const s = this.#st;
    if ((s[0] as number) + n <= (s[1] as number)) s[0] = (s[0] as number) + n;
    else this.#park(abs + n);
  }

  /** Leaves the cursor at `abs` with no current chunk; the next read finds it. */
  #park(abs: number): void {
    this.#dv = NO_CHUNK;
    this.#base = abs;
    this.#st[0] = 0;
    this.#st[1] = 0;
  }

  /** Index of the chunk holding `abs` (start <= abs < end): `hint` or the one after it, else a search. */
  #chunkOf(abs: number, hint: number): number {
    const b = this.#in.bounds;
    // Bounds strictly increase, so this identifies the chunk even after the chain compacted.
    if ((b[hint] as number) <= abs && abs < (b[hint + 1] as number)) return hint;
    if ((b[hint + 1] as number) <= abs && abs < (b[hint + 2] as number)) return hint + 1;
    return this.#in.locate(abs);
  }

  /** Makes the chunk holding `abs` (start <= abs < end) current, starting the search at chunk `hint`. */
  #enter(abs: number, hint: number): void {
    const i = this.#chunkOf(abs, hint);
    const { bounds, views } = this.#in;
    const start = bounds[i] as number;
    const len = (bounds[i + 1] as number) - start;
    const dv = views[i] as DataView;
    const w = maxWindow;
    this.#idx = i;
    if (len <= w) {
      this.#dv = dv;
      this.#base = start;
      this.#st[1] = len;
    } else {
      const from = Math.floor((abs - start) / w) * w;
      const n = Math.min(w, len - from);
      this.#dv = new DataView(dv.buffer, dv.byteOffset + from, n);
      this.#base = start + from;
      this.#st[1] = n;
    }
    this.#st[0] = abs - this.#base;
  }

  /** Slow path: a DataView holding the next `size` bytes at `this.at`, and advances past them. */
  #take(size: number): DataView {
    const chain = this.#chain;
    const s = this.#st;
    const abs = this.#base + (s[0] as number);
    if (abs < chain.start || abs + size > chain.end) throw this.#in.outOfRange(abs, size);
    if ((s[0] as number) >= (s[1] as number)) this.#enter(abs, this.#idx);
    const p = s[0] as number;
    if (p + size <= (s[1] as number)) {
      s[0] = p + size;
      this.at = p;
      return this.#dv;
    }
    // Straddles chunks (or windows): gather the bytes in the scratch.
    const i = this.#chunkOf(abs, this.#idx);
    const inner = this.#in;
    const last = inner.copyFrom(i, abs - (inner.bounds[i] as number), size, this.#scratch, 0);
    if (abs + size < chain.end) this.#enter(abs + size, last);
    else this.#park(abs + size);
    this.at = 0;
    return this.#scratchView;
  }

  u8(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 1) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getUint8(p);
    }
    return this.#take(1).getUint8(this.at);
  }
  i8(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 1) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getInt8(p);
    }
    return this.#take(1).getInt8(this.at);
  }
  u16le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 2) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getUint16(p, true);
    }
    return this.#take(2).getUint16(this.at, true);
  }
  u16be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 2) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getUint16(p, false);
    }
    return this.#take(2).getUint16(this.at, false);
  }
  i16le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 2) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getInt16(p, true);
    }
    return this.#take(2).getInt16(this.at, true);
  }
  i16be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 2) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getInt16(p, false);
    }
    return this.#take(2).getInt16(this.at, false);
  }
  u32le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getUint32(p, true);
    }
    return this.#take(4).getUint32(this.at, true);
  }
  u32be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getUint32(p, false);
    }
    return this.#take(4).getUint32(this.at, false);
  }
  i32le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getInt32(p, true);
    }
    return this.#take(4).getInt32(this.at, true);
  }
  i32be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getInt32(p, false);
    }
    return this.#take(4).getInt32(this.at, false);
  }
  u64le(): bigint {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getBigUint64(p, true);
    }
    return this.#take(8).getBigUint64(this.at, true);
  }
  u64be(): bigint {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getBigUint64(p, false);
    }
    return this.#take(8).getBigUint64(this.at, false);
  }
  i64le(): bigint {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getBigInt64(p, true);
    }
    return this.#take(8).getBigInt64(this.at, true);
  }
  i64be(): bigint {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getBigInt64(p, false);
    }
    return this.#take(8).getBigInt64(this.at, false);
  }
  /** The next u64 as a number; throws ValidationError past Number.MAX_SAFE_INTEGER. */
  u64leNumber(): number {
    return this.#u64Number(true);
  }
  u64beNumber(): number {
    return this.#u64Number(false);
  }
  /** The next i64 as a number; throws ValidationError outside ±Number.MAX_SAFE_INTEGER. */
  i64leNumber(): number {
    return this.#i64Number(true);
  }
  i64beNumber(): number {
    return this.#i64Number(false);
  }
  f16le(): number {
    return halfToNumber(this.u16le());
  }
  f16be(): number {
    return halfToNumber(this.u16be());
  }
  f32le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getFloat32(p, true);
    }
    return this.#take(4).getFloat32(this.at, true);
  }
  f32be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 4) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getFloat32(p, false);
    }
    return this.#take(4).getFloat32(this.at, false);
  }
  f64le(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getFloat64(p, true);
    }
    return this.#take(8).getFloat64(this.at, true);
  }
  f64be(): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      s[0] = q;
      return this.#dv.getFloat64(p, false);
    }
    return this.#take(8).getFloat64(this.at, false);
  }

  #u64Number(le: boolean): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      const v = u64Number(this.#dv, p, le, this.#base + p);
      s[0] = q;
      return v;
    }
    return this.#slow64(le, false);
  }
  #i64Number(le: boolean): number {
    const s = this.#st;
    const p = s[0] as number;
    const q = (p + 8) | 0;
    if (q <= (s[1] as number)) {
      const v = i64Number(this.#dv, p, le, this.#base + p);
      s[0] = q;
      return v;
    }
    return this.#slow64(le, true);
  }
  /** A value that does not fit a number leaves the cursor where it was, as the fast path does. */
  #slow64(le: boolean, signed: boolean): number {
    const off = this.offset;
    const dv = this.#take(8);
    try {
      return signed ? i64Number(dv, this.at, le, off) : u64Number(dv, this.at, le, off);
    } catch (e) {
      this.#park(off);
      throw e;
    }
  }
}
