import { array, type Infer, struct, tuple, u8, u16be, u64le, u64leNumber } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('struct types', () => {
  it('infers a plain object type from the field table', () => {
    const S = struct({ a: u8, big: u64le, safe: u64leNumber, t: tuple([u8, u16be]), list: array(u8, 3) });
    expectTypeOf<Infer<typeof S>>().toEqualTypeOf<{
      a: number;
      big: bigint;
      safe: number;
      t: [number, number];
      list: number[];
    }>();
  });

  it('types dependent fields from the fields before them', () => {
    const S = struct({ count: u8 }).field('items', (prev) => {
      expectTypeOf(prev).toEqualTypeOf<{ count: number }>();
      return array(u16be, prev.count);
    });
    expectTypeOf<Infer<typeof S>>().toEqualTypeOf<{ count: number; items: number[] }>();
    // @ts-expect-error: no such earlier field
    struct({ count: u8 }).field('items', (prev) => array(u8, prev.missing));
  });
});

describe('dependent fields that branch', () => {
  it('a function returning one of two codecs gives the union of their values', () => {
    const S = struct({ kind: u8 }).field('body', (s) =>
      s.kind === 1 ? struct({ a: u8 }) : struct({ b: u16be }),
    );
    expectTypeOf<Infer<typeof S>>().toEqualTypeOf<{ kind: number; body: { a: number } | { b: number } }>();
  });
});
