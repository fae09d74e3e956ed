import { bool, type bool8, type Infer, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('bool types', () => {
  it('decodes to boolean, in structs too', () => {
    expectTypeOf<Infer<typeof bool>>().toEqualTypeOf<boolean>();
    expectTypeOf<Infer<ReturnType<typeof bool8>>>().toEqualTypeOf<boolean>();
    const Rec = struct({ on: bool, n: u8 });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ on: boolean; n: number }>();
  });
});
