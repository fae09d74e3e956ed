import {
  type Codec,
  type Infer,
  i32be,
  type SizedCodec,
  select,
  sized,
  struct,
  taggedUnion,
  transform,
  u8,
  u16be,
} from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

declare const fourCC: Codec<string>;
declare const kind: Codec<'a' | 'b'>;

describe('union types', () => {
  const Circle = struct({ r: u8 });
  const Rect = struct({ w: u8, h: u8 });

  it('infers a discriminated union, non-struct variants under `value`', () => {
    const Shape = taggedUnion(u8, { 1: Circle, 2: Rect, 3: u16be });
    type Shape = Infer<typeof Shape>;
    expectTypeOf<Shape>().toEqualTypeOf<
      { type: 1; r: number } | { type: 2; w: number; h: number } | { type: 3; value: number }
    >();
    const s = {} as Shape;
    if (s.type === 2) expectTypeOf(s).toEqualTypeOf<{ type: 2; w: number; h: number }>();
    else if (s.type === 3) expectTypeOf(s.value).toBeNumber();
    else expectTypeOf(s).toEqualTypeOf<{ type: 1; r: number }>();
  });

  it('types string tags, tagKey and the default variant', () => {
    const Chunk = taggedUnion(fourCC, { IHDR: Rect, IEND: struct({}) }, { tagKey: 'kind' });
    expectTypeOf<Infer<typeof Chunk>>().toEqualTypeOf<
      { kind: 'IHDR'; w: number; h: number } | { kind: 'IEND' }
    >();
    const U = taggedUnion(u8, { 1: Circle }, { default: struct({ raw: u8 }) });
    expectTypeOf<Infer<typeof U>>().toEqualTypeOf<{ type: 1; r: number } | { type: number; raw: number }>();
  });

  it('accepts only table keys the tag codec can decode', () => {
    taggedUnion(kind, { a: Circle, b: Rect });
    // @ts-expect-error: 'c' is not a tag of `kind`
    taggedUnion(kind, { a: Circle, c: Rect });
    // @ts-expect-error: a numeric tag codec has no tag 'x'
    taggedUnion(u8, { x: Circle });
  });

  it('types select as the union of the table (and the fallback)', () => {
    const M = struct({ kind: u8 }).field('body', (s) => select(s.kind, { 1: Circle, 2: u16be }));
    expectTypeOf<Infer<typeof M>>().toEqualTypeOf<{ kind: number; body: { r: number } | number }>();
    expectTypeOf(select(1, { 1: u8 }, Circle)).toEqualTypeOf<Codec<number | { r: number }>>();
  });

  it('merges a sized struct or union variant next to the tag, any other sized body under `value`', () => {
    const len4 = transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 });
    const Auth = taggedUnion(u8, { 0: struct({}), 5: struct({ salt: u16be }), 9: u8 }, { tagKey: 'kind' });
    const Message = taggedUnion(u8, {
      1: sized(len4, Rect),
      2: sized(u8, Auth),
      3: sized(u8, u16be),
    });
    expectTypeOf<Infer<typeof Message>>().toEqualTypeOf<
      | { type: 1; w: number; h: number }
      | { type: 2; kind: 0 }
      | { type: 2; kind: 5; salt: number }
      | { type: 2; kind: 9; value: number }
      | { type: 3; value: number }
    >();
    expectTypeOf(sized(u8, Rect)).toEqualTypeOf<SizedCodec<{ w: number; h: number }, typeof Rect>>();
  });
});
