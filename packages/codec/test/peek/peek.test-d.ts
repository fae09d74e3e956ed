import { type Infer, peek, struct, u8, u16be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('peek types', () => {
  it('has the peeked codec type', () => {
    const Rec = struct({ next: peek(u16be), tag: u8 });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ next: number; tag: number }>();
  });
});
