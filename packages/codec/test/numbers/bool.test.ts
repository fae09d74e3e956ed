import { bool, bool8, decode, EncodeError, encode, struct, u8, ValidationError } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant } from '../helpers.js';

describe('bool', () => {
  it('reads 0 and 1, writes them back, and has size 1', () => {
    expect(bool.size).toBe(1);
    expect(decode(bool, new Uint8Array([0]))).toBe(false);
    expect(decode(bool, new Uint8Array([1]))).toBe(true);
    expect(encode(bool, true)).toEqual(new Uint8Array([1]));
    expect(encode(bool, false)).toEqual(new Uint8Array([0]));
  });

  it('refuses other bytes with a ValidationError at their offset and path', () => {
    const Rec = struct({ a: u8, flag: bool });
    expect(() => decode(Rec, new Uint8Array([7, 2]))).toThrow(ValidationError);
    try {
      decode(Rec, new Uint8Array([7, 0xff]));
    } catch (e) {
      expect(e).toMatchObject({ offset: 1, path: 'flag', expected: '0 or 1', actual: '255' });
    }
  });

  it('bool8({ strict: false }) reads any non-zero byte as true', () => {
    const loose = bool8({ strict: false });
    expect(decode(loose, new Uint8Array([0x80]))).toBe(true);
    expect(decode(loose, new Uint8Array([0]))).toBe(false);
    expect(encode(loose, true)).toEqual(new Uint8Array([1]));
  });

  it('refuses to encode anything but a boolean', () => {
    expect(() => encode(bool, 1 as never)).toThrow(EncodeError);
    expect(() => encode(struct({ b: bool }), { b: 'yes' as never })).toThrow(/b: /);
  });

  it('any chunking of any bytes gives the same records and errors', () => {
    const Rec = struct({ a: bool, b: bool8({ strict: false }), c: u8 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 12 }), (a) => {
        expectChunkInvariant(Rec, Uint8Array.from(a), 5);
      }),
      { numRuns: 100 },
    );
  });
});
