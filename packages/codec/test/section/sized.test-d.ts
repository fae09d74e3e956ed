import { type Infer, sized, struct, u8, u16be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('sized types', () => {
  it('has the body type', () => {
    const Msg = struct({ len: u8 }).field('body', (s) => sized(s.len, struct({ a: u16be })));
    expectTypeOf<Infer<typeof Msg>>().toEqualTypeOf<{ len: number; body: { a: number } }>();
  });
});
