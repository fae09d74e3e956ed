import {
  array,
  decode,
  encode,
  IncompleteError,
  i32be,
  LimitError,
  optional,
  StreamDecoder,
  sized,
  struct,
  TrailingBytesError,
  transform,
  u8,
  u16be,
  uleb128,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, shape, thrown, written } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const Body = struct({ a: u8, b: u16be });

describe('sized', () => {
  it('reads a body within a length prefix, a fixed length, or a length decoded earlier', () => {
    expect(decode(sized(u8, Body), bin(3, 1, 0, 2))).toEqual({ a: 1, b: 2 });
    expect(decode(sized(3, Body), bin(1, 0, 2))).toEqual({ a: 1, b: 2 });
    expect(sized(3, Body).size).toBe(3);
    const Msg = struct({ len: u8, kind: u8 }).field('body', (s) => sized(s.len, array(u8, 'toEnd')));
    expect(decode(Msg, bin(2, 7, 5, 6))).toEqual({ len: 2, kind: 7, body: [5, 6] });
  });

  it('round-trips, writing the length before the body', () => {
    expect(encode(sized(u8, Body), { a: 1, b: 2 })).toEqual(bin(3, 1, 0, 2));
    // a length codec without a fixed size goes through a temporary buffer
    const Varlen = sized(uleb128, array(u8, 'toEnd'));
    const long = Array.from({ length: 200 }, (_, i) => i);
    const b = encode(Varlen, long);
    expect([...b.subarray(0, 2)]).toEqual([200, 1]);
    expect(decode(Varlen, b)).toEqual(long);
    // a length that counts itself (PostgreSQL messages)
    const Pg = sized(transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 }), Body);
    expect(encode(Pg, { a: 1, b: 2 })).toEqual(bin(0, 0, 0, 7, 1, 0, 2));
    expect(decode(Pg, bin(0, 0, 0, 7, 1, 0, 2))).toEqual({ a: 1, b: 2 });
    expect(thrown(() => decode(Pg, bin(0, 0, 0, 2)))).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 0,
      actual: '-2',
    });
  });

  it('stops the body at the section end: LimitError `section` with its offset and path', () => {
    const e = thrown(() => decode(struct({ head: u8, body: sized(u8, Body) }), bin(0, 2, 1, 0, 2)));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'section', offset: 3, path: 'body.b' });
    // an inner section longer than the outer one
    const Nested = sized(u8, sized(u8, array(u8, 'toEnd')));
    expect(thrown(() => decode(Nested, bin(2, 5, 1, 1, 1, 1, 1)))).toMatchObject({
      limit: 'section',
      offset: 2,
    });
    // `optional` and `toEnd` stop at the section end
    const Ext = struct({ a: sized(u8, struct({ x: u8, ext: optional(u8) })), tail: u8 });
    expect(decode(Ext, bin(1, 5, 9))).toEqual({ a: { x: 5, ext: undefined }, tail: 9 });
  });

  it('treats unread bytes as trailing by default, or skips them', () => {
    const e = thrown(() => decode(struct({ s: sized(u8, u8) }), bin(3, 1, 9, 9)));
    expect(e).toBeInstanceOf(TrailingBytesError);
    expect(e).toMatchObject({
      offset: 2,
      path: 's',
      expected: 'the end of the section',
      actual: '2 more bytes',
    });
    const Skip = sized(u8, u8, { rest: 'skip' });
    expect(decode(Skip, bin(3, 1, 9, 9))).toBe(1);
    expect(encode(Skip, 1)).toEqual(bin(1, 1));
    const Fixed = sized(3, u8, { rest: 'skip' });
    expect(encode(Fixed, 7)).toEqual(bin(7, 0, 0));
    expect(thrown(() => encode(sized(3, u8), 7))).toMatchObject({ code: 'WRONG_LENGTH' });
    expect(thrown(() => encode(sized(1, u16be, { rest: 'skip' }), 7))).toMatchObject({
      code: 'WRONG_LENGTH',
    });
  });

  it('is incomplete, not trailing, when the section runs past the input', () => {
    const e = thrown(() => decode(sized(u8, array(u8, 'toEnd')), bin(5, 1, 2)));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ offset: 3, needed: 3 });
    // and a hostile length past maxRecordBytes is a LimitError, without waiting for the bytes
    const Big = sized(i32be, array(u8, 'toEnd'));
    expect(
      thrown(() => decode(Big, bin(0x7f, 0, 0, 0, 1), { limits: { maxRecordBytes: 64 } })),
    ).toMatchObject({
      limit: 'maxRecordBytes',
    });
    expect(thrown(() => decode(Big, bin(0xff, 0, 0, 0)))).toBeInstanceOf(ValidationError);
  });

  it('rejects a section past the record limit as soon as its length is read, in a stream too', () => {
    const S = struct({ s: sized(u8, u8), t: u8 });
    const input = bin(9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5);
    const limits = { maxRecordBytes: 4 };
    const flat = shape(thrown(() => decode(S, input, { limits })));
    expect(flat).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 1, path: 's' });
    const d = new StreamDecoder(S, { limits });
    // The first byte (the length) is enough: nothing waits for the section's bytes.
    expect(shape(thrown(() => written(d, bin(9))))).toEqual(flat);
  });

  it('raises EncodeError when the length codec cannot hold the length', () => {
    const e = thrown(() =>
      encode(struct({ s: sized(u8, array(u8, 'toEnd')) }), { s: new Array(300).fill(0) }),
    );
    expect(e).toMatchObject({ code: 'OUT_OF_RANGE', path: 's' });
  });

  it('gives the same records and errors in any chunking, and only DecodeErrors', () => {
    const Msg = struct({ len: u8 }).field('body', (s) =>
      sized(s.len, struct({ a: u8, ext: optional(u16be) })),
    );
    expect(expectChunkInvariant(Msg, bin(1, 5, 3, 6, 0, 1, 1, 7)).records).toHaveLength(3);
    expect(expectChunkInvariant(Msg, bin(1, 5, 4, 6, 0, 1, 9)).error).toMatchObject({
      code: 'TRAILING_BYTES',
      offset: 6,
      path: 'body',
    });
    expect(expectChunkInvariant(Msg, bin(1, 5, 2, 6, 0)).error).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      offset: 4,
      path: 'body.ext',
    });
    const Skip = struct({ len: u8 }).field('body', (s) => sized(s.len, u8, { rest: 'skip' }));
    expect(expectChunkInvariant(Skip, bin(3, 1, 2, 3, 1, 4)).records).toEqual([
      { len: 3, body: 1 },
      { len: 1, body: 4 },
    ]);
    fc.assert(
      fc.property(hostileBytes([bin(1, 5, 3, 6, 0, 1, 1, 7), bin(3, 1, 2, 3, 1, 4)]), (b) => {
        expectChunkInvariant(Msg, b, 3);
        expectChunkInvariant(Skip, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});
