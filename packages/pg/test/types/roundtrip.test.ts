/**
 * Round trips of every type in both formats (value -> encode -> decode gives the value back), the
 * two formats agreeing on every value, and bytes -> value -> bytes for the binary forms whose values
 * are spelled many ways (dates, timestamps, numeric digits).
 */
import { type Codec, decode, encode } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PgTypeName, pgTypes } from '../../src/types/index.js';
import { valuesOf } from './arbitraries.js';

const names = Object.keys(pgTypes) as PgTypeName[];
const codecs = (name: PgTypeName) =>
  pgTypes[name] as unknown as { binary: Codec<unknown>; text: Codec<unknown> };

describe('value -> encode -> decode', () => {
  it.each(names)('%s: round-trips in binary and in text, and both decode alike', (name) => {
    const { binary, text } = codecs(name);
    fc.assert(
      fc.property(valuesOf(name), (v) => {
        const fromBinary = decode(binary, encode(binary, v));
        expect(fromBinary).toEqual(v);
        expect(decode(text, encode(text, v))).toEqual(fromBinary);
      }),
      { numRuns: 60 },
    );
  });
});

/** Binary bytes of an int32 or int64, then a decode and encode through both formats. */
function viaBothFormats(name: PgTypeName, bytes: Uint8Array): Uint8Array {
  const { binary, text } = codecs(name);
  const value = decode(text, encode(text, decode(binary, bytes)));
  return encode(binary, value);
}

describe('bytes -> value -> bytes', () => {
  it('date: every day in range', () => {
    const day = fc.oneof(
      fc.integer({ min: -2451545, max: 2145031948 }),
      fc.integer({ min: -800000, max: 100000 }),
      fc.constantFrom(-2451545, 2145031948, -0x80000000, 0x7fffffff, 0, -1, -730120, -730119, -10957),
    );
    fc.assert(
      fc.property(day, (d) => {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setInt32(0, d);
        expect(viaBothFormats('date', b)).toEqual(b);
      }),
    );
  });

  it.each(['timestamp', 'timestamptz'] as const)('%s: every microsecond in range', (name) => {
    const micros = fc.oneof(
      fc.bigInt({ min: -211813488000000000n, max: 9223371331199999999n }),
      fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
      fc.constantFrom(-211813488000000000n, 9223371331199999999n, -(2n ** 63n), 2n ** 63n - 1n, 0n, -1n, 1n),
    );
    fc.assert(
      fc.property(micros, (us) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigInt64(0, us);
        expect(viaBothFormats(name, b)).toEqual(b);
      }),
    );
  });

  it('numeric: any digits, weight, sign and dscale decode to a value that encodes to its normal form', () => {
    const raw = fc.record({
      weight: fc.integer({ min: -40, max: 40 }),
      sign: fc.constantFrom(0, 0x4000),
      dscale: fc.integer({ min: 0, max: 100 }),
      digits: fc.array(fc.integer({ min: 0, max: 9999 }), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(raw, ({ weight, sign, dscale, digits }) => {
        const b = new Uint8Array(8 + 2 * digits.length);
        const dv = new DataView(b.buffer);
        [digits.length, weight, sign, dscale, ...digits].forEach((x, i) => {
          dv.setInt16(2 * i, x);
        });
        const value = decode(pgTypes.numeric.binary, b);
        // The normal form: decoding it again gives the same value, whatever the first bytes held.
        const again = viaBothFormats('numeric', b);
        expect(decode(pgTypes.numeric.binary, again)).toBe(value);
        expect(viaBothFormats('numeric', again)).toEqual(again);
      }),
    );
  });
});
