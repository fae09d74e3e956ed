import { checksummed, type Infer, struct, u8, u32be } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('checksum types', () => {
  it('has the body type', () => {
    const Rec = checksummed(struct({ a: u8 }), { algorithm: 'crc32', checksum: u32be });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ a: number }>();
    // @ts-expect-error: an algorithm is a name or a function of the segments
    checksummed(u8, { algorithm: 'md5', checksum: u32be });
  });
});
