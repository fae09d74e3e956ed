import {
  align,
  ConstantError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  padding,
  struct,
  u8,
  u16le,
  u32le,
  uleb128,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant } from '../helpers.js';

describe('padding', () => {
  it('skips n bytes, leaves them out of the value and writes the fill', () => {
    const Rec = struct({ a: u8, _: padding(3), b: u16le });
    expect(Rec.size).toBe(6);
    expect(decode(Rec, new Uint8Array([1, 9, 9, 9, 2, 0]))).toEqual({ a: 1, b: 2 });
    expect(encode(Rec, { a: 1, b: 2 })).toEqual(new Uint8Array([1, 0, 0, 0, 2, 0]));
    expect(encode(padding(2, 0xff), undefined)).toEqual(new Uint8Array([0xff, 0xff]));
  });

  it('strict padding checks each byte: ConstantError at the first wrong one', () => {
    const Rec = struct({ a: u8, pad: padding(3, 0xff, { strict: true }), b: u8 });
    expect(decode(Rec, new Uint8Array([1, 0xff, 0xff, 0xff, 2]))).toEqual({ a: 1, b: 2 });
    try {
      decode(Rec, new Uint8Array([1, 0xff, 0xfe, 0xff, 2]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConstantError);
      expect(e).toMatchObject({ offset: 2, path: 'pad', expected: 'padding ff', actual: 'fe' });
    }
  });

  it('refuses a bad fill at once, and a bad length when read or written (it may come from the wire)', () => {
    expect(() => decode(padding(-1), new Uint8Array(0))).toThrow(ValidationError);
    expect(() => encode(padding(-1), undefined)).toThrow(EncodeError);
    expect(() => padding(2, 256)).toThrow(TypeError);
    expect(() => align(0)).toThrow(TypeError);
  });
});

describe('align', () => {
  it('skips to the next multiple of n from the record start', () => {
    const Rec = struct({ a: u8, _: align(4), b: u32le, c: u8, __: align(2) });
    expect(Rec.size).toBeUndefined();
    const input = new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0]);
    expect(decode(Rec, input)).toEqual({ a: 1, b: 2, c: 3 });
    expect(encode(Rec, { a: 1, b: 2, c: 3 })).toEqual(input);
    // Counted from the record start, not from the buffer: decoding at offset 1 skips the same.
    expect(decode(Rec, new Uint8Array([7, ...input]), { offset: 1 })).toEqual({ a: 1, b: 2, c: 3 });
    // After a variable-length field the skip depends on the data.
    const V = struct({ n: uleb128, _: align(4), b: u8 });
    expect(decode(V, new Uint8Array([0x81, 0x01, 0, 0, 5]))).toEqual({ n: 129, b: 5 });
    expect(decode(V, new Uint8Array([0x01, 0, 0, 0, 5]))).toEqual({ n: 1, b: 5 });
  });

  it('an aligned record cut short is an IncompleteError', () => {
    expect(() => decode(struct({ a: u8, _: align(8), b: u8 }), new Uint8Array([1, 0, 0]))).toThrow(
      IncompleteError,
    );
  });

  it('each record of a stream aligns from its own start, in any chunking', () => {
    const Rec = struct({ n: uleb128, _: align(4), pad: padding(1, 0, { strict: true }), b: u8 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1, 0x81), { maxLength: 20 }), (a) => {
        expectChunkInvariant(Rec, Uint8Array.from(a), 5);
      }),
      { numRuns: 150 },
    );
  });
});
