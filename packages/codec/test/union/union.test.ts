import {
  array,
  decode,
  defineCodec,
  EncodeError,
  encode,
  IncompleteError,
  select,
  struct,
  TagError,
  taggedUnion,
  u8,
  u16be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, thrown } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const Circle = struct({ r: u8 });
const Rect = struct({ w: u8, h: u8 });
const Shape = taggedUnion(u8, { 1: Circle, 2: Rect, 3: u16be });

/** Four ASCII characters, a string tag (PNG chunk types, RIFF ids). */
const fourCC = defineCodec<string>({
  name: 'fourCC',
  size: 4,
  read: (st) => String.fromCharCode(...st.bytes(4)),
  write: (w, v) => {
    if (!/^[\x20-\x7e]{4}$/.test(v)) throw new EncodeError('OUT_OF_RANGE', 'fourCC: 4 ASCII characters');
    w.bytes(Uint8Array.from(v, (c) => c.charCodeAt(0)));
  },
});

describe('taggedUnion', () => {
  it('decodes each variant: struct fields next to the tag, other values under `value`', () => {
    expect(decode(Shape, bin(1, 5))).toEqual({ type: 1, r: 5 });
    expect(decode(Shape, bin(2, 3, 4))).toEqual({ type: 2, w: 3, h: 4 });
    expect(decode(Shape, bin(3, 1, 2))).toEqual({ type: 3, value: 258 });
    // the tag comes first in the object, then the variant's fields in schema order
    expect(Object.keys(decode(Shape, bin(2, 3, 4)))).toEqual(['type', 'w', 'h']);
  });

  it('narrows on the tag', () => {
    const s = decode(Shape, bin(2, 3, 4));
    const area = s.type === 2 ? s.w * s.h : s.type === 1 ? 3 * s.r * s.r : s.value;
    expect(area).toBe(12);
  });

  it('round-trips every variant, picking it by the tag key', () => {
    for (const v of [
      { type: 1, r: 9 },
      { type: 2, w: 1, h: 2 },
      { type: 3, value: 65535 },
    ] as const) {
      expect(decode(Shape, encode(Shape, v))).toEqual(v);
    }
    expect(encode(Shape, { type: 2, w: 7, h: 8 })).toEqual(bin(2, 7, 8));
  });

  it('raises TagError for an unknown tag, under the tag key', () => {
    const e = thrown(() => decode(Shape, bin(9, 1)));
    expect(e).toBeInstanceOf(TagError);
    expect(e).toMatchObject({ code: 'BAD_TAG', offset: 0, path: 'type', expected: '1, 2, 3', actual: '9' });
    expect(e.message).toBe('type: unknown tag 9; expected one of 1, 2, 3 at byte 0 (bytes from 0: 09)');
  });

  it('gives a variant fault no path segment of its own (its fields are the record fields)', () => {
    const List = struct({ n: u8 }).field('items', (s) => array(Shape, s.n));
    // items[0] is a circle, items[1] a rectangle cut short
    const e = thrown(() => decode(List, bin(2, 1, 5, 2, 3)));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ path: 'items[1].h', offset: 5 });
    expect(thrown(() => decode(List, bin(2, 1, 5, 3, 1)))).toMatchObject({
      path: 'items[1].value',
      offset: 4,
    });
    expect(thrown(() => decode(List, bin(4, 1, 5, 1, 6, 2, 1, 1, 7)))).toMatchObject({
      code: 'BAD_TAG',
      path: 'items[3].type',
      offset: 8,
    });
  });

  it('takes string tags from a tag codec that decodes strings', () => {
    const Chunk = taggedUnion(fourCC, { IHDR: struct({ width: u8 }), IEND: struct({}) });
    expect(decode(Chunk, bin(73, 72, 68, 82, 7))).toEqual({ type: 'IHDR', width: 7 });
    expect(decode(Chunk, encode(Chunk, { type: 'IEND' }))).toEqual({ type: 'IEND' });
    expect(thrown(() => decode(Chunk, bin(65, 66, 67, 68)))).toMatchObject({
      code: 'BAD_TAG',
      expected: '"IHDR", "IEND"',
      actual: '"ABCD"',
      offset: 0,
    });
  });

  it('puts the tag under tagKey', () => {
    const U = taggedUnion(u8, { 0: struct({ a: u8 }) }, { tagKey: 'kind' });
    expect(decode(U, bin(0, 4))).toEqual({ kind: 0, a: 4 });
    expect(encode(U, { kind: 0, a: 4 })).toEqual(bin(0, 4));
    expect(thrown(() => decode(U, bin(1)))).toMatchObject({ path: 'kind' });
  });

  it('reads unknown tags with the default variant, keeping the tag', () => {
    const U = taggedUnion(u8, { 1: Circle }, { default: struct({ raw: u16be }) });
    expect(decode(U, bin(1, 2))).toEqual({ type: 1, r: 2 });
    expect(decode(U, bin(200, 0, 5))).toEqual({ type: 200, raw: 5 });
    expect(encode(U, { type: 200, raw: 5 })).toEqual(bin(200, 0, 5));
  });

  it('refuses a variant field that clashes with the tag key', () => {
    expect(() => taggedUnion(u8, { 1: struct({ type: u8 }) })).toThrow(/tagKey/);
    expect(() => taggedUnion(u8, { 1: u8 }, { tagKey: 'value' })).toThrow(/tagKey/);
    // a key of the prototype is not a variant
    expect(thrown(() => encode(Shape, { type: 'constructor' } as never))).toMatchObject({ code: 'BAD_TAG' });
  });

  it('raises EncodeError for values no variant takes, with the path', () => {
    expect(thrown(() => encode(Shape, { type: 4 } as never))).toMatchObject({
      code: 'BAD_TAG',
      path: 'type',
      message: 'type: no variant for tag 4; expected one of 1, 2, 3',
    });
    expect(thrown(() => encode(Shape, null as never))).toMatchObject({ code: 'NOT_AN_OBJECT' });
    expect(thrown(() => encode(Shape, { type: 2, w: 300, h: 1 }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'w',
    });
    expect(thrown(() => encode(Shape, { type: 3, value: -1 }))).toMatchObject({ path: 'value' });
    const S = struct({ shapes: array(Shape, 2) });
    const e = thrown(() =>
      encode(S, {
        shapes: [
          { type: 1, r: 1 },
          { type: 2, w: 1, h: 256 },
        ],
      }),
    );
    expect(e).toBeInstanceOf(EncodeError);
    expect(e.path).toBe('shapes[1].h');
  });

  it('gives the same records and errors in any chunking', () => {
    const records = [bin(1, 5), bin(2, 3, 4), bin(3, 1, 2), bin(1, 0)];
    const all = Uint8Array.from(records.flatMap((r) => [...r]));
    expect(expectChunkInvariant(Shape, all).records).toHaveLength(4);
    // an unknown tag in the third record, and a record cut short at the end
    expect(expectChunkInvariant(Shape, bin(1, 5, 2, 3, 4, 7, 1)).error).toMatchObject({
      code: 'BAD_TAG',
      offset: 5,
    });
    expect(expectChunkInvariant(Shape, bin(1, 5, 2, 3)).error).toMatchObject({
      code: 'INCOMPLETE',
      offset: 4,
      path: 'h',
    });
  });

  it('gives only DecodeErrors on hostile input', () => {
    const Nested = struct({ n: u8 }).field('items', (s) => array(Shape, s.n));
    fc.assert(
      fc.property(hostileBytes([bin(3, 1, 5, 2, 3, 4, 3, 0, 1)]), (b) => {
        expectChunkInvariant(Nested, b, 3);
      }),
      { numRuns: 150 },
    );
  });
});

describe('select', () => {
  const Msg = struct({ kind: u8, len: u8 }).field('body', (s) => select(s.kind, { 1: u8, 2: u16be }));

  it('picks the codec by a value decoded earlier', () => {
    expect(decode(Msg, bin(1, 1, 9))).toEqual({ kind: 1, len: 1, body: 9 });
    expect(decode(Msg, bin(2, 2, 1, 0))).toEqual({ kind: 2, len: 2, body: 256 });
    expect(decode(Msg, encode(Msg, { kind: 2, len: 2, body: 513 }))).toEqual({ kind: 2, len: 2, body: 513 });
  });

  it('raises TagError at the field position when nothing matches', () => {
    const e = thrown(() => decode(Msg, bin(5, 0)));
    expect(e).toBeInstanceOf(TagError);
    expect(e).toMatchObject({ offset: 2, path: 'body', expected: '1, 2', actual: '5' });
    expect(thrown(() => encode(Msg, { kind: 5, len: 0, body: 0 }))).toMatchObject({
      code: 'BAD_TAG',
      path: 'body',
    });
    const List = array(Msg, { count: u8 });
    expect(expectChunkInvariant(List, bin(3, 1, 1, 9, 2, 2, 0, 1, 6, 0)).error).toMatchObject({
      code: 'BAD_TAG',
      offset: 10,
      path: '[2].body',
    });
  });

  it('uses the fallback for values not in the table', () => {
    const M = struct({ kind: u8 }).field('body', (s) => select(s.kind, { 1: u16be }, u8));
    expect(decode(M, bin(1, 0, 1))).toEqual({ kind: 1, body: 1 });
    expect(decode(M, bin(7, 1))).toEqual({ kind: 7, body: 1 });
    expect(encode(M, { kind: 7, body: 1 })).toEqual(bin(7, 1));
  });

  it('gives only DecodeErrors on hostile input', () => {
    fc.assert(
      fc.property(hostileBytes([bin(1, 1, 9, 2, 2, 1, 0)]), (b) => {
        expectChunkInvariant(Msg, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});
