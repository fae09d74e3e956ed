import { type Codec, type DecimalCodec, decimal, type Infer, struct } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('decimal types', () => {
  it('decodes to number, or to bigint with bigint: true', () => {
    expectTypeOf(decimal({ until: '\r\n' })).toEqualTypeOf<DecimalCodec<number>>();
    expectTypeOf(decimal({ until: '\r\n', radix: 16, bigint: false })).toEqualTypeOf<DecimalCodec<number>>();
    expectTypeOf(decimal({ until: '\r\n', signed: true, bigint: true })).toEqualTypeOf<
      DecimalCodec<bigint>
    >();
    const flag = Math.random() > 0.5;
    expectTypeOf(decimal({ until: ';', bigint: 'unsafe' })).toEqualTypeOf<DecimalCodec<number | bigint>>();
    expectTypeOf(decimal({ until: ';', bigint: flag })).toExtend<Codec<number | bigint>>();
    const Rec = struct({ a: decimal({ until: ';' }), b: decimal({ until: ';', bigint: true }) });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ a: number; b: bigint }>();
  });

  it('takes radix 10 or 16 only', () => {
    // @ts-expect-error: radix 8 is not supported
    decimal({ until: ';', radix: 8 });
  });
});
