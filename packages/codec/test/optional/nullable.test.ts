import {
  array,
  bytes,
  bytesOf,
  type Codec,
  decimal,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  i32be,
  lazy,
  magic,
  nullable,
  StreamDecoder,
  string,
  struct,
  taggedUnion,
  transform,
  u8,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectStreamProperties, finished, thrown, written } from '../helpers.js';

// RESP (the Redis protocol), as the README builds it: a type byte, then the value; bulk strings and
// arrays are length-prefixed, with -1 for null.
const crlf = '\r\n';
const length = decimal({ until: crlf });
/** `5\r\nhello\r\n` (after the `$`), or `-1\r\n` for null. */
const BulkString = nullable(
  transform(struct({ data: bytes(length), end: magic(crlf) }), {
    decode: (s) => s.data,
    encode: (data: Uint8Array) => ({ data }),
  }),
  '-1\r\n',
);
type Resp =
  | { type: '+'; value: string } // +OK
  | { type: '-'; value: string } // -ERR …
  | { type: ':'; value: number } // :1000
  | { type: '$'; value: Uint8Array | null } // $5 hello, $-1
  | { type: '*'; value: Resp[] | null }; // *2 …, *-1
const Resp: Codec<Resp> = taggedUnion(string(1, { encoding: 'ascii' }), {
  '+': string({ until: crlf }),
  '-': string({ until: crlf }),
  ':': decimal({ until: crlf, signed: true }),
  $: BulkString,
  '*': nullable(
    array(
      lazy(() => Resp),
      { count: length },
    ),
    '-1\r\n',
  ),
});

describe('nullable', () => {
  it('RESP: null bulk strings and arrays, by their length -1', () => {
    const cases: [string, Resp][] = [
      ['$-1\r\n', { type: '$', value: null }],
      ['$5\r\nhello\r\n', { type: '$', value: bytesOf('hello') }],
      ['$0\r\n\r\n', { type: '$', value: new Uint8Array(0) }],
      ['*-1\r\n', { type: '*', value: null }],
      [
        '*2\r\n:1\r\n:2\r\n',
        {
          type: '*',
          value: [
            { type: ':', value: 1 },
            { type: ':', value: 2 },
          ],
        },
      ],
      ['*0\r\n', { type: '*', value: [] }],
      [
        '*2\r\n$-1\r\n+OK\r\n',
        {
          type: '*',
          value: [
            { type: '$', value: null },
            { type: '+', value: 'OK' },
          ],
        },
      ],
      [':-7\r\n', { type: ':', value: -7 }],
    ];
    for (const [text, value] of cases) {
      expect(decode(Resp, bytesOf(text)), text).toEqual(value);
      expect(encode(Resp, value), text).toEqual(bytesOf(text));
    }
  });

  it('RESP: a length that is neither -1 nor a length is an error at its byte', () => {
    expect(thrown(() => decode(Resp, bytesOf('$-2\r\n')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 1,
      path: 'value.data',
    });
    const e = thrown(() => decode(Resp, bytesOf('$5\r\nhel')));
    expect(e).toBeInstanceOf(IncompleteError);
  });

  it('compares the sentinel before the codec sees the bytes', () => {
    const Column = nullable(bytes(i32be), [0xff, 0xff, 0xff, 0xff]);
    expect(decode(Column, bin(0xff, 0xff, 0xff, 0xff))).toBeNull();
    expect(decode(Column, bin(0, 0, 0, 1, 9))).toEqual(bin(9));
    expect(encode(Column, null)).toEqual(bin(0xff, 0xff, 0xff, 0xff));
    expect(encode(Column, bin(9))).toEqual(bin(0, 0, 0, 1, 9));
    // A prefix of the sentinel, then other bytes: the codec decides.
    expect(thrown(() => decode(Column, bin(0xff, 0xff, 0xff, 0xfe)))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(() => nullable(u8, '')).toThrow(TypeError);
  });

  it('refuses to encode a value whose bytes begin with the sentinel', () => {
    const N = nullable(string({ until: crlf }), '-\r\n');
    expect(encode(N, null)).toEqual(bytesOf('-\r\n'));
    expect(decode(N, encode(N, '-x'))).toBe('-x');
    const e = thrown(() => encode(struct({ s: N }), { s: '-' }));
    expect(e).toBeInstanceOf(EncodeError);
    expect(e).toMatchObject({ code: 'AMBIGUOUS', path: 's' });
  });

  it('in a stream, waits while the bytes match the sentinel so far', () => {
    const d = new StreamDecoder(Resp);
    expect(written(d, bytesOf('$-'))).toEqual([]);
    expect(written(d, bytesOf('1\r'))).toEqual([]);
    expect(written(d, bytesOf('\n$'))).toEqual([{ type: '$', value: null }]);
    expect(written(d, bytesOf('3\r\nabc\r\n'))).toEqual([{ type: '$', value: bytesOf('abc') }]);
    expect(finished(d)).toEqual([]);
    // Within a section, a sentinel that cannot fit is not waited for.
    const InSection = array(nullable(u8, [0xff, 0xff]), { byteLength: 1 });
    expect(decode(InSection, bin(0xff))).toEqual([0xff]);
  });

  it('RESP round-trips and gives the same records and errors in any chunking (fast-check)', () => {
    const leaf = fc.oneof(
      fc.record({ type: fc.constant('+' as const), value: fc.stringMatching(/^[a-zA-Z ]{0,6}$/) }),
      fc.record({ type: fc.constant(':' as const), value: fc.integer({ min: -1000, max: 1000 }) }),
      fc.record({
        type: fc.constant('$' as const),
        value: fc.option(fc.uint8Array({ maxLength: 6 }), { nil: null }),
      }),
      fc.record({ type: fc.constant('*' as const), value: fc.constant(null) }),
    );
    const value: fc.Arbitrary<Resp> = fc.oneof(
      leaf,
      fc.record({ type: fc.constant('*' as const), value: fc.array(leaf, { maxLength: 3 }) }),
    );
    const samples = [bytesOf('*2\r\n$-1\r\n:5\r\n'), bytesOf('$3\r\nabc\r\n'), bytesOf('*-1\r\n+OK\r\n')];
    expectStreamProperties(Resp, value, samples, 60);
  });
});
