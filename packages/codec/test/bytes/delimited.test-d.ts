import { bytes, type DelimitedCodec, type Infer, string, struct, u8 } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('delimited types', () => {
  it('string({ until }) decodes to string, bytes({ until }) to Uint8Array', () => {
    expectTypeOf(string({ until: '\r\n' })).toEqualTypeOf<DelimitedCodec<string>>();
    expectTypeOf(bytes({ until: [0x0d, 0x0a], maxLength: 8 })).toEqualTypeOf<DelimitedCodec<Uint8Array>>();
    const Rec = struct({ n: u8, line: string({ until: 0x0a, encoding: 'ascii' }), raw: bytes({ until: 0 }) });
    expectTypeOf<Infer<typeof Rec>>().toEqualTypeOf<{ n: number; line: string; raw: Uint8Array }>();
  });

  it('takes only the options that apply to a delimited field', () => {
    // @ts-expect-error: pad is for fixed lengths
    string({ until: '\r\n', pad: 0 });
    // @ts-expect-error: the delimiter is required
    bytes({ maxLength: 4 });
    // @ts-expect-error: a delimiter is bytes, not a boolean
    string({ until: true });
  });
});
