/**
 * A recursive schema in the manner of RESP (a type byte, then a line, a number, a bulk string or an
 * array of values), for the tests of the compiled text codecs, lazy and the stream's speculative
 * completion; with an arbitrary of its values and a deeply nested value.
 */
import {
  array,
  bytes,
  bytesOf,
  type Codec,
  charTag,
  decimal,
  lazy,
  magic,
  nullable,
  string,
  struct,
  taggedUnion,
  transform,
} from '@stride/codec';
import fc from 'fast-check';

const CRLF = '\r\n';

export type Value =
  | { type: 'simple'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: Uint8Array | null }
  | { type: 'array'; value: Value[] | null };
const count = decimal({ until: CRLF, maxDigits: 10 });
const Bulk = transform(struct({ data: bytes(count), end: magic(CRLF) }), {
  decode: (s) => s.data,
  encode: (data: Uint8Array) => ({ data }),
});
const value: Codec<Value> = lazy(() => Resp);
export const Resp: Codec<Value> = taggedUnion(charTag({ simple: '+', integer: ':', bulk: '$', array: '*' }), {
  simple: string({ until: CRLF, maxLength: 100 }),
  integer: decimal({ until: CRLF, signed: true, bigint: 'unsafe', maxDigits: 19 }),
  bulk: nullable(Bulk, '-1\r\n'),
  array: nullable(array(value, { count }), '-1\r\n'),
}) as Codec<Value>;

/** Values of `Resp`, bulk strings of up to `maxBulk` bytes. */
export function respValues(maxBulk = 6): fc.Arbitrary<Value> {
  return fc.letrec<{ v: Value }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.record({ type: fc.constant('simple' as const), value: fc.stringMatching(/^[a-z ]{0,8}$/) }),
      fc.record({
        type: fc.constant('integer' as const),
        value: fc.oneof(
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }),
        ),
      }),
      fc.record({
        type: fc.constant('bulk' as const),
        value: fc.option(fc.uint8Array({ maxLength: maxBulk }), { nil: null }),
      }),
      fc.record({
        type: fc.constant('array' as const),
        value: fc.option(fc.array(tie('v'), { maxLength: 3 }), { nil: null }),
      }),
    ),
  })).v;
}

export const values: fc.Arbitrary<Value> = respValues();

/** A chain of `depth` arrays, each the only item of the one before, around `:1`. */
export function nested(depth: number): Uint8Array {
  return bytesOf(`${'*1\r\n'.repeat(depth)}:1\r\n`);
}
