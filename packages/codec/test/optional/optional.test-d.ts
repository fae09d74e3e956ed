import { type Infer, optional, struct, u8, u16be, when } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('optional types', () => {
  it('adds undefined to the value type', () => {
    const Rec = struct({ flags: u8, tail: optional(u8) }).field('ext', (s) => when(s.flags === 1, u16be));
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{
      flags: number;
      tail: number | undefined;
      ext: number | undefined;
    }>();
  });
});
