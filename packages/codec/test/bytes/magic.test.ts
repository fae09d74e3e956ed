import {
  bytesOf,
  ConstantError,
  decode,
  encode,
  IncompleteError,
  magic,
  struct,
  u8,
  u32be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, thrown } from '../helpers.js';

const PNG = '\x89PNG\r\n\x1a\n';

describe('magic', () => {
  const Header = struct({ sig: magic(PNG), width: u32be });

  it('checks the constant, leaves it out of the value and writes it back', () => {
    expect(Header.size).toBe(12);
    const input = new Uint8Array([...bytesOf(PNG), 0, 0, 1, 0]);
    expect(decode(Header, input)).toEqual({ width: 256 });
    expect(encode(Header, { width: 256 })).toEqual(input);
    expect(decode(magic(bytesOf([0xca, 0xfe])), new Uint8Array([0xca, 0xfe]))).toBeUndefined();
  });

  it('a mismatch is a ConstantError at the constant, with both values in hex', () => {
    const e = thrown(() => decode(Header, new Uint8Array([...bytesOf('\x89PNH\r\n\x1a\n'), 0, 0, 0, 1])));
    expect(e).toBeInstanceOf(ConstantError);
    expect(e).toMatchObject({
      code: 'BAD_CONSTANT',
      offset: 0,
      path: 'sig',
      expected: '89 50 4e 47 0d 0a 1a 0a',
      actual: '89 50 4e 48 0d 0a 1a 0a',
    });
    const riff = thrown(() =>
      decode(struct({ n: u8, id: magic('RIFF') }), new Uint8Array([1, 82, 73, 70, 88])),
    );
    expect(riff).toMatchObject({
      offset: 1,
      path: 'id',
      expected: '52 49 46 46 ("RIFF")',
      actual: '52 49 46 58 ("RIFX")',
    });
    expect(String((riff as Error).message)).toMatch(
      /expected 52 49 46 46 \("RIFF"\), got 52 49 46 58 \("RIFX"\)/,
    );
  });

  it('a constant cut short is an IncompleteError', () => {
    expect(() => decode(Header, bytesOf('\x89PN'))).toThrow(IncompleteError);
  });

  it('long constants compile to a loop and behave the same', () => {
    const long = magic(bytesOf(Array.from({ length: 40 }, (_, i) => i)));
    const input = bytesOf(Array.from({ length: 40 }, (_, i) => i));
    expect(decode(long, input)).toBeUndefined();
    input[39] = 0;
    expect(() => decode(long, input)).toThrow(ConstantError);
    expect(encode(long, undefined)).toEqual(bytesOf(Array.from({ length: 40 }, (_, i) => i)));
  });

  it('any chunking of any bytes gives the same records and errors', () => {
    const Rec = struct({ id: magic('AB'), n: u8 });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0x41, 0x42, 0x43), { maxLength: 16 }), (a) => {
        expectChunkInvariant(Rec, Uint8Array.from(a), 5);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses an empty constant or a non-byte character', () => {
    expect(() => magic('')).toThrow(TypeError);
    expect(() => magic('€')).toThrow(TypeError);
  });
});
