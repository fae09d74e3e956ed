import type { Infer } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';
import type { Frame, Item } from '../../examples/codec/strd.js';

describe('examples/codec/strd.ts types', () => {
  it('infers the frame and a discriminated union of items', () => {
    type Items = Infer<typeof Item>;
    expectTypeOf<Items>().toEqualTypeOf<
      { kind: 1; id: number; name: string } | { kind: 2; x: number; y: number }
    >();
    expectTypeOf<Infer<typeof Frame>>().toEqualTypeOf<{
      version: 1;
      flags: { compressed: boolean; encrypted: boolean; reserved: number };
      count: number;
      items: Items[];
    }>();
  });
});
