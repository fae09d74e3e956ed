import { type ConstantError, type DecodeError, type DecodeErrorCode, IncompleteError } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('error codes are typed', () => {
  it('a DecodeError carries one of codec codes, and `switch (e.code)` narrows', () => {
    expectTypeOf<DecodeError['code']>().toEqualTypeOf<DecodeErrorCode>();
    const describeCode = (e: DecodeError): string => {
      switch (e.code) {
        case 'INCOMPLETE':
          expectTypeOf(e.code).toEqualTypeOf<'INCOMPLETE'>();
          return 'more bytes';
        case 'LIMIT_EXCEEDED':
          return 'limit';
        default:
          expectTypeOf(e.code).toEqualTypeOf<Exclude<DecodeErrorCode, 'INCOMPLETE' | 'LIMIT_EXCEEDED'>>();
          return e.code;
      }
    };
    expectTypeOf(describeCode).toBeFunction();
    // @ts-expect-error: not one of codec's codes
    const never = (e: DecodeError) => e.code === 'NO_SUCH_CODE';
    expectTypeOf(never).toBeFunction();
  });

  it("each subclass has its own code, and recode's result the new one", () => {
    expectTypeOf<IncompleteError['code']>().toEqualTypeOf<'INCOMPLETE'>();
    expectTypeOf<ConstantError['code']>().toEqualTypeOf<'BAD_CONSTANT'>();
    const e = new IncompleteError('short', { offset: 0, needed: 1 });
    expectTypeOf(e.recode('BAD_CHUNK_DATA').code).toEqualTypeOf<'BAD_CHUNK_DATA'>();
  });
});
