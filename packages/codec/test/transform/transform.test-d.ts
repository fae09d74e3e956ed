import { type Infer, literal, refine, struct, transform, u8, u32be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('transform types', () => {
  it('infers mapped, refined and literal types', () => {
    const Time = transform(u32be, { decode: (s) => new Date(s * 1000), encode: (d) => d.getTime() / 1000 });
    expectTypeOf<Infer<typeof Time>>().toEqualTypeOf<Date>();
    const Positive = refine(u8, (v) => v > 0, 'a positive number');
    expectTypeOf<Infer<typeof Positive>>().toEqualTypeOf<number>();
    const Version = refine(u8, (v): v is 1 | 2 => v === 1 || v === 2, '1 or 2');
    expectTypeOf<Infer<typeof Version>>().toEqualTypeOf<1 | 2>();
    const H = struct({ magic: literal(u8, 0x89), flag: literal(u8, 1), at: Time });
    expectTypeOf<Infer<typeof H>>().toEqualTypeOf<{ magic: 137; flag: 1; at: Date }>();
    // @ts-expect-error: a literal must be a value of the codec's type
    literal(u8, 'x');
  });
});
