import {
  array,
  type Codec,
  DecodeError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  sleb128,
  sleb128Big,
  struct,
  u8,
  u16le,
  uleb128,
  uleb128Big,
  ValidationError,
  zigzag,
  zigzagBig,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, shape, thrown } from '../helpers.js';

/** A reference LEB128 encoder over bigint (a separate implementation from the codec's). */
function leb(n: bigint, signed: boolean): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(BigInt.asUintN(7, n));
    n >>= 7n;
    const done = signed ? (n === 0n && b < 64) || (n === -1n && b >= 64) : n === 0n;
    out.push(done ? b : b | 0x80);
    if (done) return out;
  }
}
const zz = (n: bigint) => BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));

const bytes = (...b: number[]) => new Uint8Array(b);
const MAX = Number.MAX_SAFE_INTEGER;

describe('LEB128 and zigzag varints', () => {
  it('decodes the usual reference values', () => {
    expect(decode(uleb128, bytes(0xe5, 0x8e, 0x26))).toBe(624485);
    expect(decode(sleb128, bytes(0xc0, 0xbb, 0x78))).toBe(-123456);
    expect(decode(sleb128, bytes(0x7f))).toBe(-1);
    expect(decode(sleb128, bytes(0x3f))).toBe(63);
    expect(decode(sleb128, bytes(0xc0, 0x00))).toBe(64);
    expect(decode(uleb128Big, bytes(...leb(2n ** 64n - 1n, false)))).toBe(2n ** 64n - 1n);
    expect(decode(sleb128Big, bytes(...leb(-(2n ** 63n), true)))).toBe(-(2n ** 63n));
    for (const [v, z] of [
      [0, 0],
      [-1, 1],
      [1, 2],
      [-2, 3],
      [2147483647, 4294967294],
      [-2147483648, 4294967295],
    ] as const) {
      expect(encode(zigzag, v)).toEqual(encode(uleb128, z));
      expect(decode(zigzag, encode(uleb128, z))).toBe(v);
    }
    expect(uleb128.size).toBeUndefined();
  });

  it('encodes the shortest form, as a reference encoder does, and round-trips', () => {
    const cases: [Codec<number>, (n: number) => number[]][] = [
      [uleb128, (n) => leb(BigInt(n), false)],
      [sleb128, (n) => leb(BigInt(n), true)],
      [zigzag, (n) => leb(zz(BigInt(n)), false)],
    ];
    for (const [codec, ref] of cases) {
      const min = codec === uleb128 ? 0 : -MAX;
      fc.assert(
        fc.property(
          fc.oneof(fc.integer({ min: Math.max(min, -1000), max: 1000 }), fc.integer({ min, max: MAX })),
          (n) => {
            const out = encode(codec, n);
            expect([...out]).toEqual(ref(n));
            expect(decode(codec, out)).toBe(n);
          },
        ),
      );
    }
    const big: [Codec<bigint>, bigint, bigint, (n: bigint) => number[]][] = [
      [uleb128Big, 0n, 2n ** 64n - 1n, (n) => leb(n, false)],
      [sleb128Big, -(2n ** 63n), 2n ** 63n - 1n, (n) => leb(n, true)],
      [zigzagBig, -(2n ** 63n), 2n ** 63n - 1n, (n) => leb(zz(n), false)],
    ];
    for (const [codec, min, max, ref] of big) {
      fc.assert(
        fc.property(fc.bigInt({ min, max }), (n) => {
          const out = encode(codec, n);
          expect([...out]).toEqual(ref(n));
          expect(decode(codec, out)).toBe(n);
        }),
      );
    }
  });

  it('accepts non-minimal encodings', () => {
    expect(decode(uleb128, bytes(0x80, 0x00))).toBe(0);
    expect(decode(uleb128, bytes(0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00))).toBe(1);
    expect(decode(sleb128, bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f))).toBe(-1);
    expect(decode(sleb128Big, bytes(0xff, 0x7f))).toBe(-1n);
    expect(decode(zigzag, bytes(0x83, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00))).toBe(-2);
  });

  it('refuses more than 10 bytes and values past 64 bits', () => {
    const eleven = bytes(...Array(10).fill(0x80), 0x00);
    for (const codec of [uleb128, uleb128Big, sleb128, sleb128Big, zigzag, zigzagBig] as Codec<unknown>[]) {
      const e = thrown(() => decode(codec, eleven));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e).toMatchObject({ offset: 0, message: expect.stringMatching(/longer than 10 bytes/) });
    }
    const past64 = bytes(...Array(9).fill(0xff), 0x02);
    expect(() => decode(uleb128Big, past64)).toThrow(/does not fit in 64 bits/);
    expect(() => decode(zigzagBig, past64)).toThrow(/does not fit in 64 bits/);
    expect(decode(uleb128Big, bytes(...Array(9).fill(0xff), 0x01))).toBe(2n ** 64n - 1n);
    // 2^63 as signed LEB128 needs a 0x01 in the tenth byte: past i64.
    expect(() => decode(sleb128Big, bytes(...Array(9).fill(0x80), 0x01))).toThrow(ValidationError);
    expect(() => decode(sleb128Big, bytes(...Array(9).fill(0x80), 0x7e))).toThrow(ValidationError);
    expect(decode(sleb128Big, bytes(...Array(9).fill(0x80), 0x7f))).toBe(-(2n ** 63n));
  });

  it('number codecs refuse values past 2^53 - 1, naming the exact value', () => {
    const e = thrown(() => decode(struct({ a: u8, n: uleb128 }), bytes(1, ...leb(2n ** 53n, false))));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 1, path: 'n', actual: '9007199254740992' });
    expect(decode(uleb128, bytes(...leb(BigInt(MAX), false)))).toBe(MAX);
    expect(() => decode(sleb128, bytes(...leb(-(2n ** 53n), true)))).toThrow(ValidationError);
    expect(() => decode(zigzag, bytes(...leb(zz(2n ** 53n), false)))).toThrow(ValidationError);
    expect(decode(zigzag, bytes(...leb(zz(BigInt(-MAX)), false)))).toBe(-MAX);
  });

  it('a varint cut short is an IncompleteError for the next byte', () => {
    const e = thrown(() => decode(struct({ a: u16le, n: uleb128 }), bytes(0, 0, 0x80, 0x80)));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ offset: 4, needed: 1, path: 'n' });
  });

  it('works as the item of a long array (a compiled loop)', () => {
    const values = Array.from({ length: 40 }, (_, i) => (i - 20) * 99991);
    expect(decode(array(zigzag, 40), encode(array(zigzag, 40), values))).toEqual(values);
  });

  it('refuses to encode values out of range', () => {
    for (const [codec, v] of [
      [uleb128, -1],
      [uleb128, 2 ** 53],
      [uleb128, 1.5],
      [sleb128, 2 ** 53],
      [zigzag, Number.NaN],
      [uleb128, 1n],
      [uleb128Big, -1n],
      [uleb128Big, 2n ** 64n],
      [sleb128Big, 2n ** 63n],
      [zigzagBig, -(2n ** 63n) - 1n],
      [zigzagBig, 1],
    ] as [Codec<unknown>, unknown][]) {
      expect(() => encode(codec, v), `${codec.kind} ${String(v)}`).toThrow(EncodeError);
    }
  });

  it('streams in any chunking give the same records and errors; hostile bytes give only DecodeErrors', () => {
    const Rec = struct({ u: uleb128, s: sleb128, z: zigzag, ub: uleb128Big, sb: sleb128Big, zb: zigzagBig });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            u: fc.integer({ min: 0, max: MAX }),
            s: fc.integer({ min: -MAX, max: MAX }),
            z: fc.integer({ min: -MAX, max: MAX }),
            ub: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
            sb: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
            zb: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          }),
          { maxLength: 3 },
        ),
        fc.nat(20),
        (recs, trim) => {
          const all = Uint8Array.from(recs.flatMap((r) => [...encode(Rec, r)]));
          const flat = expectChunkInvariant(Rec, all.subarray(0, Math.max(0, all.length - trim)), 5);
          expect(flat.records).toEqual(recs.slice(0, flat.records.length));
          if (trim === 0) expect(flat.error).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (b) => {
        expectChunkInvariant(Rec, b, 5);
      }),
      { numRuns: 100 },
    );
  });

  it('compiled and interpreted decoders agree on any bytes', () => {
    const Rec = struct({ a: u8, u: uleb128, s: sleb128, z: zigzag });
    const run = (b: Uint8Array, compile: boolean) => {
      try {
        return { v: decode(Rec, b, { compile, allowTrailing: true }) };
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        return { e: shape(e) };
      }
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f })), {
          maxLength: 40,
        }),
        (a) => {
          const b = Uint8Array.from(a);
          expect(run(b, true)).toEqual(run(b, false));
        },
      ),
      { numRuns: 300 },
    );
  });
});
