import { array, decode, encode, optional, StreamDecoder, struct, u8, u16be, when } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, finished, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

describe('when', () => {
  const Rec = struct({ flags: u8 }).field('ext', (s) => when((s.flags & 1) !== 0, u16be));

  it('reads the codec iff the condition holds', () => {
    expect(decode(Rec, bin(1, 0, 7))).toEqual({ flags: 1, ext: 7 });
    expect(decode(Rec, bin(2))).toEqual({ flags: 2, ext: undefined });
  });

  it('round-trips, and refuses a value whose presence contradicts the condition', () => {
    for (const v of [
      { flags: 3, ext: 513 },
      { flags: 0, ext: undefined },
    ]) {
      expect(decode(Rec, encode(Rec, v))).toEqual(v);
    }
    expect(thrown(() => encode(Rec, { flags: 1, ext: undefined }))).toMatchObject({
      code: 'PRESENCE_MISMATCH',
      path: 'ext',
    });
    expect(thrown(() => encode(Rec, { flags: 0, ext: 5 }))).toMatchObject({ code: 'PRESENCE_MISMATCH' });
  });

  it('reports faults inside it with offset and path, the same in any chunking', () => {
    const List = array(Rec, { count: u8 });
    const e = thrown(() => decode(List, bin(3, 0, 1, 0, 9, 1, 0)));
    expect(e).toMatchObject({ code: 'INCOMPLETE', offset: 6, path: '[2].ext' });
    expect(expectChunkInvariant(List, bin(3, 0, 1, 0, 9, 1, 0)).error).toMatchObject({
      offset: 6,
      path: '[2].ext',
    });
    expect(expectChunkInvariant(Rec, bin(0, 1, 0, 9, 2, 1, 0, 1)).records).toHaveLength(4);
  });

  it('gives only DecodeErrors on hostile input', () => {
    const List = array(Rec, { count: u8 });
    fc.assert(
      fc.property(hostileBytes([bin(3, 0, 1, 0, 9, 1, 0, 2)]), (b) => {
        expectChunkInvariant(List, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});

describe('optional', () => {
  const Hello = struct({ version: u8, ext: optional(u16be) });

  it('reads the codec iff bytes remain', () => {
    expect(decode(Hello, bin(1))).toEqual({ version: 1, ext: undefined });
    expect(decode(Hello, bin(1, 0, 2))).toEqual({ version: 1, ext: 2 });
    expect(thrown(() => decode(Hello, bin(1, 0)))).toMatchObject({ code: 'INCOMPLETE', path: 'ext' });
  });

  it('round-trips present and absent values', () => {
    expect(encode(Hello, { version: 1, ext: undefined })).toEqual(bin(1));
    for (const v of [
      { version: 1, ext: undefined },
      { version: 2, ext: 300 },
    ]) {
      expect(decode(Hello, encode(Hello, v))).toEqual(v);
    }
  });

  it('stops at the end of the enclosing section', () => {
    // each item fills a 3-byte section: a u8 and an optional u16 the section may leave out
    const Item = struct({ a: u8, b: optional(u16be) });
    const Items = array(Item, { byteLength: u8 });
    const List = struct({ first: Items, second: Items });
    expect(decode(List, bin(1, 7, 3, 8, 0, 9))).toEqual({
      first: [{ a: 7, b: undefined }],
      second: [{ a: 8, b: 9 }],
    });
  });

  it('in a stream, waits for the end of the input to settle a trailing optional', () => {
    const d = new StreamDecoder(Hello);
    expect(written(d, bin(1))).toEqual([]);
    expect(finished(d)).toEqual([{ version: 1, ext: undefined }]);
    expectChunkInvariant(Hello, bin(1, 0, 2));
    expectChunkInvariant(Hello, bin(1));
    expect(expectChunkInvariant(Hello, bin(1, 0)).error).toMatchObject({ code: 'INCOMPLETE', offset: 1 });
  });

  it('gives only DecodeErrors on hostile input', () => {
    const Items = array(struct({ a: u8, b: optional(u16be) }), { byteLength: u8 });
    fc.assert(
      fc.property(hostileBytes([bin(4, 1, 2, 3, 4, 1, 7)]), (b) => {
        expectChunkInvariant(Items, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});
