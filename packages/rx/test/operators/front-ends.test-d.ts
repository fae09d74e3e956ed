import { type Encodable, type Infer, literal, StreamDecoder, struct, u8, u16be } from '@stride/codec';
import {
  createParseStream,
  decodeRecords,
  encodeRecords,
  type ParseIterator,
  parse,
  parseAsyncIterable,
} from '@stride/rx';
import { type Observable, type OperatorFunction, of } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { Message } from '../helpers.js';
import { Lines } from '../lines.js';

describe('rx types', () => {
  it('decodeRecords gives the records typed by the schema', () => {
    expectTypeOf(decodeRecords(Message)).toEqualTypeOf<OperatorFunction<Uint8Array, Infer<typeof Message>>>();
    const records = of(new Uint8Array(0)).pipe(decodeRecords(Message));
    expectTypeOf(records).toEqualTypeOf<Observable<{ kind: number; body: Uint8Array }>>();
  });

  it('a mode hook works over the union of the records, named as the type argument', () => {
    const Hello = struct({ hello: literal(u8, 1), version: u16be });
    type Rec = Infer<typeof Hello> | Message;
    const obs = of(new Uint8Array(0)).pipe(
      decodeRecords<Rec>(Hello, {
        mode: (r) => {
          expectTypeOf(r).toEqualTypeOf<Rec>();
          return 'hello' in r ? Message : undefined;
        },
      }),
    );
    expectTypeOf(obs).toEqualTypeOf<Observable<Rec>>();
    // Without the union, a codec of another type is refused.
    // @ts-expect-error Message's records are not Hello's
    decodeRecords(Hello, { mode: () => Message });
  });

  it('encodeRecords takes the schema value type (or one built as const)', () => {
    expectTypeOf(encodeRecords(Message)).toEqualTypeOf<
      OperatorFunction<Encodable<Infer<typeof Message>>, Uint8Array>
    >();
    of({ kind: 1, body: new Uint8Array(0) } as const).pipe(encodeRecords(Message));
    // @ts-expect-error kind must be a number
    of({ kind: 'x', body: new Uint8Array(0) }).pipe(encodeRecords(Message));
  });

  it('the front ends yield what the parser emits', () => {
    expectTypeOf(parse(() => new Lines())).toEqualTypeOf<OperatorFunction<Uint8Array, string>>();
    expectTypeOf(parseAsyncIterable(new StreamDecoder(Message), [])).toEqualTypeOf<
      ParseIterator<Infer<typeof Message>>
    >();
    expectTypeOf(parseAsyncIterable(new Lines(), []).offset).toEqualTypeOf<number>();
    expectTypeOf(createParseStream(new StreamDecoder(Message)).read()).toEqualTypeOf<Infer<
      typeof Message
    > | null>();
    expectTypeOf(createParseStream(new Lines()).read()).toEqualTypeOf<string | null>();
    // The pull front ends read bytes, so they take a parser of bytes.
    const numbers = { write: (_n: number, _emit: (s: string) => void) => {}, finish: () => {} };
    // @ts-expect-error a parser of numbers, not of bytes
    parseAsyncIterable(numbers, []);
  });
});
