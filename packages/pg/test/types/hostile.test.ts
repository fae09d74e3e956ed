/**
 * Hostile input: cut, random and malformed bytes give a DecodeError (never a TypeError, a RangeError
 * or a hang), with the code, offset and path that say what is wrong; values a type cannot hold give
 * an EncodeError.
 */
import { type Codec, DecodeError, decode, EncodeError, encode } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PgTypeName, pgTypes } from '../../src/types/index.js';
import { valuesOf } from './arbitraries.js';
import { decodeError, encodeError, fromHex, utf8 } from './helpers.js';
import { serverVectors } from './server-vectors.js';

const names = Object.keys(pgTypes) as PgTypeName[];
const codecs = (name: PgTypeName) =>
  pgTypes[name] as unknown as { binary: Codec<unknown>; text: Codec<unknown> };
/** Types whose binary value is any run of bytes (or text), so that a prefix of one may be another. */
const UNSTRUCTURED = new Set(['text', 'varchar', 'bpchar', 'name', 'bytea', 'json', 'jsonb']);
const structured = names.filter((n) => !UNSTRUCTURED.has(n));

/** Decodes, and accepts a value or a DecodeError; any other throw fails the test. */
function valueOrDecodeError(codec: Codec<unknown>, bytes: Uint8Array): void {
  try {
    decode(codec, bytes);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
}

describe('every truncation of a binary value is a DecodeError', () => {
  it.each(structured)('%s', (name) => {
    const { binary } = codecs(name);
    const cut = (b: Uint8Array, k: number) => decodeError(() => decode(binary, b.subarray(0, k)));
    // Every cut of the server's values (but its 400-element sample arrays: a cut of those costs as
    // much as the rest together), and cuts at random of random values.
    for (const v of serverVectors.filter((x) => x.type === name && x.binary.length <= 600)) {
      const b = fromHex(v.binary);
      for (let k = 0; k < b.length; k++) cut(b, k);
    }
    const cuts = valuesOf(name)
      .map((v) => encode(binary, v))
      .chain((b) => fc.tuple(fc.constant(b), fc.array(fc.nat(Math.max(0, b.length - 1)), { maxLength: 6 })));
    fc.assert(
      fc.property(cuts, ([b, ks]) => {
        for (const k of ks) if (k < b.length) cut(b, k);
      }),
      { numRuns: 15 },
    );
  });
});

describe('random and damaged bytes give a value or a DecodeError', () => {
  it.each(names)('%s', (name) => {
    const { binary, text } = codecs(name);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), (b) => {
        valueOrDecodeError(binary, b);
        valueOrDecodeError(text, b);
      }),
      { numRuns: 20 },
    );
    // A valid value with one byte changed (headers, lengths and digits get hit).
    const damaged = fc
      .tuple(valuesOf(name), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
      .map(([v, at, byte, inText]) => {
        const b = encode(inText ? text : binary, v).slice();
        if (b.length > 0) b[at % b.length] = byte;
        return { b, inText };
      });
    fc.assert(
      fc.property(damaged, ({ b, inText }) => valueOrDecodeError(inText ? text : binary, b)),
      { numRuns: 20 },
    );
  });
});

/** A binary array: ndim, flags, element OID, dims, then raw bytes. */
function arrayBytes(ndim: number, flags: number, oid: number, dims: [number, number][], rest: number[] = []) {
  const b = new Uint8Array(12 + 8 * dims.length + rest.length * 4);
  const dv = new DataView(b.buffer);
  [ndim, flags, oid, ...dims.flat(), ...rest].forEach((x, i) => {
    dv.setInt32(4 * i, x);
  });
  return b;
}

describe('malformed binary values', () => {
  const b = pgTypes;
  it.each([
    ['int4 of 3 bytes', b.int4.binary, '000001', 'INCOMPLETE', 0],
    ['int4 of 5 bytes', b.int4.binary, '0000000100', 'TRAILING_BYTES', 4],
    ['int8 of 4 bytes', b.int8.binary, '00000001', 'INCOMPLETE', 0],
    ['bool byte 2', b.bool.binary, '02', 'VALIDATION_FAILED', 0],
    ['uuid of 15 bytes', b.uuid.binary, '00'.repeat(15), 'INCOMPLETE', 0],
    ['numeric digit 10000', b.numeric.binary, '00010000000000002710', 'VALIDATION_FAILED', 8],
    ['numeric sign 0x8000', b.numeric.binary, '0000000080000000', 'VALIDATION_FAILED', 4],
    ['numeric dscale 0x4000', b.numeric.binary, '0000000000004000', 'VALIDATION_FAILED', 6],
    ['numeric with 3 digits declared, 1 there', b.numeric.binary, '000300000000000000010', 'INCOMPLETE', 8],
    ['numeric header cut', b.numeric.binary, '000100', 'INCOMPLETE', 2],
    ['date before 4714-11-24 BC', b.date.binary, 'ffda97a6', 'VALIDATION_FAILED', 0],
    ['date past 5874897-12-31', b.date.binary, '7fda970d', 'VALIDATION_FAILED', 0],
    ['timestamp at 294277-01-01', b.timestamp.binary, '7fffff5bb3b2a000', 'VALIDATION_FAILED', 0],
    ['timestamptz before 4714-11-24 BC', b.timestamptz.binary, 'fd0f7cc1411f9fff', 'VALIDATION_FAILED', 0],
    ['jsonb version 2', b.jsonb.binary, '025b5d', 'BAD_CONSTANT', 0],
    ['jsonb without a version', b.jsonb.binary, '', 'INCOMPLETE', 0],
    ['json that is not JSON', b.json.binary, '7b', 'VALIDATION_FAILED', 0],
    ['text that is not UTF-8', b.text.binary, '61ff', 'VALIDATION_FAILED', 1],
  ] as const)('%s', (_, codec, hex, code, offset) => {
    const bytes = hex.length % 2 === 0 ? fromHex(hex) : fromHex(hex.slice(0, -1));
    expect(decodeError(() => decode(codec as Codec<unknown>, bytes))).toMatchObject({ code, offset });
  });

  const int4s = pgTypes._int4.binary;
  it.each([
    [
      'ndim 2',
      arrayBytes(
        2,
        0,
        23,
        [
          [1, 1],
          [1, 1],
        ],
        [4, 1],
      ),
      'VALIDATION_FAILED',
      0,
      'ndim',
    ],
    ['ndim -1', arrayBytes(-1, 0, 23, []), 'VALIDATION_FAILED', 0, 'ndim'],
    ['has-null flag 2', arrayBytes(1, 2, 23, [[1, 1]], [4, 1]), 'VALIDATION_FAILED', 4, 'hasNull'],
    ['element OID of int8', arrayBytes(1, 0, 20, [[1, 1]], [4, 1]), 'BAD_CONSTANT', 8, 'elementOid'],
    ['a length of -1', arrayBytes(1, 0, 23, [[-1, 1]]), 'VALIDATION_FAILED', 12, 'dims[0].length'],
    ['an element length of -2', arrayBytes(1, 0, 23, [[1, 1]], [-2]), 'VALIDATION_FAILED', 20, 'items[0]'],
    [
      'an element length past the end',
      arrayBytes(1, 0, 23, [[1, 1]], [400, 1]),
      'INCOMPLETE',
      28,
      'items[0]',
    ],
    ['an int4 element of 2 bytes', arrayBytes(1, 0, 23, [[1, 1]], [2, 1]), 'LIMIT_EXCEEDED', 24, 'items[0]'],
    [
      'an int4 element of 5 bytes',
      arrayBytes(1, 1, 23, [[1, 1]], [5, 1, 0]),
      'TRAILING_BYTES',
      28,
      'items[0]',
    ],
    [
      'more elements declared than there',
      arrayBytes(1, 0, 23, [[3, 1]], [4, 1]),
      'INCOMPLETE',
      28,
      'items[1]',
    ],
    [
      'fewer elements declared than there',
      arrayBytes(1, 0, 23, [[1, 1]], [4, 1, 4, 2]),
      'TRAILING_BYTES',
      28,
      '',
    ],
    [
      '2^31-1 elements declared',
      arrayBytes(1, 0, 23, [[0x7fffffff, 1]], [4, 1]),
      'LIMIT_EXCEEDED',
      20,
      'items',
    ],
  ] as const)('array: %s', (_, bytes, code, offset, path) => {
    const e = decodeError(() => decode(int4s, bytes));
    expect(e).toMatchObject({ code, offset, path });
    if (_ === 'ndim 2') expect(e.message).toMatch(/multi-dimensional arrays are not supported/);
  });
});

describe('malformed text values', () => {
  const b = pgTypes;
  const cases: [string, Codec<unknown>, string[]][] = [
    ['bool', b.bool.text, ['', 'true', 'T', 'tt']],
    ['int2', b.int2.text, ['', '01', '-0', '+1', ' 1', '1 ', '32768', '1.0', '1e3']],
    ['int4', b.int4.text, ['2147483648', '-2147483649', '0x10', '99999999999999999999']],
    ['int8', b.int8.text, ['9223372036854775808', '--1', '1n']],
    ['oid', b.oid.text, ['-1', '4294967296']],
    ['float8', b.float8.text, ['', '0x10', 'inf', ' 1', '1e', 'nan', '1_000']],
    ['numeric', b.numeric.text, ['', '1e5', '+1', '01', '-0', '-0.00', '.5', '1.', 'nan', 'inf', '1 ']],
    [
      'uuid',
      b.uuid.text,
      [
        '',
        'a0eebc999c0b4ef8bb6d6bb9bd380a11',
        '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
        'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ],
    ],
    ['bytea', b.bytea.text, ['\\x0g', '\\x0', '\\x 0 1', 'a\\9', 'a\\400', 'a\\']],
    [
      'date',
      b.date.text,
      [
        '2023-02-29',
        '0000-01-01',
        '4714-11-23 BC',
        '2000-1-1',
        '02000-01-01',
        '5874898-01-01',
        'Infinity',
        '2000-01-01 AD',
      ],
    ],
    [
      'timestamp',
      b.timestamp.text,
      [
        '2000-01-01 24:00:00',
        '2000-01-01 00:00:00.10',
        '2000-01-01 00:00:00+00',
        '2000-01-01T00:00:00',
        '2000-01-01 00:00',
        '294277-01-01 00:00:00',
        '2000-01-01 00:00:60',
      ],
    ],
    [
      'timestamptz',
      b.timestamptz.text,
      ['2000-01-01 00:00:00', '2000-01-01 00:00:00+16', '2000-01-01 00:00:00Z', '2000-01-01 00:00:00+00:60'],
    ],
    ['json', b.json.text, ['', '{', 'undefined', "{'a':1}"]],
    [
      '_int4',
      b._int4.text,
      [
        '',
        '{',
        '{1',
        '{1,}',
        '{,1}',
        '{1}}',
        '{{1}}',
        '[1:2][1:1]={{1},{2}}',
        '[1:3]={1,2}',
        '[2:1]={}x',
        '{"1}',
        '{1"2"}',
        '1,2',
        '{1,x}',
        '{1}x',
      ],
    ],
  ];
  for (const [name, codec, texts] of cases) {
    it.each(texts)(`${name}: %j`, (t) => {
      expect(decodeError(() => decode(codec, utf8(t)))).toBeInstanceOf(DecodeError);
    });
  }

  it('names the offset of a bad hex digit and the element of a bad array element', () => {
    expect(decodeError(() => decode(b.bytea.text, utf8('\\x0a0g')))).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 5,
    });
    expect(decodeError(() => decode(b._int4.text, utf8('{1, 2,x}')))).toMatchObject({
      offset: 6,
      path: '[2]',
    });
    const nested = decodeError(() => decode(b._int4.text, utf8('{{1,2},{3,4}}')));
    expect(nested).toMatchObject({ code: 'VALIDATION_FAILED', offset: 1 });
    expect(nested.message).toMatch(/multi-dimensional arrays are not supported/);
  });

  it('reads what array_in takes besides array_out: spaces, escapes outside quotes, a decoration', () => {
    expect(decode(b._text.text, utf8(' { a b , "c" ,\\ d\\ , NuLl ,"null"} '))).toEqual([
      'a b',
      'c',
      ' d ',
      null,
      'null',
    ]);
    expect(decode(b._int4.text, utf8('[-5:-4]={1,2}'))).toEqual([1, 2]);
    expect(decode(b.bytea.text, utf8('\\x0A 1b\n'))).toEqual(Uint8Array.of(0x0a, 0x1b));
    expect(decode(b.bytea.text, utf8('a\\\\b\\000\\377'))).toEqual(Uint8Array.of(0x61, 0x5c, 0x62, 0, 0xff));
  });
});

describe('values a type cannot hold are EncodeErrors', () => {
  it.each(names)('%s: anything encodes or is an EncodeError', (name) => {
    const { binary, text } = codecs(name);
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withTypedArray: true, withNullPrototype: true }), (v) => {
        for (const codec of [binary, text]) {
          try {
            encode(codec, v);
          } catch (e) {
            if (!(e instanceof EncodeError)) throw e;
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  const b = pgTypes;
  it.each([
    ['int4 1.5', b.int4, 1.5],
    ['int4 2^31', b.int4, 2 ** 31],
    ['int8 as a number', b.int8, 1],
    ['int8 2^63', b.int8, 2n ** 63n],
    ['float4 past its range', b.float4, 1e39],
    ['numeric abc', b.numeric, 'abc'],
    ['numeric 1e999999999', b.numeric, '1e999999999'],
    ['numeric with 16384 digits after the point', b.numeric, `0.${'1'.repeat(16384)}`],
    ['text with NUL', b.text, 'a\0b'],
    ['text with a lone surrogate', b.text, 'a\ud800'],
    ['uuid without hyphens', b.uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'],
    ['date 2023-02-29', b.date, '2023-02-29'],
    ['date 4714-11-23 BC', b.date, '4714-11-23 BC'],
    ['timestamp with an offset', b.timestamp, '2000-01-01 00:00:00+02'],
    ['timestamp 7 fraction digits', b.timestamp, '2000-01-01 00:00:00.1234567'],
    ['json undefined', b.json, undefined],
    ['json bigint', b.json, 1n],
    ['bytea a string', b.bytea, 'abc'],
    ['an array that is not one', b._int4, 5],
    ['an array with a bad element', b._int4, [1, 'x']],
  ] as const)('%s', (_, type, value) => {
    const { binary, text } = type as unknown as { binary: Codec<unknown>; text: Codec<unknown> };
    encodeError(() => encode(binary, value));
    encodeError(() => encode(text, value));
  });

  it('names the element of a bad array element', () => {
    expect(encodeError(() => encode(pgTypes._int4.text, [1, 'x'] as never)).path).toBe('[1]');
  });

  it('encodes numeric_in spellings and timestamptz offsets in their printed form', () => {
    const text = (codec: Codec<string>, v: string) => new TextDecoder().decode(encode(codec, v));
    expect(text(b.numeric.text, '+1.5e3')).toBe('1500');
    expect(text(b.numeric.text, '-.05e-1')).toBe('-0.005');
    expect(text(b.numeric.text, 'inf')).toBe('Infinity');
    expect(text(b.timestamptz.text, '2000-01-01 05:30:00+05:30')).toBe('2000-01-01 00:00:00+00');
    expect(text(b.timestamptz.text, '2000-01-01 00:00:00')).toBe('2000-01-01 00:00:00+00');
    expect(text(b.timestamp.text, '2000-01-01 00:00:00.500000')).toBe('2000-01-01 00:00:00.5');
    expect(text(b.uuid.text, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    );
  });
});
