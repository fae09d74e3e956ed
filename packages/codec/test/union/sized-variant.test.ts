import {
  array,
  decode,
  encode,
  IncompleteError,
  i32be,
  LimitError,
  sized,
  struct,
  TrailingBytesError,
  taggedUnion,
  transform,
  u8,
  u16be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectChunkInvariant, expectStreamProperties, thrown } from '../helpers.js';

/** A length that counts its own 4 bytes (PostgreSQL's). */
const len4 = transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 });
const Auth = taggedUnion(u8, { 0: struct({}), 5: struct({ salt: u16be }), 9: u8 }, { tagKey: 'kind' });
const Message = taggedUnion(u8, {
  1: sized(len4, struct({ a: u8, items: array(u8, { count: u8 }) })),
  2: sized(u8, Auth),
  3: sized(u8, u16be),
});

describe('taggedUnion with sized variants', () => {
  it('merges a sized struct or union next to the tag; any other sized body stays under `value`', () => {
    expect(decode(Message, bin(1, 0, 0, 0, 7, 9, 1, 4))).toEqual({ type: 1, a: 9, items: [4] });
    expect(decode(Message, bin(2, 3, 5, 0, 8))).toEqual({ type: 2, kind: 5, salt: 8 });
    expect(decode(Message, bin(2, 1, 0))).toEqual({ type: 2, kind: 0 });
    expect(decode(Message, bin(2, 2, 9, 7))).toEqual({ type: 2, kind: 9, value: 7 });
    expect(decode(Message, bin(3, 2, 1, 2))).toEqual({ type: 3, value: 258 });
    expect(Object.keys(decode(Message, bin(1, 0, 0, 0, 6, 9, 0)))).toEqual(['type', 'a', 'items']);
  });

  it('encodes a merged variant with the section length in front of its body', () => {
    expect(encode(Message, { type: 1, a: 9, items: [4, 5] })).toEqual(bin(1, 0, 0, 0, 8, 9, 2, 4, 5));
    expect(encode(Message, { type: 2, kind: 5, salt: 8 })).toEqual(bin(2, 3, 5, 0, 8));
    expect(encode(Message, { type: 2, kind: 0 })).toEqual(bin(2, 1, 0));
    expect(encode(Message, { type: 3, value: 258 })).toEqual(bin(3, 2, 1, 2));
  });

  it('round-trips any value, in any chunking', () => {
    const values = fc.oneof(
      fc.record({
        type: fc.constant(1 as const),
        a: fc.integer({ min: 0, max: 255 }),
        items: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }),
      }),
      fc.record({ type: fc.constant(2 as const), kind: fc.constant(5 as const), salt: fc.nat(65535) }),
      fc.record({ type: fc.constant(2 as const), kind: fc.constant(0 as const) }),
      fc.record({ type: fc.constant(2 as const), kind: fc.constant(9 as const), value: fc.nat(255) }),
      fc.record({ type: fc.constant(3 as const), value: fc.nat(65535) }),
    );
    fc.assert(
      fc.property(values, (v) => {
        expect(decode(Message, encode(Message, v))).toEqual(v);
      }),
    );
    expectStreamProperties(Message, values, [bin(1, 0, 0, 0, 7, 9, 1, 4), bin(2, 3, 5, 0, 8, 3, 2, 1, 2)]);
  });

  it("gives a fault inside a merged body the body's path, with no `value` segment", () => {
    const cut = thrown(() => decode(Message, bin(1, 0, 0, 0, 8, 9, 2, 4)));
    expect(cut).toBeInstanceOf(IncompleteError);
    expect(cut).toMatchObject({ path: 'items', offset: 7 });
    // the section ends before the second item (a fixed-size array's bytes are checked first)
    const short = thrown(() => decode(Message, bin(1, 0, 0, 0, 7, 9, 2, 4, 5)));
    expect(short).toBeInstanceOf(LimitError);
    expect(short).toMatchObject({ limit: 'section', path: 'items', offset: 7 });
    expect(thrown(() => decode(Message, bin(2, 3, 7, 0, 8)))).toMatchObject({
      code: 'BAD_TAG',
      path: 'kind',
      offset: 2,
    });
    expect(thrown(() => decode(Message, bin(2, 1, 9)))).toMatchObject({
      limit: 'section',
      path: 'value',
      offset: 3,
    });
    const left = thrown(() => decode(Message, bin(2, 2, 0, 1)));
    expect(left).toBeInstanceOf(TrailingBytesError);
    expect(left).toMatchObject({ path: '', offset: 3 });
    // a non-merged sized body keeps its `value` segment
    expect(thrown(() => decode(Message, bin(3, 3, 1, 2, 3)))).toMatchObject({
      code: 'TRAILING_BYTES',
      path: 'value',
    });
    const Nested = struct({ m: Message });
    expect(thrown(() => decode(Nested, bin(1, 0, 0, 0, 7, 9, 2, 4, 5)))).toMatchObject({
      path: 'm.items',
    });
    expect(expectChunkInvariant(Message, bin(3, 2, 1, 2, 2, 3, 7, 0, 8)).error).toMatchObject({
      code: 'BAD_TAG',
      path: 'kind',
      offset: 6,
    });
  });

  it('raises EncodeError at the body field, with no `value` segment', () => {
    expect(thrown(() => encode(Message, { type: 1, a: 300, items: [] }))).toMatchObject({
      code: 'OUT_OF_RANGE',
      path: 'a',
    });
    expect(thrown(() => encode(Message, { type: 2, kind: 7 } as never))).toMatchObject({
      code: 'BAD_TAG',
      path: 'kind',
    });
  });

  it('refuses a sized body whose value could hold the tag key', () => {
    expect(() => taggedUnion(u8, { 1: sized(u8, struct({ type: u8 })) })).toThrow(/"type", the tag key/);
    // the inner union's own tag key
    expect(() => taggedUnion(u8, { 1: sized(u8, taggedUnion(u8, { 1: struct({}) })) })).toThrow(/tagKey/);
    // a field of an inner variant, and an inner variant's `value`
    const inner = taggedUnion(u8, { 1: struct({ x: u8 }), 2: u8 }, { tagKey: 'k' });
    expect(() => taggedUnion(u8, { 1: sized(u8, inner) }, { tagKey: 'x' })).toThrow(/tagKey/);
    expect(() => taggedUnion(u8, { 1: sized(u8, inner) }, { tagKey: 'value' })).toThrow(/tagKey/);
    const deeper = taggedUnion(u8, { 1: sized(u8, struct({ y: u8 })) }, { tagKey: 'k' });
    expect(() => taggedUnion(u8, { 1: sized(u8, deeper) }, { tagKey: 'y' })).toThrow(/tagKey/);
    expect(() => taggedUnion(u8, { 1: sized(u8, deeper) })).not.toThrow();
  });
});
