import { type Encodable, type Infer, literal, struct, u8, u16be } from '@stride/codec';
import { createDecodeStream, decode, decodeAsyncIterable, encode } from '@stride/rx';
import { type Observable, type OperatorFunction, of } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { Message } from '../helpers.js';

describe('rx types', () => {
  it('decode gives the records typed by the schema', () => {
    expectTypeOf(decode(Message)).toEqualTypeOf<OperatorFunction<Uint8Array, Infer<typeof Message>>>();
    const records = of(new Uint8Array(0)).pipe(decode(Message));
    expectTypeOf(records).toEqualTypeOf<Observable<{ kind: number; body: Uint8Array }>>();
  });

  it('a mode hook works over the union of the records, named as the type argument', () => {
    const Hello = struct({ hello: literal(u8, 1), version: u16be });
    type Rec = Infer<typeof Hello> | Message;
    const obs = of(new Uint8Array(0)).pipe(
      decode<Rec>(Hello, {
        mode: (r) => {
          expectTypeOf(r).toEqualTypeOf<Rec>();
          return 'hello' in r ? Message : undefined;
        },
      }),
    );
    expectTypeOf(obs).toEqualTypeOf<Observable<Rec>>();
    // Without the union, a codec of another type is refused.
    // @ts-expect-error Message's records are not Hello's
    decode(Hello, { mode: () => Message });
  });

  it('encode takes the schema value type (or one built as const); the pull front ends yield the record type', () => {
    expectTypeOf(encode(Message)).toEqualTypeOf<
      OperatorFunction<Encodable<Infer<typeof Message>>, Uint8Array>
    >();
    of({ kind: 1, body: new Uint8Array(0) } as const).pipe(encode(Message));
    // @ts-expect-error kind must be a number
    of({ kind: 'x', body: new Uint8Array(0) }).pipe(encode(Message));
    expectTypeOf(decodeAsyncIterable(Message, [])).toMatchTypeOf<AsyncIterable<Infer<typeof Message>>>();
    expectTypeOf(createDecodeStream(Message).read()).toEqualTypeOf<Infer<typeof Message> | null>();
  });
});
