/**
 * The compiled reads of taggedUnion, sized, nullable, count-prefixed arrays and transform against
 * the interpreter: the same records and errors from one buffer, and from a StreamDecoder whatever
 * the chunking (a record cut at every byte goes through the compiled record loop's FAIL path).
 */
import {
  array,
  bytes,
  type Codec,
  cstring,
  encode,
  i16be,
  i32be,
  literal,
  nullable,
  refine,
  sized,
  string,
  struct,
  taggedUnion,
  transform,
  u8,
  u16be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledRead } from '../../src/api/compile.js';
import { FAIL } from '../../src/core/gen.js';
import { bin, compiledOnce, expectEnginesAgree } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const NAMES: Record<number, string> = { 68: 'DataRow', 67: 'Complete', 82: 'Auth', 90: 'Ready' };
const CODES = Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [v, Number(k)]));
/** A PostgreSQL message type: the byte, named. */
const typeTag = transform(u8, {
  decode: (b) => NAMES[b] ?? `unknown ${b}`,
  encode: (name: string) => CODES[name] ?? 0,
});
/** PostgreSQL's length, which counts its own 4 bytes. */
const len4 = transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 });
const NULL = [0xff, 0xff, 0xff, 0xff];

/** PostgreSQL backend messages, every part of them compiled. */
const Pg = taggedUnion(typeTag, {
  DataRow: sized(len4, struct({ columns: array(nullable(string(i32be), NULL), { count: i16be }) })),
  Complete: sized(len4, struct({ tag: cstring })),
  Auth: sized(
    len4,
    taggedUnion(i32be, { 0: struct({}), 5: struct({ salt: bytes(4) }), 7: u8 }, { tagKey: 'kind' }),
  ),
  Ready: sized(len4, struct({ status: refine(u8, (s) => s === 73 || s === 84 || s === 69, 'I, T or E') })),
});

/** Variants the compiler handles otherwise: under `value`, an interpreted child in a section, `rest: 'skip'`, a default. */
const Mixed = taggedUnion(
  u8,
  {
    1: sized(u8, u16be),
    2: sized(u8, struct({ x: u8, rest: array(u8, 'toEnd') })),
    3: sized(u8, struct({ x: u8 }), { rest: 'skip' }),
    4: nullable(u16be, [0xff, 0xff]),
    5: sized(u8, sized(u8, array(u8, 'toEnd'))),
    6: struct({ v: literal(u8, 9), items: array(i16be, { count: u8 }) }),
  },
  { default: sized(2, struct({ raw: array(u8, { count: u8 }) }), { rest: 'skip' }) },
);

const pgValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    type: fc.constant('DataRow'),
    columns: fc.array(fc.option(fc.string({ maxLength: 12 }), { nil: null, freq: 4 }), { maxLength: 5 }),
  }),
  fc.record({ type: fc.constant('Complete'), tag: fc.stringMatching(/^[A-Z 0-9]{0,10}$/) }),
  fc.record({ type: fc.constant('Auth'), kind: fc.constant(0) }),
  fc.record({
    type: fc.constant('Auth'),
    kind: fc.constant(5),
    salt: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('Auth'), kind: fc.constant(7), value: fc.nat(255) }),
  fc.record({ type: fc.constant('Ready'), status: fc.constantFrom(73, 84, 69) }),
);

const byte = fc.nat(255);
const mixedValues: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant(1), value: fc.nat(65535) }),
  fc.record({ type: fc.constant(2), x: byte, rest: fc.array(byte, { maxLength: 5 }) }),
  fc.record({ type: fc.constant(3), x: byte }),
  fc.record({ type: fc.constant(4), value: fc.option(fc.nat(0xfeff), { nil: null }) }),
  fc.record({ type: fc.constant(5), value: fc.array(byte, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant(6),
    v: fc.constant(9),
    items: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.integer({ min: 7, max: 255 }), raw: fc.constantFrom([], [0]) }),
);

const row = bin(0x44, 0, 0, 0, 20, 0, 3, 0, 0, 0, 2, 104, 105, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);

describe('compiled union, sized, nullable, counted array, transform', () => {
  it('compiles a PostgreSQL message with no interpreter call, one literal per variant', () => {
    const code = String(compiledRead(Pg));
    expect(code).not.toContain('.read(st)');
    expect(code).toContain('switch');
    expect(compiledOnce(Pg, row)).toEqual({ type: 'DataRow', columns: ['hi', null, ''] });
    const auth = encode(Pg, { type: 'Auth', kind: 5, salt: bin(1, 2, 3, 4) });
    expect(compiledOnce(Pg, auth)).toEqual({ type: 'Auth', kind: 5, salt: bin(1, 2, 3, 4) });
    expect(Object.keys(compiledOnce(Pg, auth) as object)).toEqual(['type', 'kind', 'salt']);
  });

  it('leaves faults to the interpreter: unknown tags, bad lengths, bytes left in a section, a refused value', () => {
    const unknown = bin(0x51, 0, 0, 0, 4);
    const negative = bin(0x44, 0, 0, 0, 3, 0, 0);
    const left = bin(0x5a, 0, 0, 0, 6, 73, 0);
    const refused = bin(0x5a, 0, 0, 0, 5, 1);
    const badCount = bin(0x44, 0, 0, 0, 6, 0xff, 0xff);
    for (const b of [unknown, negative, left, refused, badCount]) expect(compiledOnce(Pg, b)).toBe(FAIL);
    expect(expectEnginesAgree(Pg, Uint8Array.from([...row, ...unknown])).error).toMatchObject({
      code: 'BAD_TAG',
      offset: row.length,
      path: 'type',
    });
    expect(expectEnginesAgree(Pg, negative).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      offset: 1,
      actual: '-1',
    });
    expect(expectEnginesAgree(Pg, left).error).toMatchObject({ code: 'TRAILING_BYTES', offset: 6, path: '' });
    expect(expectEnginesAgree(Pg, refused).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'status',
    });
    expect(expectEnginesAgree(Pg, badCount).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'columns',
    });
    // an unknown inner tag, under the inner tag key
    expect(expectEnginesAgree(Pg, bin(0x52, 0, 0, 0, 8, 0, 0, 0, 3)).error).toMatchObject({
      code: 'BAD_TAG',
      path: 'kind',
      offset: 5,
    });
  });

  it('reads NULL sentinels in place, and a column cut inside its sentinel as the interpreter does', () => {
    expect(expectEnginesAgree(Pg, row).records).toEqual([{ type: 'DataRow', columns: ['hi', null, ''] }]);
    // the section ends inside a sentinel: the compiled code leaves it to the interpreter
    const cutSentinel = bin(0x44, 0, 0, 0, 8, 0, 1, 0xff, 0xff);
    expect(expectEnginesAgree(Pg, cutSentinel).error).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      path: 'columns[0]',
    });
    const nulls = bin(4, 0xff, 0xff, 4, 0, 7, 4, 0xff);
    expect(expectEnginesAgree(Mixed, nulls)).toMatchObject({
      records: [
        { type: 4, value: null },
        { type: 4, value: 7 },
      ],
      error: { code: 'INCOMPLETE' },
    });
  });

  it('enters the section on the state around an interpreted child, and skips what a body leaves', () => {
    const code = String(compiledRead(Mixed));
    expect(code).toContain('st.enterSection');
    const b = bin(2, 3, 7, 1, 2, 3, 3, 5, 9, 9, 1, 2, 0, 2);
    expect(compiledOnce(Mixed, b.subarray(0, 5))).toEqual({ type: 2, x: 7, rest: [1, 2] });
    expect(expectEnginesAgree(Mixed, b).records).toEqual([
      { type: 2, x: 7, rest: [1, 2] },
      { type: 3, x: 5 },
      { type: 1, value: 2 },
    ]);
    // an inner section longer than the outer one
    expect(expectEnginesAgree(Mixed, bin(5, 2, 5, 1, 1, 1, 1)).error).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      offset: 3,
    });
    // the default variant keeps the tag; a literal that does not match
    expect(expectEnginesAgree(Mixed, bin(200, 1, 3, 6, 8, 0)).records).toEqual([{ type: 200, raw: [3] }]);
    expect(expectEnginesAgree(Mixed, bin(6, 8, 0)).error).toMatchObject({ code: 'BAD_CONSTANT', path: 'v' });
  });

  it('agrees with the interpreter on streams of random messages, and on bytes near them', () => {
    for (const [codec, values] of [
      [Pg, pgValues],
      [Mixed, mixedValues],
    ] as const) {
      fc.assert(
        fc.property(fc.array(values, { minLength: 1, maxLength: 3 }), (records) => {
          const stream = Uint8Array.from(records.flatMap((r) => [...encode(codec as Codec<unknown>, r)]));
          expect(expectEnginesAgree(codec as Codec<unknown>, stream).records).toEqual(records);
        }),
        { numRuns: 40 },
      );
      const samples = fc.sample(fc.array(values, { minLength: 1, maxLength: 3 }), { numRuns: 8, seed: 7 });
      const encoded = samples.map((rs) =>
        Uint8Array.from(rs.flatMap((r) => [...encode(codec as Codec<unknown>, r)])),
      );
      fc.assert(
        fc.property(hostileBytes(encoded), (b) => {
          expectEnginesAgree(codec as Codec<unknown>, b);
        }),
        { numRuns: 150 },
      );
    }
  });
});
