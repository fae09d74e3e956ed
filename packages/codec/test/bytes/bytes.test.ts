import {
  array,
  bytes,
  bytesOf,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  i8,
  LimitError,
  StreamDecoder,
  struct,
  u8,
  u16le,
  u32be,
  uleb128,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, finished, thrown, written } from '../helpers.js';

describe('bytes', () => {
  it('bytes(n) is a fixed-size view of the input', () => {
    const Rec = struct({ tag: u8, id: bytes(4), n: u16le });
    expect(Rec.size).toBe(7);
    const input = new Uint8Array([9, 1, 2, 3, 4, 5, 0]);
    const r = decode(Rec, input);
    expect(r).toEqual({ tag: 9, id: new Uint8Array([1, 2, 3, 4]), n: 5 });
    expect(r.id.buffer).toBe(input.buffer);
    expect(r.id.byteOffset).toBe(1);
    expect(encode(Rec, r)).toEqual(input);
    const top = decode(bytes(3), input.subarray(2, 5));
    expect(top.buffer).toBe(input.buffer);
  });

  it('bytes(prefix) reads a length, then that many bytes as a view', () => {
    const input = new Uint8Array([0, 0, 0, 3, 7, 8, 9]);
    const v = decode(bytes(u32be), input);
    expect(v).toEqual(new Uint8Array([7, 8, 9]));
    expect(v.buffer).toBe(input.buffer);
    expect(encode(bytes(u32be), v)).toEqual(input);
    expect(encode(bytes(uleb128), new Uint8Array(200)).subarray(0, 3)).toEqual(
      new Uint8Array([0xc8, 0x01, 0]),
    );
  });

  it('encodes fields larger than the initial buffer', () => {
    const big = new Uint8Array(1000).fill(7);
    const Rec = struct({ head: bytes(uleb128), body: bytes(u16le), tail: bytes('toEnd') });
    expect(decode(Rec, encode(Rec, { head: big, body: big, tail: big }))).toEqual({
      head: big,
      body: big,
      tail: big,
    });
  });

  it('a hostile length is a LimitError or IncompleteError, never an allocation', () => {
    const e = thrown(() =>
      decode(struct({ body: bytes(u32be) }), new Uint8Array([0xff, 0xff, 0xff, 0xff, 1])),
    );
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxRecordBytes', offset: 4, path: 'body' });
    const short = thrown(() => decode(bytes(u32be), new Uint8Array([0, 0, 1, 0, 1, 2])));
    expect(short).toBeInstanceOf(IncompleteError);
    expect(short).toMatchObject({ offset: 4, needed: 254 });
  });

  it("bytes('toEnd') takes the rest of the section or of the input", () => {
    expect(decode(bytes('toEnd'), new Uint8Array([1, 2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
    expect(decode(bytes('toEnd'), new Uint8Array(0))).toEqual(new Uint8Array(0));
    const Rec = struct({ n: u8, rest: bytes('toEnd') });
    expect(decode(Rec, new Uint8Array([4, 5]))).toEqual({ n: 4, rest: new Uint8Array([5]) });
    // Inside a section (here an array's byte length) it stops at the section's end.
    const Sized = struct({ parts: array(bytes('toEnd'), { byteLength: u8 }), after: u8 });
    expect(decode(Sized, new Uint8Array([2, 1, 2, 3]))).toEqual({
      parts: [new Uint8Array([1, 2])],
      after: 3,
    });
    expect(encode(Rec, { n: 1, rest: new Uint8Array([2, 3]) })).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("bytes('toEnd') in a stream waits for the end of the stream, and respects maxRecordBytes", () => {
    const d = new StreamDecoder(bytes('toEnd'), { limits: { maxRecordBytes: 4 } });
    expect(written(d, new Uint8Array([1, 2]))).toEqual([]);
    // Nothing to retry before the stream ends or passes the limit.
    expect(d.needed).toBe(3);
    expect(written(d, new Uint8Array([3, 4]))).toEqual([]);
    expect(finished(d)).toEqual([new Uint8Array([1, 2, 3, 4])]);
    const over = new StreamDecoder(bytes('toEnd'), { limits: { maxRecordBytes: 4 } });
    written(over, new Uint8Array([1, 2, 3]));
    expect(() => written(over, new Uint8Array([4, 5]))).toThrow(LimitError);
    expect(() => decode(bytes('toEnd'), new Uint8Array(5), { limits: { maxRecordBytes: 4 } })).toThrow(
      LimitError,
    );
  });

  it('refuses to encode the wrong length or a non-Uint8Array', () => {
    expect(() => encode(bytes(2), new Uint8Array(3))).toThrow(EncodeError);
    expect(() => encode(struct({ b: bytes(2) }), { b: [1, 2] as never })).toThrow(/b: /);
    expect(() => encode(bytes(u8), new Uint8Array(256))).toThrow(EncodeError);
    expect(() => encode(bytes('toEnd'), 'ab' as never)).toThrow(EncodeError);
  });

  it('a length that is not a count is a ValidationError', () => {
    const e = thrown(() => decode(struct({ a: u8, b: bytes(i8) }), new Uint8Array([0, 0xff])));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 1, path: 'b' });
  });

  it('any chunking of any bytes gives the same records and errors', () => {
    const Rec = struct({ a: bytes(2), b: bytes(u8), c: u8 });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 24 }).map((b) => b.map((x) => x % 6)),
        (b) => {
          expectChunkInvariant(Rec, b, 5);
        },
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        expectChunkInvariant(struct({ n: u8, rest: bytes('toEnd') }), b, 5);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips', () => {
    const Rec = struct({ a: bytes(3), b: bytes(u16le), c: bytes('toEnd') });
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 3, maxLength: 3 }),
        fc.uint8Array(),
        fc.uint8Array(),
        (a, b, c) => {
          const v = { a, b, c };
          expect(decode(Rec, encode(Rec, v))).toEqual(v);
        },
      ),
    );
  });

  it('bytesOf makes bytes from a string of byte values or a list', () => {
    expect(bytesOf('\x89PN')).toEqual(new Uint8Array([0x89, 0x50, 0x4e]));
    expect(bytesOf([1, 255])).toEqual(new Uint8Array([1, 255]));
    expect(() => bytesOf('€')).toThrow(TypeError);
    expect(() => bytesOf([256])).toThrow(TypeError);
    // A length that is no length spec at all is refused at once (a bad number only when read: hostile.test.ts).
    expect(() => bytes('rest' as never)).toThrow(TypeError);
  });
});
