import {
  array,
  type Codec,
  type DeepReadonly,
  Encoder,
  encode,
  sizeOf,
  string,
  struct,
  u8,
} from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';

describe('encode types', () => {
  const Rec = struct({ a: array(u8, 2), tags: array(string(u8), { count: u8 }) });

  it('accepts values built as const (readonly arrays, all the way down)', () => {
    encode(struct({ a: array(u8, 2) }), { a: [1, 2] } as const);
    const value = { a: [1, 2], tags: ['x'] } as const;
    encode(Rec, value);
    new Encoder(Rec).write(value);
    sizeOf(Rec, value);
    expectTypeOf(value).toExtend<DeepReadonly<{ a: number[]; tags: string[] }>>();
  });

  it('still checks the value against the codec, and takes the type from the codec only', () => {
    // @ts-expect-error a is a number array
    encode(Rec, { a: ['x', 'y'], tags: [] } as const);
    // @ts-expect-error tags is missing
    encode(Rec, { a: [1, 2] });
    expectTypeOf(encode(u8, 1)).toEqualTypeOf<Uint8Array>();
  });

  it('compiles in generic code that passes a T', () => {
    const write = <T>(codec: Codec<T>, value: T) => encode(codec, value);
    expectTypeOf(write(u8, 1)).toEqualTypeOf<Uint8Array>();
  });
});
