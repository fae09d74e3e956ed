/**
 * Fixed-size numbers: u8…u32 / i8…i32 as number, u64 / i64 as bigint, f16 / f32 / f64, in both
 * byte orders. Each is one instance of FixedNumber, configured by the DataView accessor it compiles to.
 *
 * Encoding checks the value's type and range first (an EncodeError `OUT_OF_RANGE`, never a JavaScript
 * TypeError for a bigint or a symbol). f16 refuses a finite value that rounds past the largest half
 * (|x| ≥ 65520) as CPython's struct.pack('e') raises OverflowError, rather than write an infinity.
 */
import { halfToNumber, numberToHalf } from '@stride/view';
import { Codec, GEN_READ, GEN_WRITE, READER } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';

type Kind = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'u64' | 'i64' | 'f16' | 'f32' | 'f64';

interface Layout {
  size: number;
  /** DataView getter / setter. */
  get: string;
  set: string;
  /** JavaScript condition that `x` is encodable (the compiled check; the interpreter uses the same). */
  valid: (x: string) => string;
  what: string;
}

const layouts: Record<Kind, Layout> = {
  u8: {
    size: 1,
    get: 'getUint8',
    set: 'setUint8',
    valid: (x) => `typeof ${x} === 'number' && (${x} & 255) === ${x}`,
    what: 'an integer in [0, 255]',
  },
  i8: {
    size: 1,
    get: 'getInt8',
    set: 'setInt8',
    valid: (x) => `typeof ${x} === 'number' && (${x} << 24 >> 24) === ${x}`,
    what: 'an integer in [-128, 127]',
  },
  u16: {
    size: 2,
    get: 'getUint16',
    set: 'setUint16',
    valid: (x) => `typeof ${x} === 'number' && (${x} & 65535) === ${x}`,
    what: 'an integer in [0, 65535]',
  },
  i16: {
    size: 2,
    get: 'getInt16',
    set: 'setInt16',
    valid: (x) => `typeof ${x} === 'number' && (${x} << 16 >> 16) === ${x}`,
    what: 'an integer in [-32768, 32767]',
  },
  u32: {
    size: 4,
    get: 'getUint32',
    set: 'setUint32',
    valid: (x) => `typeof ${x} === 'number' && (${x} >>> 0) === ${x}`,
    what: 'an integer in [0, 2^32)',
  },
  i32: {
    size: 4,
    get: 'getInt32',
    set: 'setInt32',
    valid: (x) => `typeof ${x} === 'number' && (${x} | 0) === ${x}`,
    what: 'an integer in [-2^31, 2^31)',
  },
  u64: {
    size: 8,
    get: 'getBigUint64',
    set: 'setBigUint64',
    valid: (x) => `typeof ${x} === 'bigint' && BigInt.asUintN(64, ${x}) === ${x}`,
    what: 'a bigint in [0, 2^64)',
  },
  i64: {
    size: 8,
    get: 'getBigInt64',
    set: 'setBigInt64',
    valid: (x) => `typeof ${x} === 'bigint' && BigInt.asIntN(64, ${x}) === ${x}`,
    what: 'a bigint in [-2^63, 2^63)',
  },
  f16: {
    size: 2,
    get: 'getUint16',
    set: 'setUint16',
    // NaN passes (its comparisons are false): it and the infinities have halves.
    valid: (x) => `typeof ${x} === 'number' && !(Math.abs(${x}) >= 65520 && Math.abs(${x}) < Infinity)`,
    what: 'a number below 65520 in magnitude, an infinity or NaN',
  },
  f32: {
    size: 4,
    get: 'getFloat32',
    set: 'setFloat32',
    valid: (x) => `typeof ${x} === 'number'`,
    what: 'a number',
  },
  f64: {
    size: 8,
    get: 'getFloat64',
    set: 'setFloat64',
    valid: (x) => `typeof ${x} === 'number'`,
    what: 'a number',
  },
};

/** The same checks as the compiled ones, as functions for the interpreter. */
const validators = Object.fromEntries(
  Object.entries(layouts).map(([k, l]) => [
    k,
    new Function('x', `return ${l.valid('x')};`) as (x: unknown) => boolean,
  ]),
) as Record<Kind, (x: unknown) => boolean>;

type Reader = (st: DecodeState) => number | bigint;

/** [big-endian, little-endian] readers per type. */
const readers: Record<Kind, [Reader, Reader]> = {
  u8: [(st) => st.src.u8(st.take(1)), (st) => st.src.u8(st.take(1))],
  i8: [(st) => st.src.i8(st.take(1)), (st) => st.src.i8(st.take(1))],
  u16: [(st) => st.src.u16(st.take(2), false), (st) => st.src.u16(st.take(2), true)],
  i16: [(st) => st.src.i16(st.take(2), false), (st) => st.src.i16(st.take(2), true)],
  u32: [(st) => st.src.u32(st.take(4), false), (st) => st.src.u32(st.take(4), true)],
  i32: [(st) => st.src.i32(st.take(4), false), (st) => st.src.i32(st.take(4), true)],
  u64: [(st) => st.src.u64(st.take(8), false), (st) => st.src.u64(st.take(8), true)],
  i64: [(st) => st.src.i64(st.take(8), false), (st) => st.src.i64(st.take(8), true)],
  f16: [(st) => st.src.f16(st.take(2), false), (st) => st.src.f16(st.take(2), true)],
  f32: [(st) => st.src.f32(st.take(4), false), (st) => st.src.f32(st.take(4), true)],
  f64: [(st) => st.src.f64(st.take(8), false), (st) => st.src.f64(st.take(8), true)],
};

export class FixedNumber<T extends number | bigint> extends Codec<T> {
  readonly kind: string;
  override readonly size: number;
  readonly #layout: Layout;
  readonly #valid: (x: unknown) => boolean;
  /** The interpreter's read, specialised per type and byte order (a switch per read cost ~2x). */
  readonly #read_: (st: DecodeState) => number | bigint;

  readonly #type: Kind;
  readonly #le: boolean;

  constructor(type: Kind, le: boolean) {
    super();
    this.#type = type;
    this.#le = le;
    this.#layout = layouts[type];
    this.size = this.#layout.size;
    this.#valid = validators[type];
    this.kind = this.size === 1 ? type : `${type}${le ? 'le' : 'be'}`;
    this.#read_ = readers[type][le ? 1 : 0];
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    return this.#read_(st) as T;
  }

  override [READER](): (st: DecodeState) => T {
    return this.#read_ as (st: DecodeState) => T;
  }

  write(w: EncodeState, value: T): void {
    if (!this.#valid(value)) throw rangeError(value, `${this.kind} (${this.#layout.what})`);
    const at = w.reserve(this.size);
    if (this.#type === 'u8') w.u8a[at] = value as number;
    else if (this.#type === 'f16') w.dv.setUint16(at, numberToHalf(value as number), this.#le);
    else
      (w.dv as unknown as Record<string, (o: number, v: T, le: boolean) => void>)[this.#layout.set]?.(
        at,
        value,
        this.#le,
      );
  }

  override [GEN_READ](g: ReadGen): string {
    g.ensure(this.size, true);
    const at = g.at;
    g.off += this.size;
    if (this.#type === 'u8') return `u8[${at}]`;
    const read = `dv.${this.#layout.get}(${at}${this.size === 1 ? '' : `, ${this.#le}`})`;
    return this.#type === 'f16' ? `${g.ref(halfToNumber)}(${read})` : read;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    g.check(this.#layout.valid(x));
    g.room(this.size);
    const at = g.at;
    g.off += this.size;
    if (this.#type === 'u8') g.emit(`u8[${at}] = ${x};`);
    else if (this.#type === 'f16') g.emit(`dv.setUint16(${at}, ${g.ref(numberToHalf)}(${x}), ${this.#le});`);
    else g.emit(`dv.${this.#layout.set}(${at}, ${x}${this.size === 1 ? '' : `, ${this.#le}`});`);
  }
}

export const u8: Codec<number> = new FixedNumber<number>('u8', true);
export const i8: Codec<number> = new FixedNumber<number>('i8', true);
export const u16le: Codec<number> = new FixedNumber<number>('u16', true);
export const u16be: Codec<number> = new FixedNumber<number>('u16', false);
export const i16le: Codec<number> = new FixedNumber<number>('i16', true);
export const i16be: Codec<number> = new FixedNumber<number>('i16', false);
export const u32le: Codec<number> = new FixedNumber<number>('u32', true);
export const u32be: Codec<number> = new FixedNumber<number>('u32', false);
export const i32le: Codec<number> = new FixedNumber<number>('i32', true);
export const i32be: Codec<number> = new FixedNumber<number>('i32', false);
export const u64le: Codec<bigint> = new FixedNumber<bigint>('u64', true);
export const u64be: Codec<bigint> = new FixedNumber<bigint>('u64', false);
export const i64le: Codec<bigint> = new FixedNumber<bigint>('i64', true);
export const i64be: Codec<bigint> = new FixedNumber<bigint>('i64', false);
export const f16le: Codec<number> = new FixedNumber<number>('f16', true);
export const f16be: Codec<number> = new FixedNumber<number>('f16', false);
export const f32le: Codec<number> = new FixedNumber<number>('f32', true);
export const f32be: Codec<number> = new FixedNumber<number>('f32', false);
export const f64le: Codec<number> = new FixedNumber<number>('f64', true);
export const f64be: Codec<number> = new FixedNumber<number>('f64', false);
