import { align, bytes, type Infer, magic, padding, struct, u8, u16be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('bytes types', () => {
  it('byte fields decode to Uint8Array', () => {
    expectTypeOf<Infer<ReturnType<typeof bytes>>>().toEqualTypeOf<Uint8Array>();
    expectTypeOf(bytes(u16be)).toExtend<{ size: number | undefined }>();
  });

  it('magic, padding and align decode to void and are left out of struct values', () => {
    expectTypeOf<Infer<ReturnType<typeof magic>>>().toEqualTypeOf<void>();
    expectTypeOf<Infer<ReturnType<typeof padding>>>().toEqualTypeOf<void>();
    expectTypeOf<Infer<ReturnType<typeof align>>>().toEqualTypeOf<void>();
    const Rec = struct({ sig: magic('AB'), a: u8, _: padding(1), __: align(4), body: bytes(4) });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ a: number; body: Uint8Array }>();
    const Dep = struct({ n: u8 })
      .field('m', magic('X'))
      .field('data', (s) => bytes(s.n));
    expectTypeOf<Infer<typeof Dep>>().toEqualTypeOf<{ n: number; data: Uint8Array }>();
  });
});
