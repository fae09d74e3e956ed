// @stride/redis's value schema and RespReader without a server: every RESP2 and RESP3 type both
// ways, random values round-tripped, streams of them cut at random (down to 1-byte pieces) giving
// the same values and errors, long bulk strings in pieces, and the hostile inputs of the issue:
// lying lengths, negative counts, non-digits, a line without CRLF for 1 MiB trickled in 1-byte and
// 1,460-byte pieces (linear, then a limit error, memory bounded), nesting 100,000 deep.
import { DecodeError } from '@stride/codec';
import {
  type BulkPiece,
  encodeCommand,
  encodeRequest,
  encodeValue,
  plain,
  RedisReplyError,
  RespReader,
  type RespReaderOptions,
  type RespValue,
} from '@stride/redis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReplies } from './support/wire.js';

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

interface Outcome {
  values: unknown[];
  error?: { name: string; code: string; offset: number; path: string; message: string };
}

/** Every message of `input` fed in `pieces`-sized chunks (or at the given cuts), and the error if any. */
function read(
  input: Uint8Array,
  options: RespReaderOptions = {},
  pieces: number | number[] = input.length,
): Outcome {
  const reader = new RespReader(options);
  const values: unknown[] = [];
  const emit = (m: unknown) => values.push(m);
  const cuts = typeof pieces === 'number' ? [] : pieces;
  const chunks: Uint8Array[] = [];
  if (typeof pieces === 'number')
    for (let i = 0; i < input.length; i += Math.max(1, pieces)) chunks.push(input.slice(i, i + pieces));
  else {
    let from = 0;
    for (const c of [...cuts, input.length]) {
      if (c > from) chunks.push(input.slice(from, c));
      from = Math.max(from, c);
    }
  }
  try {
    for (const c of chunks) reader.write(c, emit);
    reader.finish(emit);
    return { values };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return {
      values,
      error: { name: e.name, code: e.code, offset: e.offset, path: e.path, message: e.message },
    };
  }
}

const samples: [string, RespValue][] = [
  ['+OK\r\n', { type: 'simple', value: 'OK' }],
  ['-ERR unknown command\r\n', { type: 'error', value: 'ERR unknown command' }],
  [':1000\r\n', { type: 'integer', value: 1000 }],
  [':-9223372036854775808\r\n', { type: 'integer', value: -9223372036854775808n }],
  ['$5\r\nhello\r\n', { type: 'bulk', value: bytes('hello') }],
  ['$0\r\n\r\n', { type: 'bulk', value: bytes('') }],
  ['$-1\r\n', { type: 'bulk', value: null }],
  ['*-1\r\n', { type: 'array', value: null }],
  ['*0\r\n', { type: 'array', value: [] }],
  [
    '*2\r\n:1\r\n$1\r\n\n\r\n',
    {
      type: 'array',
      value: [
        { type: 'integer', value: 1 },
        { type: 'bulk', value: bytes('\n') },
      ],
    },
  ],
  ['_\r\n', { type: 'null' }],
  ['#t\r\n', { type: 'boolean', value: true }],
  ['#f\r\n', { type: 'boolean', value: false }],
  [',1.5\r\n', { type: 'double', value: 1.5 }],
  [',inf\r\n', { type: 'double', value: Number.POSITIVE_INFINITY }],
  [',-inf\r\n', { type: 'double', value: Number.NEGATIVE_INFINITY }],
  [',nan\r\n', { type: 'double', value: Number.NaN }],
  [
    '(3492890328409238509324850943850943825024385\r\n',
    { type: 'bignum', value: 3492890328409238509324850943850943825024385n },
  ],
  ['!21\r\nSYNTAX invalid syntax\r\n', { type: 'bulkError', value: 'SYNTAX invalid syntax' }],
  ['=15\r\ntxt:Some string\r\n', { type: 'verbatim', format: 'txt', value: 'Some string' }],
  [
    '%1\r\n+first\r\n:1\r\n',
    {
      type: 'map',
      value: [
        [
          { type: 'simple', value: 'first' },
          { type: 'integer', value: 1 },
        ],
      ],
    },
  ],
  [
    '~2\r\n+a\r\n#f\r\n',
    {
      type: 'set',
      value: [
        { type: 'simple', value: 'a' },
        { type: 'boolean', value: false },
      ],
    },
  ],
  [
    '>2\r\n+pubsub\r\n+message\r\n',
    {
      type: 'push',
      value: [
        { type: 'simple', value: 'pubsub' },
        { type: 'simple', value: 'message' },
      ],
    },
  ],
  [
    '|1\r\n+ttl\r\n:3600\r\n$1\r\nv\r\n',
    {
      type: 'attribute',
      attributes: [
        [
          { type: 'simple', value: 'ttl' },
          { type: 'integer', value: 3600 },
        ],
      ],
      value: { type: 'bulk', value: bytes('v') },
    },
  ],
];

/** Random values of every type (doubles that print back as they read). */
const value: fc.Arbitrary<RespValue> = fc.letrec<{ v: RespValue }>((tie) => {
  const line = fc.string({ maxLength: 12 }).filter((s) => !s.includes('\r') && !s.includes('\n'));
  const blob = fc.uint8Array({ maxLength: 24 });
  const list = fc.array(tie('v'), { maxLength: 4 });
  const pairs = fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 3 });
  return {
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      line.map((value) => ({ type: 'simple' as const, value })),
      line.map((value) => ({ type: 'error' as const, value })),
      fc
        .oneof(
          fc.maxSafeInteger(),
          fc
            .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
            .filter((b) => b < -(2n ** 53n) || b >= 2n ** 53n),
        )
        .map((value) => ({ type: 'integer' as const, value })),
      fc.option(blob, { nil: null }).map((value) => ({ type: 'bulk' as const, value })),
      fc.option(list, { nil: null }).map((value) => ({ type: 'array' as const, value })),
      fc.constant({ type: 'null' as const }),
      fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
      fc
        .oneof(fc.double({ noNaN: true, noDefaultInfinity: false }), fc.constant(Number.NaN))
        .filter((d) => !Object.is(d, -0))
        .map((value) => ({ type: 'double' as const, value })),
      fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((value) => ({ type: 'bignum' as const, value })),
      fc.string({ maxLength: 20 }).map((value) => ({ type: 'bulkError' as const, value })),
      fc
        .tuple(fc.constantFrom('txt', 'mkd'), fc.string({ maxLength: 20 }))
        .map(([format, value]) => ({ type: 'verbatim' as const, format, value })),
      pairs.map((value) => ({ type: 'map' as const, value })),
      list.map((value) => ({ type: 'set' as const, value })),
      list.map((value) => ({ type: 'push' as const, value })),
      fc
        .tuple(pairs, tie('v'))
        .map(([attributes, value]) => ({ type: 'attribute' as const, attributes, value })),
    ),
  };
}).v;

const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('RESP values', () => {
  it('decodes every RESP2 and RESP3 type, and writes each back byte for byte', () => {
    for (const [wire, expected] of samples) {
      expect(read(bytes(wire)).values, wire).toEqual([expected]);
      expect(text(encodeValue(expected)), wire).toBe(wire);
    }
  });

  it('agrees with the independent oracle (test/redis/support/wire.ts) on every sample', () => {
    for (const [wire, v] of samples) {
      const [oracle] = readReplies(bytes(wire));
      const ours = plain(v, { bulk: 'bytes' });
      if (v.type === 'error' || v.type === 'bulkError') expect(ours).toBeInstanceOf(RedisReplyError);
      else if (
        v.type === 'integer' ||
        v.type === 'bignum' ||
        v.type === 'double' ||
        v.type === 'simple' ||
        v.type === 'boolean'
      )
        expect(ours, wire).toEqual(oracle);
    }
  });

  it('round-trips random values of every type (fast-check)', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(read(encodeValue(v)).values).toEqual([v]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same values and errors in any chunking, down to 1-byte pieces (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 30 }),
        (values, damageAt, cutSeeds) => {
          const good = concat(values.map(encodeValue));
          // Sometimes damaged: one byte replaced, so errors must be invariant too.
          const input = Uint8Array.from(good);
          if (damageAt % 3 === 0) input[damageAt % input.length] = (damageAt >> 2) & 0xff;
          const whole = read(input);
          if (damageAt % 3 !== 0) expect(whole.values).toEqual(values);
          expect(read(input, {}, 1)).toEqual(whole);
          const cuts = [...new Set(cutSeeds.map((c) => c % input.length))].sort((a, b) => a - b);
          expect(read(input, {}, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('emits each value in the write that carries its last byte (*0 after *: no wait for a *-1)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), (values) => {
        const parts = [...values.map(encodeValue), new TextEncoder().encode('*0\r\n')];
        const input = concat(parts);
        const ends = parts.map((_, k) => parts.slice(0, k + 1).reduce((n, p) => n + p.length, 0));
        // A byte at a time, counting after each write.
        const reader = new RespReader();
        let got = 0;
        for (let at = 0; at < input.length; at++) {
          reader.write(input.subarray(at, at + 1), () => got++);
          expect(got, `after ${at + 1} bytes`).toBe(ends.filter((e) => e <= at + 1).length);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('plain(): Map, Set, strings or views, errors as RedisReplyError values', () => {
    const [reply] = read(bytes('%2\r\n$1\r\na\r\n~1\r\n:1\r\n$1\r\nb\r\n*2\r\n-WRONGTYPE bad\r\n_\r\n'))
      .values as RespValue[];
    const p = plain(reply as RespValue) as Map<unknown, unknown>;
    expect(p).toBeInstanceOf(Map);
    expect(p.get('a')).toEqual(new Set([1]));
    const [err, nil] = p.get('b') as unknown[];
    expect(err).toBeInstanceOf(RedisReplyError);
    expect((err as RedisReplyError).code).toBe('WRONGTYPE');
    expect(nil).toBeNull();
    const view = plain({ type: 'bulk', value: bytes('xy') }, { bulk: 'bytes' });
    expect(view).toEqual(bytes('xy'));
  });
});

describe('requests', () => {
  it('reads arrays of bulk strings and inline commands (quotes and escapes as Redis splits them)', () => {
    const input = bytes("*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nPING\r\nset k \"a b\\x41\\n\" 'it\\'s'\n\r\n");
    const { values, error } = read(input, { from: 'client' }, 1);
    expect(error).toBeUndefined();
    expect(values).toEqual([
      {
        type: 'array',
        value: [
          { type: 'bulk', value: bytes('ECHO') },
          { type: 'bulk', value: bytes('hi') },
        ],
      },
      { type: 'inline', value: [bytes('PING')] },
      { type: 'inline', value: [bytes('set'), bytes('k'), bytes('a bA\n'), bytes("it's")] },
      { type: 'inline', value: [] },
    ]);
    expect(read(input, { from: 'client' })).toEqual({ values });
    expect(read(bytes('get "k\r\n'), { from: 'client' }).error).toMatchObject({
      code: 'BAD_VALUE',
      offset: 4,
    });
  });

  it('encodes commands as clients send them, and inline commands that read back the same', () => {
    expect(text(encodeCommand(['SET', 'k', 42, bytes('\x00')]))).toBe(
      '*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n42\r\n$1\r\n\x00\r\n',
    );
    const inline = {
      type: 'inline' as const,
      value: [bytes('SET'), bytes('a b'), bytes('q"\\'), bytes('\x00\xff'), bytes('')],
    };
    expect(read(encodeRequest(inline), { from: 'client' }).values).toEqual([inline]);
  });
});

describe('long bulk strings in pieces', () => {
  it('emits a bulk string past streamBulkOver as views of the chunks, between whole values', () => {
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    const input = concat([
      bytes('+OK\r\n'),
      bytes(`$${big.length}\r\n`),
      big,
      bytes('\r\n:5\r\n$3\r\nabc\r\n'),
    ]);
    for (const piece of [1, 1460, 65536, input.length]) {
      const { values, error } = read(input, { streamBulkOver: 1000 }, piece);
      expect(error).toBeUndefined();
      const pieces = values.filter((v) => (v as BulkPiece).type === 'bulkPiece') as BulkPiece[];
      const others = values.filter((v) => (v as BulkPiece).type !== 'bulkPiece');
      expect(others).toEqual([
        { type: 'simple', value: 'OK' },
        { type: 'integer', value: 5 },
        { type: 'bulk', value: bytes('abc') },
      ]);
      expect(concat(pieces.map((p) => p.value))).toEqual(big);
      let at = 0;
      for (const p of pieces) {
        expect(p).toMatchObject({ at, length: big.length });
        at += p.value.length;
      }
      // No piece is held longer than the chunk it came in.
      if (piece < big.length)
        expect(Math.max(...pieces.map((p) => p.value.length))).toBeLessThanOrEqual(piece);
    }
  });

  it('an input that ends inside a streamed bulk string (or before its CRLF) is INCOMPLETE', () => {
    for (const cut of [
      '$20\r\n',
      '$20\r\n0123456789',
      '$20\r\n0123456789abcdefghij',
      '$20\r\n0123456789abcdefghij\r',
    ]) {
      const { error } = read(bytes(cut), { streamBulkOver: 5 }, 3);
      expect(error, cut).toMatchObject({ code: 'INCOMPLETE' });
    }
  });

  it('a streamed bulk string missing its CRLF fails after its pieces', () => {
    const { values, error } = read(bytes(`$2000\r\n${'x'.repeat(2000)}AB`), { streamBulkOver: 10 }, 512);
    expect(values.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'BAD_VALUE', offset: 2007 });
  });
});

describe('hostile input', () => {
  it('lying and malformed lengths: typed errors at the offending byte, after the values before', () => {
    const cases: [string, string, number][] = [
      ['$999999999999\r\n', 'TOO_LARGE', 1],
      ['*-7\r\n', 'BAD_LENGTH', 1],
      ['$1x\r\nab\r\n', 'BAD_LENGTH', 2],
      ['*1a\r\n', 'BAD_LENGTH', 2],
      ['$05\r\nhello\r\n', 'BAD_LENGTH', 1],
      ['$3\r\nabcd\r\n', 'BAD_VALUE', 7],
      ['*99999999999999999999\r\n', 'BAD_LENGTH', 16], // the digit past 2^53
      ['*3000000\r\n', 'TOO_LARGE', 10],
      ['?\r\n', 'BAD_TYPE', 0],
      [':1.5\r\n', 'BAD_VALUE', 2],
      ['#maybe\r\n', 'BAD_VALUE', 1],
      [',1e\r\n', 'BAD_VALUE', 1],
    ];
    for (const [bad, code, at] of cases) {
      const input = concat([bytes('+before\r\n'), bytes(bad)]);
      for (const piece of [1, 3, input.length]) {
        const { values, error } = read(input, {}, piece);
        expect(values, bad).toEqual([{ type: 'simple', value: 'before' }]);
        expect(error, bad).toMatchObject({ code, offset: 9 + at });
        expect(error?.message.length).toBeLessThan(600);
      }
    }
  });

  it('a line without CRLF for 1 MiB, in 1-byte and 1,460-byte pieces: linear, then LINE_TOO_LONG, memory bounded', () => {
    const mib = 1 << 20;
    const input = new Uint8Array(mib).fill(0x61);
    input[0] = 0x2b; // '+'
    for (const piece of [1, 1460]) {
      // With the default bound (64 KiB): the limit error once 64 KiB + 2 bytes are in, nothing more held.
      const reader = new RespReader();
      let error: unknown;
      let held = 0;
      let fed = 0;
      try {
        for (; fed < input.length; fed += piece) {
          reader.write(input.subarray(fed, fed + piece), () => {});
          held = Math.max(held, reader.buffered);
        }
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'LINE_TOO_LONG', offset: 1 });
      expect(fed).toBeLessThan(64 * 1024 + 2 + piece);
      expect(held).toBeLessThan(64 * 1024 + 2 + piece);
      // With the bound raised past 1 MiB, all of it is read in linear time: a quadratic search of
      // 2^20 one-byte pieces would look at ~2^39 bytes and not end.
      const t = performance.now();
      const long = new RespReader({ maxLineBytes: 2 * mib });
      for (let i = 0; i < input.length; i += piece) long.write(input.subarray(i, i + piece), () => {});
      expect(long.buffered).toBe(mib);
      expect(performance.now() - t).toBeLessThan(30_000);
      expect(() => long.finish(() => {})).toThrow(expect.objectContaining({ code: 'INCOMPLETE' }));
    }
  });

  it('nesting 100,000 deep: TOO_DEEP at the first level past maxDepth, no stack overflow', () => {
    const input = bytes(`${'*1\r\n'.repeat(100_000)}:1\r\n`);
    for (const piece of [1, 1460, input.length]) {
      const { values, error } = read(input, {}, piece);
      expect(values).toEqual([]);
      expect(error).toMatchObject({ code: 'TOO_DEEP', offset: 64 * 4 + 4 });
    }
    expect(read(bytes(`${'*1\r\n'.repeat(10)}:1\r\n`), { maxDepth: 10 }).values).toHaveLength(1);
  });

  it('random bytes: only typed errors, never a TypeError or RangeError (fast-check)', () => {
    const prefixes = samples.map(([w]) => bytes(w));
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 40 }),
        fc.nat(),
        (prefix, noise, piece) => {
          const input = concat([prefix, noise]);
          const whole = read(input);
          expect(read(input, {}, 1 + (piece % 7))).toEqual(whole);
        },
      ),
      { numRuns: 500 },
    );
  });
});
