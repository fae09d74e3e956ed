/**
 * bool, int2, int4, int8, oid, float4 and float8. Binary: the fixed-size big-endian value (bool one
 * byte, 0 or 1). Text: what the server prints, which decoding requires exactly (`t`/`f`; integers
 * without a sign `+`, leading zeros or `-0`); floats in any decimal or exponent form, `NaN`,
 * `Infinity` and `-Infinity`.
 *
 * float4 decodes to the float32's exact value in both formats: its text is parsed as a double and
 * rounded to float32 (`Math.fround`), which is the float32 the server's shortest text stands for.
 * Encoding a float4 rounds to float32 first; a finite value past float32's range is refused.
 */
import {
  bool as boolByte,
  type Codec,
  f32be,
  f64be,
  i16be,
  i32be,
  i64be,
  transform,
  u32be,
} from '@stride/codec';
import { asciiText, type PgType, pgType, unencodable } from './pg-type.js';

const boolText = asciiText<boolean>(
  'bool',
  "'t' or 'f'",
  (text) => (text === 't' ? true : text === 'f' ? false : undefined),
  (value) => {
    if (typeof value !== 'boolean') throw unencodable('bool', 'a boolean', value);
    return value ? 't' : 'f';
  },
);

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** The text form of a number-valued integer type with the range [min, max]. */
function integerText(name: string, min: number, max: number): Codec<number> {
  const expected = `an integer in [${min}, ${max}]`;
  return asciiText<number>(
    name,
    expected,
    (text) => {
      if (!INTEGER.test(text) || text === '-0' || text.length > 11) return undefined;
      const n = Number(text);
      return n >= min && n <= max ? n : undefined;
    },
    (value) => {
      if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max))
        throw unencodable(name, expected, value);
      return String(value);
    },
  );
}

const int8Text = asciiText<bigint>(
  'int8',
  'an integer in [-2^63, 2^63)',
  (text) => {
    if (!INTEGER.test(text) || text === '-0' || text.length > 20) return undefined;
    const n = BigInt(text);
    return BigInt.asIntN(64, n) === n ? n : undefined;
  },
  (value) => {
    if (!(typeof value === 'bigint' && BigInt.asIntN(64, value) === value))
      throw unencodable('int8', 'a bigint in [-2^63, 2^63)', value);
    return value.toString();
  },
);

const FLOAT = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Parses a float's text (Number alone would take '', '0x10' and ' 1'). */
function parseFloatText(text: string): number | undefined {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  return FLOAT.test(text) ? Number(text) : undefined;
}

/** A float's text: the shortest that reads back as the same double ('-0' keeps the sign). */
function floatText(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A float4 value: the number rounded to float32; refused when a finite number overflows it. */
function float4Value(value: number): number {
  if (typeof value !== 'number') throw unencodable('float4', 'a number', value);
  const f = Math.fround(value);
  if (Number.isFinite(value) && !Number.isFinite(f))
    throw unencodable('float4', 'a number within float4 range (±3.4028235e38)', value);
  return f;
}

/** f32be, with float4's rounding and range check on encoding. */
const float4Binary = transform(f32be, { decode: (v: number) => v, encode: float4Value });

const float4Text = asciiText<number>(
  'float4',
  'a decimal number, NaN, Infinity or -Infinity',
  (text) => {
    const n = parseFloatText(text);
    return n === undefined ? undefined : Math.fround(n);
  },
  (value) => floatText(float4Value(value)),
);

const float8Text = asciiText<number>(
  'float8',
  'a decimal number, NaN, Infinity or -Infinity',
  parseFloatText,
  (value) => {
    if (typeof value !== 'number') throw unencodable('float8', 'a number', value);
    return floatText(value);
  },
);

export const bool: PgType<boolean> = pgType('bool', 16, boolByte, boolText);
export const int2: PgType<number> = pgType('int2', 21, i16be, integerText('int2', -0x8000, 0x7fff));
export const int4: PgType<number> = pgType('int4', 23, i32be, integerText('int4', -0x80000000, 0x7fffffff));
export const int8: PgType<bigint> = pgType('int8', 20, i64be, int8Text);
export const oid: PgType<number> = pgType('oid', 26, u32be, integerText('oid', 0, 0xffffffff));
export const float4: PgType<number> = pgType('float4', 700, float4Binary, float4Text);
export const float8: PgType<number> = pgType('float8', 701, f64be, float8Text);
