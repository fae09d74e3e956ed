import { bits, bool, type Infer, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('bits types', () => {
  it('infers one number per field, boolean for bool', () => {
    const B = bits({ a: 1, b: 3, c: 4 });
    expectTypeOf<Infer<typeof B>>().toEqualTypeOf<{ a: number; b: number; c: number }>();
    const Flags = bits({ syn: bool, ack: bool, window: 14 }, { order: 'lsb' });
    expectTypeOf<Infer<typeof Flags>>().toEqualTypeOf<{ syn: boolean; ack: boolean; window: number }>();
    const Rec = struct({ t: u8, h: B });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ t: number; h: { a: number; b: number; c: number } }>();
  });
});
