/**
 * Variable-length integers, seven bits a byte, low groups first, the high bit set on every byte
 * but the last: unsigned LEB128 (protobuf's varint, DWARF, WebAssembly), signed LEB128 (two's
 * complement, sign taken from the last group's top bit) and protobuf's zigzag (0, -1, 1, -2 … as
 * 0, 1, 2, 3 …, then unsigned LEB128).
 *
 * - `uleb128`, `sleb128`, `zigzag` decode to number and refuse (ValidationError) values past
 *   ±(2^53 − 1); the `…Big` codecs decode to bigint and hold 64 bits (u64 or i64).
 * - Non-minimal encodings (`80 00` for 0) are accepted, as protobuf and DWARF readers accept them;
 *   more than 10 bytes, or bits past the 64th, are a ValidationError.
 * - Encoding writes the shortest form.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';

type Mode = 'u' | 's' | 'z';

/** Up to 7 bytes (49 bits) the groups add up exactly in a double; longer ones go through BigInt. */
const EXACT_BYTES = 7;
const U64_MAX = 2n ** 64n - 1n;
const MAX = Number.MAX_SAFE_INTEGER;
const TWO52 = 2 ** 52;

export class Varint<T extends number | bigint> extends Codec<T> {
  readonly kind: string;

  readonly #mode: Mode;
  readonly #big: boolean;

  constructor(mode: Mode, big: boolean) {
    super();
    this.#mode = mode;
    this.#big = big;
    this.kind = `${mode === 'u' ? 'uleb128' : mode === 's' ? 'sleb128' : 'zigzag'}${big ? 'Big' : ''}`;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const src = st.src;
    let v = 0;
    let mul = 1;
    let b: number;
    do {
      // take(1) per byte: a varint cut short waits for (or reports) exactly the next byte.
      if (mul === 2 ** 70) st.invalid(at, 10, `${this.kind}: longer than 10 bytes`, 'at most 10 bytes');
      b = src.u8(st.take(1));
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b > 0x7f);
    if (st.pos - at > EXACT_BYTES) return this.#wide(st, at) as T;
    // v and mul = 2^(7 × length) are exact here.
    if (this.#mode === 's' && v >= mul / 2) v -= mul;
    else if (this.#mode === 'z') v = v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    return (this.#big ? BigInt(v) : v) as T;
  }

  /** A varint longer than 7 bytes: decoded exactly with BigInt, then range-checked. */
  #wide(st: DecodeState, at: number): number | bigint {
    const len = st.pos - at;
    let g = 0n;
    for (let i = len - 1; i >= 0; i--) g = (g << 7n) | BigInt(st.src.u8(at + i) & 0x7f);
    const x = this.#mode === 'u' ? g : this.#mode === 's' ? BigInt.asIntN(7 * len, g) : (g >> 1n) ^ -(g & 1n);
    if (this.#mode === 's' ? BigInt.asIntN(64, x) !== x : g > U64_MAX) {
      st.invalid(at, len, `${this.kind}: the value does not fit in 64 bits`, 'at most 64 bits', `${x}`);
    }
    if (this.#big) return x;
    if (x > BigInt(MAX) || x < -BigInt(MAX)) {
      st.invalid(
        at,
        len,
        `${this.kind}: ${x} is past 2^53 - 1, which a number cannot hold exactly; use ${this.kind}Big`,
        'a safe integer',
        `${x}`,
      );
    }
    return Number(x);
  }

  write(w: EncodeState, value: T): void {
    this.#check(value);
    const at = w.reserve(10);
    if (typeof value === 'bigint')
      w.pos = putBig(w.u8a, at, this.#mode === 'z' ? zig(value) : value, this.#mode === 's');
    else w.pos = this.#putNumber(w.u8a, at, value);
  }

  #check(x: unknown): void {
    if (this.#big) {
      const ok =
        typeof x === 'bigint' && (this.#mode === 'u' ? BigInt.asUintN(64, x) : BigInt.asIntN(64, x)) === x;
      if (!ok)
        throw rangeError(
          x,
          `${this.kind} (a bigint in ${this.#mode === 'u' ? '[0, 2^64)' : '[-2^63, 2^63)'})`,
        );
    } else if (!(Number.isSafeInteger(x) && (this.#mode !== 'u' || (x as number) >= 0))) {
      throw rangeError(x, `${this.kind} (a safe integer${this.#mode === 'u' ? ' ≥ 0' : ''})`);
    }
  }

  #putNumber(u8: Uint8Array, at: number, n: number): number {
    if (this.#mode === 's') return putSigned(u8, at, n);
    if (this.#mode === 'u') return putUnsigned(u8, at, n);
    // Zigzag doubles the magnitude, which is exact in a double only below 2^52.
    if (Math.abs(n) < TWO52) return putUnsigned(u8, at, n >= 0 ? 2 * n : -2 * n - 1);
    return putBig(u8, at, zig(BigInt(n)), false);
  }

  /** Compiled read, number codecs only: up to 7 bytes inline, anything longer goes to the interpreter. */
  override [GEN_READ](g: ReadGen): string {
    if (this.#big) return g.callRead(this);
    g.flush();
    const v = g.tmp();
    const m = g.tmp('m');
    const b = g.tmp('b');
    g.emit(`let ${v} = 0, ${m} = 1, ${b};`);
    g.emit(
      `do { if (p >= end || ${m} === ${2 ** (7 * EXACT_BYTES)}) return FAIL; ${b} = u8[p++]; ${v} += (${b} & 127) * ${m}; ${m} *= 128; } while (${b} > 127);`,
    );
    if (this.#mode === 's') g.emit(`if (${v} >= ${m} / 2) ${v} -= ${m};`);
    else if (this.#mode === 'z') g.emit(`${v} = ${v} % 2 === 0 ? ${v} / 2 : -(${v} + 1) / 2;`);
    g.moved();
    return v;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    if (this.#big) {
      g.callWrite(this, v);
      return;
    }
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    if (this.#mode === 'u') g.check(`Number.isSafeInteger(${x}) && ${x} >= 0`);
    // Large zigzag values take the interpreter's BigInt path.
    else if (this.#mode === 'z') g.check(`Number.isSafeInteger(${x}) && Math.abs(${x}) < ${TWO52}`);
    else g.check(`Number.isSafeInteger(${x})`);
    g.flush();
    g.room(10);
    const n = this.#mode === 'z' ? `${x} >= 0 ? 2 * ${x} : -2 * ${x} - 1` : x;
    g.emit(`p = ${g.ref(this.#mode === 's' ? putSigned : putUnsigned)}(u8, p, ${n});`);
    g.moved();
  }
}

/** Writes `n` (a safe integer ≥ 0) as unsigned LEB128 at `p`; returns the offset after it. */
function putUnsigned(u8: Uint8Array, p: number, n: number): number {
  while (n > 0x7f) {
    u8[p++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  u8[p++] = n;
  return p;
}

/** Writes `n` (a safe integer) as signed LEB128 at `p`; returns the offset after it. */
function putSigned(u8: Uint8Array, p: number, n: number): number {
  for (;;) {
    const b = ((n % 128) + 128) % 128;
    n = Math.floor(n / 128); // exact: a power-of-two division
    if ((n === 0 && b < 0x40) || (n === -1 && b >= 0x40)) {
      u8[p++] = b;
      return p;
    }
    u8[p++] = b | 0x80;
  }
}

/** Writes a 64-bit bigint as unsigned or signed LEB128 at `p`; returns the offset after it. */
function putBig(u8: Uint8Array, p: number, n: bigint, signed: boolean): number {
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    const last = signed ? (n === 0n && b < 0x40) || (n === -1n && b >= 0x40) : n === 0n;
    u8[p++] = last ? b : b | 0x80;
    if (last) return p;
  }
}

/** Zigzag of a 64-bit signed bigint, as an unsigned 64-bit bigint. */
function zig(n: bigint): bigint {
  return BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
}

/** Unsigned LEB128 as a number (refuses values past 2^53 − 1). */
export const uleb128: Codec<number> = new Varint<number>('u', false);
/** Unsigned LEB128 as a bigint in [0, 2^64). */
export const uleb128Big: Codec<bigint> = new Varint<bigint>('u', true);
/** Signed LEB128 as a number (refuses values past ±(2^53 − 1)). */
export const sleb128: Codec<number> = new Varint<number>('s', false);
/** Signed LEB128 as a bigint in [-2^63, 2^63). */
export const sleb128Big: Codec<bigint> = new Varint<bigint>('s', true);
/** Protobuf's zigzag varint (sint32 / sint64) as a number. */
export const zigzag: Codec<number> = new Varint<number>('z', false);
/** Protobuf's zigzag varint as a bigint in [-2^63, 2^63). */
export const zigzagBig: Codec<bigint> = new Varint<bigint>('z', true);
