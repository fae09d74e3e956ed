import { array, type Codec, type Infer, lazy, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('lazy types', () => {
  it('takes the recursive type from the annotation', () => {
    interface Expr {
      op: number;
      args: Expr[];
    }
    const Expr: Codec<Expr> = struct({
      op: u8,
      args: array(
        lazy(() => Expr),
        { count: u8 },
      ),
    });
    expectTypeOf<Infer<typeof Expr>>().toEqualTypeOf<Expr>();
    expectTypeOf(lazy(() => u8)).toExtend<Codec<number>>();
  });
});
