/**
 * Encoding is as strict as decoding: a value that does not fit its codec is an EncodeError (never a
 * JavaScript TypeError or RangeError, never wrong bytes), and a failed write leaves no bytes.
 */
import {
  bool,
  type Codec,
  defineCodec,
  EncodeError,
  Encoder,
  encode,
  f16be,
  f16le,
  f32be,
  f64le,
  i8,
  i16be,
  i32le,
  i64be,
  i64leNumber,
  sleb128,
  struct,
  u8,
  u16le,
  u32be,
  u64beNumber,
  u64le,
  uleb128,
  uleb128Big,
  zigzag,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../helpers.js';
import { Deep, deepValue } from './deep.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('f16', () => {
  it('refuses a finite value that rounds past the largest half, as Python does', () => {
    for (const v of [70000, -70000, 65520, 1e300]) {
      for (const c of [f16be, f16le]) {
        expect(thrown(() => encode(c, v))).toMatchObject({ name: 'EncodeError', code: 'OUT_OF_RANGE' });
      }
    }
    const custom = defineCodec<number>({ read: (st) => st.f16be(), write: (w, v) => w.f16be(v) });
    expect(thrown(() => encode(custom, 70000))).toMatchObject({ code: 'OUT_OF_RANGE' });
  });

  it('still encodes the largest half, infinities and NaN', () => {
    expect(hex(encode(f16be, 65504))).toBe('7bff');
    expect(hex(encode(f16be, 65519))).toBe('7bff');
    expect(hex(encode(f16be, Number.NEGATIVE_INFINITY))).toBe('fc00');
    expect(hex(encode(f16be, Number.NaN))).toBe('7e00');
  });
});

describe('values of the wrong type', () => {
  const numbers: Codec<number>[] = [u8, i8, u16le, i16be, u32be, i32le, f16be, f32be, f64le];
  const others: Codec<number>[] = [u64beNumber, i64leNumber, uleb128, sleb128, zigzag];
  const bigints: Codec<bigint>[] = [u64le, i64be, uleb128Big];
  const foreign = fc.oneof(
    fc.constantFrom<unknown>('5', null, undefined, {}, [1], true, Symbol('x'), () => 5),
    fc.bigInt().map((v): unknown => v),
  );

  // Each alone and as a struct's field (the compiled write inlines the check there).
  const cases = [...numbers, ...others, ...bigints].map((c) => ({
    c: c as Codec<unknown>,
    inStruct: struct({ a: c as Codec<unknown> }),
    big: bigints.includes(c as never),
  }));

  it('are an EncodeError OUT_OF_RANGE for every number codec, alone and in a struct', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cases), foreign, ({ c, inStruct, big }, v) => {
        if (typeof v === 'bigint' && big) return;
        for (const [codec, value] of [
          [c, v],
          [inStruct, { a: v }],
        ] as const) {
          const e = thrown(() => encode(codec as Codec<unknown>, value));
          expect(e).toBeInstanceOf(EncodeError);
          expect(e.code).toBe('OUT_OF_RANGE');
          expect(e.message.length).toBeLessThan(200);
        }
      }),
    );
    expect(thrown(() => encode(u8, 5n as never)).message).toBe(
      'cannot encode 5n as u8 (an integer in [0, 255])',
    );
    expect(thrown(() => encode(bool, 1 as never))).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(thrown(() => encode(u8, (10n ** 5000n) as never)).message.length).toBeLessThan(200);
  });
});

describe('a failed write', () => {
  const Pair = struct({ a: u8, b: u8 });

  it('leaves no bytes in an Encoder', () => {
    const e = new Encoder(Pair);
    e.write({ a: 1, b: 2 });
    expect(thrown(() => e.write({ a: 3, b: 999 }))).toMatchObject({ code: 'OUT_OF_RANGE', path: 'b' });
    expect(e.length).toBe(2);
    e.write({ a: 4, b: 5 });
    expect(hex(e.finish())).toBe('01020405');
  });

  it('of a value nested deeper than the stack is an EncodeError', () => {
    const e = new Encoder(Deep);
    e.write(deepValue(2));
    const error = thrown(() => e.write(deepValue(20_000)));
    expect(error).toBeInstanceOf(EncodeError);
    expect(error).toMatchObject({ code: 'TOO_DEEP' });
    expect(thrown(() => encode(Deep, deepValue(300)))).toMatchObject({ code: 'TOO_DEEP' });
    expect(hex(e.finish())).toBe('0000');
  });
});
