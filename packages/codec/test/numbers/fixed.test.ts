import {
  decode,
  EncodeError,
  encode,
  f16be,
  f16le,
  f32be,
  f32le,
  f64be,
  f64le,
  IncompleteError,
  i8,
  i16be,
  i16le,
  i32be,
  i32le,
  i64be,
  i64beNumber,
  i64le,
  i64leNumber,
  u8,
  u16be,
  u16le,
  u32be,
  u32le,
  u64be,
  u64beNumber,
  u64le,
  u64leNumber,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// Each codec against Node's Buffer readers, a separate implementation.
const cases = [
  [u8, 1, (b: Buffer) => b.readUInt8(0)],
  [i8, 1, (b: Buffer) => b.readInt8(0)],
  [u16le, 2, (b: Buffer) => b.readUInt16LE(0)],
  [u16be, 2, (b: Buffer) => b.readUInt16BE(0)],
  [i16le, 2, (b: Buffer) => b.readInt16LE(0)],
  [i16be, 2, (b: Buffer) => b.readInt16BE(0)],
  [u32le, 4, (b: Buffer) => b.readUInt32LE(0)],
  [u32be, 4, (b: Buffer) => b.readUInt32BE(0)],
  [i32le, 4, (b: Buffer) => b.readInt32LE(0)],
  [i32be, 4, (b: Buffer) => b.readInt32BE(0)],
  [u64le, 8, (b: Buffer) => b.readBigUInt64LE(0)],
  [u64be, 8, (b: Buffer) => b.readBigUInt64BE(0)],
  [i64le, 8, (b: Buffer) => b.readBigInt64LE(0)],
  [i64be, 8, (b: Buffer) => b.readBigInt64BE(0)],
  [f32le, 4, (b: Buffer) => b.readFloatLE(0)],
  [f32be, 4, (b: Buffer) => b.readFloatBE(0)],
  [f64le, 8, (b: Buffer) => b.readDoubleLE(0)],
  [f64be, 8, (b: Buffer) => b.readDoubleBE(0)],
] as const;

describe('fixed-size numbers', () => {
  for (const [codec, size, reference] of cases) {
    it(`${codec.kind} reads what Buffer reads and round-trips its bytes`, () => {
      expect(codec.size).toBe(size);
      fc.assert(
        fc.property(fc.uint8Array({ minLength: size, maxLength: size }), (bytes) => {
          const value = decode(codec as never, bytes) as unknown;
          expect(
            Object.is(value, reference(Buffer.from(bytes))) ||
              (Number.isNaN(value) && Number.isNaN(reference(Buffer.from(bytes)))),
          ).toBe(true);
          if (!Number.isNaN(value)) expect(encode(codec as never, value as never)).toEqual(bytes);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('f16 decodes IEEE half floats in both byte orders', () => {
    expect(decode(f16le, new Uint8Array([0x00, 0x3c]))).toBe(1);
    expect(decode(f16be, new Uint8Array([0xc0, 0x00]))).toBe(-2);
    expect(decode(f16be, new Uint8Array([0x7c, 0x00]))).toBe(Number.POSITIVE_INFINITY);
    expect(encode(f16le, 0.5)).toEqual(new Uint8Array([0x00, 0x38]));
  });

  it('refuses to encode values outside the type', () => {
    for (const [codec, bad] of [
      [u8, 256],
      [u8, -1],
      [u8, 1.5],
      [i8, 128],
      [u16le, 65536],
      [i16be, -32769],
      [u32le, 2 ** 32],
      [i32le, 2 ** 31],
      [u64le, -1n],
      [u64le, 2n ** 64n],
      [i64be, 2n ** 63n],
      [u64le, 5],
      [f64le, '1'],
    ] as const) {
      expect(() => encode(codec as never, bad as never), `${codec.kind} ${String(bad)}`).toThrow(EncodeError);
    }
  });

  it('a short input is an IncompleteError naming the bytes missing', () => {
    const e = (() => {
      try {
        decode(u32be, new Uint8Array([1, 2]));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ code: 'INCOMPLETE', offset: 0, needed: 2 });
  });
});

describe('64-bit integers as number', () => {
  const max = 2 ** 53 - 1;
  it('reads values up to 2^53 - 1 exactly, both orders, both signs', () => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(max));
    expect(decode(u64leNumber, b)).toBe(max);
    b.writeBigUInt64BE(123456789012345n);
    expect(decode(u64beNumber, b)).toBe(123456789012345);
    b.writeBigInt64LE(-BigInt(max));
    expect(decode(i64leNumber, b)).toBe(-max);
    b.writeBigInt64BE(-5n);
    expect(decode(i64beNumber, b)).toBe(-5);
  });

  it('refuses values past 2^53 - 1 with a ValidationError naming the exact value', () => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(2n ** 53n);
    expect(() => decode(u64leNumber, b)).toThrow(ValidationError);
    expect(() => decode(u64leNumber, b)).toThrow(/9007199254740992/);
    b.writeBigInt64BE(-(2n ** 53n));
    expect(() => decode(i64beNumber, b)).toThrow(ValidationError);
  });

  it('round-trips safe integers and refuses unsafe ones on encode', () => {
    fc.assert(
      fc.property(fc.integer({ min: -max, max }), (n) => {
        expect(decode(i64leNumber, encode(i64leNumber, n))).toBe(n);
        expect(decode(i64beNumber, encode(i64beNumber, n))).toBe(n);
        const u = Math.abs(n);
        expect(decode(u64beNumber, encode(u64beNumber, u))).toBe(u);
        expect(Buffer.from(encode(u64leNumber, u)).readBigUInt64LE(0)).toBe(BigInt(u));
      }),
    );
    expect(() => encode(u64leNumber, 2 ** 53)).toThrow(EncodeError);
    expect(() => encode(u64leNumber, -1)).toThrow(EncodeError);
    expect(() => encode(i64leNumber, 0.5)).toThrow(EncodeError);
  });
});
