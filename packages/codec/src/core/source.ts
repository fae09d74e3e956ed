/**
 * Where a decode reads its bytes: one contiguous buffer (`FlatSource`, the fast path, and the only
 * one compiled code runs on) or a BufferChain (`ChainSource`, for records that straddle chunks:
 * numbers are read through the chain's scratch and `bytes` copies only a field that straddles).
 * Offsets are absolute stream offsets in both.
 */
import { type BufferChain, halfToNumber } from '@stride/view';

export abstract class Source {
  /** Absolute offset just past the last byte available now. */
  end = 0;
  /** True when no more bytes will come: running out is then final, not "wait for more". */
  final = true;
  abstract u8(at: number): number;
  abstract i8(at: number): number;
  abstract u16(at: number, le: boolean): number;
  abstract i16(at: number, le: boolean): number;
  abstract u32(at: number, le: boolean): number;
  abstract i32(at: number, le: boolean): number;
  abstract u64(at: number, le: boolean): bigint;
  abstract i64(at: number, le: boolean): bigint;
  abstract f16(at: number, le: boolean): number;
  abstract f32(at: number, le: boolean): number;
  abstract f64(at: number, le: boolean): number;
  /**
   * Bytes [at, at + n) as a plain Uint8Array (never a Buffer): a view where they lie in one buffer,
   * a copy only where they straddle.
   */
  abstract bytes(at: number, n: number): Uint8Array;
  /** Index of `byte` in [from, to), or -1. */
  abstract indexOf(byte: number, from: number, to: number): number;
  /** Bytes [from, to) as views of the buffers that hold them, never copied. */
  abstract segments(from: number, to: number): Uint8Array[];
}

const EMPTY = new Uint8Array(0);

/**
 * `bytes` as a plain Uint8Array: a Buffer (a chunk from a socket or a file) is seen through a new
 * view of its memory. Byte fields are views of the input, and must be one type however it was cut.
 */
function plain(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class FlatSource extends Source {
  /**
   * The bytes as given (a Buffer stays a Buffer), for element reads only: byte fields are views of
   * `u8a`. A plain view of every Buffer chunk cost an allocation per chunk (~60 ns, a few percent
   * of a StreamDecoder's time on TCP-segment sized chunks, bench `codec` chunked-stream-small), and
   * most records have no byte field.
   */
  raw: Uint8Array = EMPTY;
  /** `raw` as a plain Uint8Array, made when first asked for (see `u8a`). */
  #view: Uint8Array | undefined = EMPTY;
  /** `raw` as a DataView, made when first asked for (see `dv`). */
  #dv: DataView | undefined = new DataView(EMPTY.buffer);
  /** Absolute offset of `u8a[0]`. */
  base = 0;

  /** The bytes as a plain Uint8Array (never a Buffer): byte fields are views of it. */
  get u8a(): Uint8Array {
    let v = this.#view;
    if (v === undefined) {
      v = plain(this.raw);
      this.#view = v;
    }
    return v;
  }

  /**
   * The bytes as a DataView (exactly them: compiled loops, but bounded ones, bound their reads by
   * its length), made when first asked for: a DataView costs ~80 ns (a C++ builtin), per chunk
   * of a stream, and compiled code that reads no number (a text protocol's) never asks.
   */
  get dv(): DataView {
    let dv = this.#dv;
    if (dv === undefined) {
      const raw = this.raw;
      dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      this.#dv = dv;
    }
    return dv;
  }

  /** Points the source at `bytes`, whose first byte has absolute offset `base`. */
  reset(bytes: Uint8Array, base: number, final: boolean): this {
    this.raw = bytes;
    this.#view = undefined;
    this.#dv = undefined;
    this.base = base;
    this.end = base + bytes.byteLength;
    this.final = final;
    return this;
  }

  u8(at: number): number {
    return this.raw[at - this.base] as number;
  }
  i8(at: number): number {
    return this.dv.getInt8(at - this.base);
  }
  u16(at: number, le: boolean): number {
    return this.dv.getUint16(at - this.base, le);
  }
  i16(at: number, le: boolean): number {
    return this.dv.getInt16(at - this.base, le);
  }
  u32(at: number, le: boolean): number {
    return this.dv.getUint32(at - this.base, le);
  }
  i32(at: number, le: boolean): number {
    return this.dv.getInt32(at - this.base, le);
  }
  u64(at: number, le: boolean): bigint {
    return this.dv.getBigUint64(at - this.base, le);
  }
  i64(at: number, le: boolean): bigint {
    return this.dv.getBigInt64(at - this.base, le);
  }
  f16(at: number, le: boolean): number {
    return halfToNumber(this.dv.getUint16(at - this.base, le));
  }
  f32(at: number, le: boolean): number {
    return this.dv.getFloat32(at - this.base, le);
  }
  f64(at: number, le: boolean): number {
    return this.dv.getFloat64(at - this.base, le);
  }
  bytes(at: number, n: number): Uint8Array {
    return this.u8a.subarray(at - this.base, at - this.base + n);
  }
  indexOf(byte: number, from: number, to: number): number {
    // No subarray to bound the search: a match past `to` is simply refused (an allocation per
    // search cost more than the scan on the NUL-terminated strings this serves).
    const i = this.u8a.indexOf(byte, from - this.base);
    return i < 0 || i + this.base >= to ? -1 : i + this.base;
  }
  segments(from: number, to: number): Uint8Array[] {
    return [this.bytes(from, to - from)];
  }
}

export class ChainSource extends Source {
  chain: BufferChain;

  constructor(chain: BufferChain) {
    super();
    this.chain = chain;
  }

  /** Re-reads the chain's end (after appends) and whether the stream has ended. */
  sync(final: boolean): this {
    this.end = this.chain.end;
    this.final = final;
    return this;
  }

  u8(at: number): number {
    return this.chain.u8(at);
  }
  i8(at: number): number {
    return this.chain.i8(at);
  }
  u16(at: number, le: boolean): number {
    return le ? this.chain.u16le(at) : this.chain.u16be(at);
  }
  i16(at: number, le: boolean): number {
    return le ? this.chain.i16le(at) : this.chain.i16be(at);
  }
  u32(at: number, le: boolean): number {
    return le ? this.chain.u32le(at) : this.chain.u32be(at);
  }
  i32(at: number, le: boolean): number {
    return le ? this.chain.i32le(at) : this.chain.i32be(at);
  }
  u64(at: number, le: boolean): bigint {
    return le ? this.chain.u64le(at) : this.chain.u64be(at);
  }
  i64(at: number, le: boolean): bigint {
    return le ? this.chain.i64le(at) : this.chain.i64be(at);
  }
  f16(at: number, le: boolean): number {
    return le ? this.chain.f16le(at) : this.chain.f16be(at);
  }
  f32(at: number, le: boolean): number {
    return le ? this.chain.f32le(at) : this.chain.f32be(at);
  }
  f64(at: number, le: boolean): number {
    return le ? this.chain.f64le(at) : this.chain.f64be(at);
  }
  bytes(at: number, n: number): Uint8Array {
    // The chain keeps a Buffer chunk's type in a view; a field is a plain Uint8Array.
    return plain(this.chain.subarray(at, at + n));
  }
  indexOf(byte: number, from: number, to: number): number {
    // Segment by segment up to `to`: the chain's own indexOf would scan every byte held after it.
    let at = from;
    for (const seg of this.chain.segments(from, Math.min(to, this.chain.end))) {
      const i = seg.indexOf(byte);
      if (i >= 0) return at + i;
      at += seg.length;
    }
    return -1;
  }
  segments(from: number, to: number): Uint8Array[] {
    return this.chain.segments(from, to).map(plain);
  }
}
