import { bytes, decimal, type Infer, i32be, nullable, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('nullable types', () => {
  it('adds null to the value type', () => {
    expectTypeOf<Infer<ReturnType<typeof nullable<number>>>>().toEqualTypeOf<number | null>();
    const Row = struct({ n: u8, column: nullable(bytes(i32be), [0xff, 0xff, 0xff, 0xff]) });
    expectTypeOf<Infer<typeof Row>>().toEqualTypeOf<{ n: number; column: Uint8Array | null }>();
    expectTypeOf<Infer<ReturnType<typeof nullable<bigint>>>>().toEqualTypeOf<bigint | null>();
    expectTypeOf(nullable(decimal({ until: '\r\n' }), '-1\r\n')).toExtend<{ sentinel: Uint8Array }>();
  });
});
