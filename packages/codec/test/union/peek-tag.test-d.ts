import { bits, type Infer, peekTag, struct, taggedUnion, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('peekTag types', () => {
  const Publish = struct({ header: bits({ type: 4, qos: 2, flags: 2 }) });
  const PingReq = struct({ header: bits({ type: 4, flags: 4 }) });

  it('tags a union with what its function returns', () => {
    const Packet = taggedUnion(
      peekTag(u8, (b) => b >> 4),
      { 3: Publish, 12: PingReq },
    );
    expectTypeOf<Infer<typeof Packet>>().toEqualTypeOf<
      | { type: 3; header: { type: number; qos: number; flags: number } }
      | { type: 12; header: { type: number; flags: number } }
    >();
    const Named = taggedUnion(
      peekTag(u8, (b) => (b === 1 ? 'one' : 'other')),
      { one: Publish, other: PingReq },
    );
    expectTypeOf<Infer<typeof Named>['type']>().toEqualTypeOf<'one' | 'other'>();
  });

  it('accepts only table keys the function can return', () => {
    const high = peekTag(u8, (b) => b >> 4);
    // @ts-expect-error: 'x' is not a number
    taggedUnion(high, { x: Publish });
    // @ts-expect-error: the function must return a number or a string
    peekTag(u8, (b) => b > 1);
  });
});
