/** `offset` and `base` are checked where they are given: a bad one is the caller's mistake. */
import { Decoder, decode, u8 } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { bin } from '../helpers.js';

describe('decode options', () => {
  const bytes = bin(1, 2);

  it('refuse an offset that is negative, NaN, fractional or past the buffer', () => {
    for (const offset of [-5, Number.NaN, 0.5, 3, Number.POSITIVE_INFINITY]) {
      expect(() => decode(u8, bytes, { offset, allowTrailing: true })).toThrow(
        new RangeError(`decode: offset must be an integer in [0, 2], got ${offset}`),
      );
      expect(() => new Decoder(u8, bytes, { offset })).toThrow(RangeError);
    }
    expect(() => decode(u8, bytes, { offset: '1' as never })).toThrow(
      new TypeError('decode: offset must be a number, got string'),
    );
  });

  it('refuse a bad base', () => {
    expect(() => decode(u8, bytes, { base: -1 })).toThrow(RangeError);
    expect(() => new Decoder(u8, bytes, { base: 0.5 })).toThrow(RangeError);
  });

  it('accept every offset in the buffer, its end included', () => {
    expect(decode(u8, bytes, { offset: 1 })).toBe(2);
    expect(new Decoder(u8, bytes, { offset: 2, base: 10 }).done).toBe(true);
  });
});
