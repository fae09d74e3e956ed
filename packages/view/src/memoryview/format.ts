/**
 * Struct format codes for single items: sizes, byte order and how each item is read and written.
 *
 * Native sizes (no prefix or `@`) are LP64's, as on Linux and macOS x86-64: `l L n N P` are 8 bytes.
 * With `= < > !` the standard sizes apply (`l L` are 4 bytes; `n N P` do not exist), as in `struct`.
 */

import { NotImplementedError, ValueError } from '../errors.js';
import { halfToNumber, numberToHalf, toFloat32 } from '../half.js';
import { pyTruth, pyTypeName } from './python.js';

/** A value a view item holds: `number`, `bigint` for 8-byte integers, `boolean` for `?`, one byte for `c`. */
export type Item = number | bigint | boolean | Uint8Array;

type Prefix = '@' | '=' | '<' | '>' | '!';
type CodeOf<F extends string> = F extends `${Prefix}${infer C}` ? C : F;
type Standard<F extends string> = F extends `${'=' | '<' | '>' | '!'}${string}` ? true : false;

/** The item type of a format literal: `ItemOf<'i'>` is `number`, `ItemOf<'<Q'>` is `bigint`. */
export type ItemOf<F extends string> =
  CodeOf<F> extends 'q' | 'Q'
    ? bigint
    : CodeOf<F> extends 'l' | 'L' | 'n' | 'N' | 'P'
      ? Standard<F> extends true
        ? number
        : bigint
      : CodeOf<F> extends '?'
        ? boolean
        : CodeOf<F> extends 'c'
          ? Uint8Array
          : CodeOf<F> extends 'b' | 'B' | 'h' | 'H' | 'i' | 'I' | 'e' | 'f' | 'd'
            ? number
            : Item;

/** What `set` accepts for a format: integers also as bigint or boolean (Python's `__index__`). */
export type InputOf<F extends string> =
  ItemOf<F> extends Uint8Array
    ? Uint8Array
    : ItemOf<F> extends boolean
      ? boolean | number | bigint
      : ItemOf<F> extends number | bigint
        ? number | bigint | boolean
        : Item;

export const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Kind = 'int' | 'uint' | 'float' | 'half' | 'bool' | 'char' | 'unsupported';

/** A single-item format a view can read and write. */
export interface ItemFormat {
  /** The code without prefix, e.g. `i`. */
  readonly code: string;
  readonly itemsize: number;
  readonly littleEndian: boolean;
  readonly kind: Kind;
  /** True for a native format (no prefix or `@`): the only ones `cast` accepts. */
  readonly native: boolean;
}

const NATIVE: Record<string, [Kind, number]> = {
  c: ['char', 1],
  b: ['int', 1],
  B: ['uint', 1],
  '?': ['bool', 1],
  h: ['int', 2],
  H: ['uint', 2],
  i: ['int', 4],
  I: ['uint', 4],
  l: ['int', 8],
  L: ['uint', 8],
  q: ['int', 8],
  Q: ['uint', 8],
  n: ['int', 8],
  N: ['uint', 8],
  P: ['uint', 8],
  e: ['half', 2],
  f: ['float', 4],
  d: ['float', 8],
};

const STANDARD_SIZE: Record<string, number> = { l: 4, L: 4 };

const cache = new Map<string, ItemFormat | null>();

/**
 * The single-item format `fmt` names (an optional prefix and one code), or null when `fmt` is
 * not one: a multi-item struct string, or a code memoryview cannot handle.
 */
export function itemFormat(fmt: string): ItemFormat | null {
  let f = cache.get(fmt);
  if (f === undefined) {
    f = parseItemFormat(fmt);
    cache.set(fmt, f);
  }
  return f;
}

function parseItemFormat(fmt: string): ItemFormat | null {
  const prefix = fmt.length === 2 ? fmt[0] : '';
  const code = fmt.length === 2 ? (fmt[1] as string) : fmt;
  if (code.length !== 1 || (prefix !== '' && '@=<>!'.indexOf(prefix as string) < 0)) return null;
  const spec = NATIVE[code];
  if (spec === undefined) return null;
  const native = prefix === '' || prefix === '@';
  if (!native && (code === 'n' || code === 'N' || code === 'P')) return null;
  const [kind, nativeSize] = spec;
  const itemsize = native ? nativeSize : (STANDARD_SIZE[code] ?? nativeSize);
  const littleEndian = prefix === '<' ? true : prefix === '>' || prefix === '!' ? false : hostLittleEndian;
  return { code, itemsize, littleEndian, kind, native };
}

/** The format with a leading `@` dropped, as CPython compares and reports formats. */
export function stripAt(fmt: string): string {
  return fmt[0] === '@' ? fmt.slice(1) : fmt;
}

/**
 * CPython's `adjust_fmt` check, which every item access makes first: the format must be one
 * character after an optional `@` (Stride also takes the byte-order prefixes `= < > !`).
 * A single character memoryview cannot handle (`s`, `p`, `x` …) passes here and fails only when
 * an item is read or written, as in CPython.
 */
export function checkedItemFormat(fmt: string): ItemFormat {
  const f = itemFormat(fmt);
  if (f !== null) return f;
  const bare = stripAt(fmt);
  if (bare.length === 1)
    return { code: bare, itemsize: 0, littleEndian: true, kind: 'unsupported', native: true };
  throw new NotImplementedError(`memoryview: unsupported format ${fmt}`);
}

function notSupported(f: ItemFormat): NotImplementedError {
  return new NotImplementedError(`memoryview: format ${f.code} not supported`);
}

/** Reads the item at `at` of `dv`. */
export function readItem(f: ItemFormat, dv: DataView, at: number): Item {
  const le = f.littleEndian;
  switch (f.kind) {
    case 'uint':
      switch (f.itemsize) {
        case 1:
          return dv.getUint8(at);
        case 2:
          return dv.getUint16(at, le);
        case 4:
          return dv.getUint32(at, le);
        default:
          return dv.getBigUint64(at, le);
      }
    case 'int':
      switch (f.itemsize) {
        case 1:
          return dv.getInt8(at);
        case 2:
          return dv.getInt16(at, le);
        case 4:
          return dv.getInt32(at, le);
        default:
          return dv.getBigInt64(at, le);
      }
    case 'float':
      return f.itemsize === 4 ? dv.getFloat32(at, le) : dv.getFloat64(at, le);
    case 'half':
      return halfToNumber(dv.getUint16(at, le));
    case 'bool':
      // Any non-zero byte is true, as `struct` reads it (CPython gh-148390).
      return dv.getUint8(at) !== 0;
    case 'char':
      return Uint8Array.of(dv.getUint8(at));
    case 'unsupported':
      throw notSupported(f);
  }
}

function invalidType(fmt: string): TypeError {
  return new TypeError(`memoryview: invalid type for format '${fmt}'`);
}

function invalidValue(fmt: string): ValueError {
  return new ValueError(`memoryview: invalid value for format '${fmt}'`);
}

/** Python's `__index__`: integral numbers, bigints and booleans. */
function toInteger(value: unknown, fmt: string): bigint | number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw invalidType(fmt);
    return value;
  }
  if (typeof value === 'bigint') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw invalidType(fmt);
}

/** Python's `float()` of an int/float/bool: an int too large for a double is an overflow. */
function toDouble(value: unknown, fmt: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') {
    const d = Number(value);
    if (!Number.isFinite(d)) throw invalidValue(fmt);
    return d;
  }
  throw invalidType(fmt);
}

/**
 * The coerced form of `value` for format `f`, checked as CPython's `pack_single` checks it.
 * Coercion comes first and writing second, so a failed check never writes a byte.
 */
export function coerceItem(f: ItemFormat, fmt: string, value: unknown): number | bigint {
  switch (f.kind) {
    case 'int':
    case 'uint': {
      const v = toInteger(value, fmt);
      const bits = BigInt(f.itemsize * 8);
      const min = f.kind === 'int' ? -(1n << (bits - 1n)) : 0n;
      const max = f.kind === 'int' ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
      if (f.itemsize < 8) {
        const n = Number(v);
        if (n < Number(min) || n > Number(max)) throw invalidValue(fmt);
        return n;
      }
      const b = BigInt(v);
      if (b < min || b > max) throw invalidValue(fmt);
      return b;
    }
    case 'float': {
      const d = toDouble(value, fmt);
      // 'f' narrows like a C cast: past float32's range it stores an infinity.
      return f.itemsize === 4 ? toFloat32(d) : d;
    }
    case 'half': {
      const bits = numberToHalf(toDouble(value, fmt));
      if (bits < 0) throw invalidValue(fmt);
      return bits;
    }
    case 'bool':
      return pyTruth(value) ? 1 : 0;
    case 'char':
      if (!(value instanceof Uint8Array)) throw invalidType(fmt);
      if (value.length !== 1) throw invalidValue(fmt);
      return value[0] as number;
    case 'unsupported':
      throw notSupported(f);
  }
}

/** Writes a value produced by `coerceItem` at `at` of `dv`. */
export function writeItem(f: ItemFormat, dv: DataView, at: number, v: number | bigint): void {
  const le = f.littleEndian;
  switch (f.itemsize) {
    case 1:
      dv.setUint8(at, Number(v) & 0xff);
      return;
    case 2:
      dv.setUint16(at, Number(v) & 0xffff, le);
      return;
    case 4:
      if (f.kind === 'float') dv.setFloat32(at, v as number, le);
      else dv.setUint32(at, Number(v) >>> 0, le);
      return;
    default:
      if (f.kind === 'float') dv.setFloat64(at, v as number, le);
      else dv.setBigUint64(at, BigInt.asUintN(64, v as bigint), le);
  }
}

/** The error for a value that is not bytes-like, worded as CPython's. */
export function bytesLikeRequired(value: unknown): TypeError {
  return new TypeError(`a bytes-like object is required, not '${pyTypeName(value)}'`);
}
