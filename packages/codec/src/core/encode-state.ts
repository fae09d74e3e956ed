/**
 * EncodeState: a growable output buffer. (Writers call `reserve` before touching `u8a`/`dv`:
 * reserving may replace both.) Codecs call `reserve(n)` (or the number writers `u8(v)` … `f64be(v)`,
 * the byte order in the name) and write at the returned offset; compiled encoders reserve a whole fixed-size run at once.
 */
import { numberToHalf } from '@stride/view';
import { EncodeError } from '../errors.js';
import { describeValue } from './describe.js';

/** `Context`: the type of `context`, as on DecodeState. */
export class EncodeState<Context = unknown> {
  u8a: Uint8Array;
  dv: DataView;
  /** Next byte to write. */
  pos = 0;
  /** Nesting depth of lazy codecs (a cyclic value must not overflow the stack). */
  depth = 0;

  /**
   * What the caller passed as the `context` option of `encode` or `Encoder` (undefined without one);
   * dependent fields get it as on decoding.
   */
  readonly context: Context;

  constructor(initialSize = 256, context?: Context) {
    this.context = context as Context;
    this.u8a = new Uint8Array(Math.max(16, initialSize));
    this.dv = new DataView(this.u8a.buffer);
  }

  /** Makes room for `n` more bytes and returns the offset to write them at. */
  reserve(n: number): number {
    const at = this.pos;
    if (at + n > this.u8a.length) this.#grow(at + n);
    this.pos = at + n;
    return at;
  }

  /** Grows the buffer to hold at least `need` bytes. */
  #grow(need: number): void {
    let size = this.u8a.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.u8a.subarray(0, this.pos));
    this.u8a = next;
    this.dv = new DataView(next.buffer);
  }

  /** The bytes written so far (a view of the buffer). */
  written(): Uint8Array {
    return this.u8a.subarray(0, this.pos);
  }

  u8(v: number): void {
    checkInt(v, 0, 0xff, 'u8');
    const at = this.reserve(1);
    this.u8a[at] = v;
  }
  i8(v: number): void {
    checkInt(v, -0x80, 0x7f, 'i8');
    const at = this.reserve(1);
    this.dv.setInt8(at, v);
  }
  u16le(v: number): void {
    this.#u16(v, true);
  }
  u16be(v: number): void {
    this.#u16(v, false);
  }
  i16le(v: number): void {
    this.#i16(v, true);
  }
  i16be(v: number): void {
    this.#i16(v, false);
  }
  u32le(v: number): void {
    this.#u32(v, true);
  }
  u32be(v: number): void {
    this.#u32(v, false);
  }
  i32le(v: number): void {
    this.#i32(v, true);
  }
  i32be(v: number): void {
    this.#i32(v, false);
  }
  u64le(v: bigint): void {
    this.#u64(v, true);
  }
  u64be(v: bigint): void {
    this.#u64(v, false);
  }
  i64le(v: bigint): void {
    this.#i64(v, true);
  }
  i64be(v: bigint): void {
    this.#i64(v, false);
  }
  f16le(v: number): void {
    this.#f16(v, true);
  }
  f16be(v: number): void {
    this.#f16(v, false);
  }
  f32le(v: number): void {
    this.#f32(v, true);
  }
  f32be(v: number): void {
    this.#f32(v, false);
  }
  f64le(v: number): void {
    this.#f64(v, true);
  }
  f64be(v: number): void {
    this.#f64(v, false);
  }
  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.u8a.set(b, at);
  }

  // The writers behind the public ones, byte order as a flag.
  #u16(v: number, le: boolean): void {
    checkInt(v, 0, 0xffff, 'u16');
    const at = this.reserve(2);
    this.dv.setUint16(at, v, le);
  }
  #i16(v: number, le: boolean): void {
    checkInt(v, -0x8000, 0x7fff, 'i16');
    const at = this.reserve(2);
    this.dv.setInt16(at, v, le);
  }
  #u32(v: number, le: boolean): void {
    checkInt(v, 0, 0xffffffff, 'u32');
    const at = this.reserve(4);
    this.dv.setUint32(at, v, le);
  }
  #i32(v: number, le: boolean): void {
    checkInt(v, -0x80000000, 0x7fffffff, 'i32');
    const at = this.reserve(4);
    this.dv.setInt32(at, v, le);
  }
  #u64(v: bigint, le: boolean): void {
    if (typeof v !== 'bigint' || BigInt.asUintN(64, v) !== v)
      throw rangeError(v, 'u64 (a bigint in [0, 2^64))');
    const at = this.reserve(8);
    this.dv.setBigUint64(at, v, le);
  }
  #i64(v: bigint, le: boolean): void {
    if (typeof v !== 'bigint' || BigInt.asIntN(64, v) !== v)
      throw rangeError(v, 'i64 (a bigint in [-2^63, 2^63))');
    const at = this.reserve(8);
    this.dv.setBigInt64(at, v, le);
  }
  #f16(v: number, le: boolean): void {
    checkNumber(v, 'f16');
    const bits = numberToHalf(v);
    // A finite value past the largest half: refused, as CPython's struct.pack('e') refuses it.
    if (bits < 0) throw rangeError(v, 'f16 (a number below 65520 in magnitude, an infinity or NaN)');
    const at = this.reserve(2);
    this.dv.setUint16(at, bits, le);
  }
  #f32(v: number, le: boolean): void {
    checkNumber(v, 'f32');
    const at = this.reserve(4);
    this.dv.setFloat32(at, v, le);
  }
  #f64(v: number, le: boolean): void {
    checkNumber(v, 'f64');
    const at = this.reserve(8);
    this.dv.setFloat64(at, v, le);
  }
}

export function rangeError(v: unknown, what: string): EncodeError {
  return new EncodeError('OUT_OF_RANGE', `cannot encode ${describeValue(v)} as ${what}`);
}

/** Throws unless `v` is an integer in [min, max]. */
export function checkInt(v: number, min: number, max: number, what: string): void {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) {
    throw rangeError(v, `${what} (an integer in [${min}, ${max}])`);
  }
}

export function checkNumber(v: number, what: string): void {
  if (typeof v !== 'number') throw rangeError(v, `${what} (a number)`);
}
