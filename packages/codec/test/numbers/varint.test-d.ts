import {
  type Infer,
  type sleb128,
  type sleb128Big,
  struct,
  uleb128,
  type uleb128Big,
  type zigzag,
  zigzagBig,
} from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('varint types', () => {
  it('number codecs decode to number, Big ones to bigint', () => {
    expectTypeOf<Infer<typeof uleb128>>().toEqualTypeOf<number>();
    expectTypeOf<Infer<typeof sleb128>>().toEqualTypeOf<number>();
    expectTypeOf<Infer<typeof zigzag>>().toEqualTypeOf<number>();
    expectTypeOf<Infer<typeof uleb128Big>>().toEqualTypeOf<bigint>();
    expectTypeOf<Infer<typeof sleb128Big>>().toEqualTypeOf<bigint>();
    expectTypeOf<Infer<typeof zigzagBig>>().toEqualTypeOf<bigint>();
    const Rec = struct({ len: uleb128, id: zigzagBig });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ len: number; id: bigint }>();
  });
});
