import { type cstring, type Infer, string, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('string types', () => {
  it('string codecs decode to string', () => {
    expectTypeOf<Infer<typeof cstring>>().toEqualTypeOf<string>();
    const Rec = struct({ name: string(u8, { encoding: 'latin1' }), tag: string(4, { pad: 0 }) });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ name: string; tag: string }>();
    // @ts-expect-error: not an encoding
    string(4, { encoding: 'utf16' });
  });
});
