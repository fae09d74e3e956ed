/** Each type's value type, inferred from the registry. */
import type { Codec } from '@stride/codec';
import { describe, expectTypeOf, it } from 'vitest';
import {
  arrayOf,
  codecFor,
  type PgArrayType,
  type PgType,
  type PgValue,
  pgTypes,
  typeOf,
} from '../../src/types/index.js';

describe('value types', () => {
  it('infers each type from its name', () => {
    expectTypeOf<PgValue<'bool'>>().toEqualTypeOf<boolean>();
    expectTypeOf<PgValue<'int4'>>().toEqualTypeOf<number>();
    expectTypeOf<PgValue<'int8'>>().toEqualTypeOf<bigint>();
    expectTypeOf<PgValue<'numeric'>>().toEqualTypeOf<string>();
    expectTypeOf<PgValue<'bytea'>>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<PgValue<'jsonb'>>().toEqualTypeOf<unknown>();
    expectTypeOf<PgValue<'_int8'>>().toEqualTypeOf<(bigint | null)[]>();
    expectTypeOf<PgValue<'_bytea'>>().toEqualTypeOf<(Uint8Array | null)[]>();
  });

  it('types the codecs', () => {
    expectTypeOf(pgTypes.timestamptz.binary).toEqualTypeOf<Codec<string>>();
    expectTypeOf(pgTypes._int4.text).toEqualTypeOf<Codec<(number | null)[]>>();
    expectTypeOf(pgTypes._uuid.element).toEqualTypeOf<PgType<string>>();
    expectTypeOf(arrayOf(pgTypes._int4, 0)).toEqualTypeOf<PgArrayType<(number | null)[]>>();
    expectTypeOf(typeOf(23)).toEqualTypeOf<PgType<unknown> | undefined>();
    expectTypeOf(codecFor(23, 'binary')).toEqualTypeOf<Codec<unknown>>();
    // @ts-expect-error: no such type
    void pgTypes.int16;
  });
});
