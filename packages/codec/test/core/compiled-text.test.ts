/**
 * The compiled reads of decimal, delimited fields (`string({ until })`, `bytes({ until })`) and
 * lazy against the interpreter: the same values and errors from one buffer and in any chunking,
 * and the compiled code really reading them (no interpreter call, a value rather than FAIL).
 */
import {
  array,
  bytes,
  bytesOf,
  type Codec,
  decimal,
  defineCodec,
  encode,
  lazy,
  sized,
  string,
  struct,
  u8,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compiledRead } from '../../src/api/compile.js';
import { DelimitedCodec } from '../../src/bytes/delimited.js';
import { FAIL } from '../../src/core/gen.js';
import { LazyCodec } from '../../src/lazy/lazy.js';
import { DecimalCodec } from '../../src/numbers/decimal.js';
import { TaggedUnionCodec } from '../../src/union/union.js';
import { bin, compiledOnce, expectEnginesAgree } from '../helpers.js';
import { hostileBytes } from '../mutations.js';
import { nested, Resp, values } from '../resp.js';

const CRLF = '\r\n';

describe('compiled decimal', () => {
  const codecs = {
    int: decimal({ until: CRLF, maxDigits: 10 }),
    signed: decimal({ until: CRLF, signed: true }),
    hex: decimal({ until: CRLF, radix: 16 }),
    big: decimal({ until: CRLF, signed: true, bigint: true }),
    unsafe: decimal({ until: CRLF, signed: true, bigint: 'unsafe', maxDigits: 19 }),
    zeros: decimal({ until: ';', leadingZeros: true, maxDigits: 3 }),
  };

  it('reads the number in place, with no interpreter call', () => {
    for (const codec of Object.values(codecs)) expect(String(compiledRead(codec))).not.toContain('.read(st)');
    const cases: [Codec<number | bigint>, string, number | bigint][] = [
      [codecs.int, '1000\r\n', 1000],
      [codecs.int, '0\r\n', 0],
      [codecs.int, '4294967295\r\n', 4294967295],
      [codecs.signed, '-42\r\n', -42],
      [codecs.signed, '9007199254740991\r\n', Number.MAX_SAFE_INTEGER],
      [codecs.hex, '1a2F\r\n', 0x1a2f],
      [codecs.big, '-123456789012345678901234567890\r\n', -123456789012345678901234567890n],
      [codecs.big, '0\r\n', 0n],
      [codecs.unsafe, '9007199254740991\r\n', Number.MAX_SAFE_INTEGER],
      [codecs.unsafe, '9007199254740992\r\n', 9007199254740992n],
      [codecs.unsafe, '-9223372036854775808\r\n', -9223372036854775808n],
      [codecs.zeros, '007;', 7],
    ];
    for (const [codec, text, value] of cases) {
      expect(compiledOnce(codec, bytesOf(text))).toBe(value);
      expect(expectEnginesAgree(codec, bytesOf(text)).records).toEqual([value]);
    }
  });

  it('leaves every fault to the interpreter, which raises it in any chunking', () => {
    const cases: [Codec<number | bigint>, string][] = [
      [codecs.int, '\r\n'],
      [codecs.int, '01\r\n'],
      [codecs.int, '12345678901\r\n'],
      [codecs.int, '12x\r\n'],
      [codecs.int, '-1\r\n'],
      [codecs.int, '12\r\r\n'],
      [codecs.int, '12\n'],
      [codecs.signed, '-0\r\n'],
      [codecs.signed, '-\r\n'],
      [codecs.signed, '9007199254740992\r\n'],
      [codecs.hex, '1g\r\n'],
      [codecs.big, '-0\r\n'],
      [codecs.unsafe, '12345678901234567890\r\n'],
      [codecs.zeros, '0001;'],
    ];
    for (const [codec, text] of cases) {
      expect(compiledOnce(codec, bytesOf(text))).toBe(FAIL);
      // after a good record, which is emitted first
      const good = codec === codecs.zeros ? '1;' : `1${CRLF}`;
      const outcome = expectEnginesAgree(codec, bytesOf(good + text));
      expect(outcome.records).toHaveLength(1);
      expect(outcome.error).toBeDefined();
    }
  });

  it('leaves a delimiter that begins with a digit or a sign to the interpreter', () => {
    for (const until of ['0', '-;']) {
      const codec = decimal({ until, signed: true });
      expect(String(compiledRead(codec))).toContain('.read(st)');
      expect(expectEnginesAgree(codec, bytesOf(`12${until}-1${until}${until}`))).toMatchObject({
        records: [12, -1],
        error: { code: 'VALIDATION_FAILED' },
      });
    }
  });
});

describe('compiled delimited fields', () => {
  const line = string({ until: CRLF, maxLength: 5 });
  const nul = bytes({ until: 0 });
  const pair = string({ until: ';;', encoding: 'latin1' });

  it('reads text and bytes up to the first delimiter in place, with no interpreter call', () => {
    for (const codec of [line, nul, pair] as Codec<unknown>[])
      expect(String(compiledRead(codec))).not.toContain('.read(st)');
    expect(compiledOnce(line, bytesOf('hello\r\n'))).toBe('hello');
    expect(compiledOnce(line, bin(0xc3, 0xa9, 13, 10))).toBe('é');
    expect(compiledOnce(line, bytesOf('\r\n'))).toBe('');
    expect(compiledOnce(nul, bin(1, 2, 0, 3))).toEqual(bin(1, 2));
    expect(compiledOnce(pair, bytesOf('a;;;b'))).toBe('a');
    expect(expectEnginesAgree(line, bytesOf('ab\r\r\n\r\nxyz\r\n')).records).toEqual(['ab\r', '', 'xyz']);
    expect(expectEnginesAgree(pair, bytesOf('a;;;b;;')).records).toEqual(['a', ';b']);
    expect(expectEnginesAgree(nul, bin(1, 0, 0, 2, 3, 0)).records).toEqual([bin(1), bin(), bin(2, 3)]);
  });

  it('leaves a field too long, malformed or cut short to the interpreter', () => {
    for (const b of [bytesOf('abcdef\r\n'), bin(0xc3, 0x28, 13, 10), bytesOf('ab\r'), bytesOf('abc')]) {
      expect(compiledOnce(line, b)).toBe(FAIL);
      expect(expectEnginesAgree(line, Uint8Array.from([...bytesOf(`ok${CRLF}`), ...b])).error).toBeDefined();
    }
    expect(expectEnginesAgree(line, bytesOf('ok\r\nabcdef\r\n')).error).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining('maxLength'),
      offset: 4,
    });
  });

  it('stops at the end of an enclosing section', () => {
    const Framed = sized(u8, struct({ name: string({ until: ';' }), rest: bytes('toEnd') }));
    expect(String(compiledRead(Framed))).not.toContain('.read(st)');
    expect(compiledOnce(Framed, bin(4, 0x61, 0x3b, 1, 2))).toEqual({ name: 'a', rest: bin(1, 2) });
    expect(expectEnginesAgree(Framed, bin(2, 0x61, 0x62, 0x3b, 3, 1, 0x3b, 9)).error).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
  });
});

describe('compiled lazy', () => {
  it("reads each level through the target's own function, with no interpreter call", () => {
    // The first level inlined (its own switch), the levels below it calls
    const code = String(compiledRead(Resp));
    expect(code.match(/switch \(/g)).toHaveLength(2);
    expect(code).toContain('read$0(st');
    const b = bytesOf('*3\r\n:1\r\n$2\r\nhi\r\n*1\r\n+ok\r\n');
    const want = {
      type: 'array',
      value: [
        { type: 'integer', value: 1 },
        { type: 'bulk', value: bytesOf('hi') },
        { type: 'array', value: [{ type: 'simple', value: 'ok' }] },
      ],
    };
    // No interpreter runs (the functions the code calls are not in its text: watch the reads).
    const reads = [LazyCodec, TaggedUnionCodec, DecimalCodec, DelimitedCodec].map((c) =>
      vi.spyOn(c.prototype, 'read'),
    );
    expect(compiledOnce(Resp, b)).toEqual(want);
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(expectEnginesAgree(Resp, b).records).toEqual([want]);
  });

  it('counts its levels against maxDepth as the interpreter does', () => {
    expect(compiledOnce(Resp, nested(3), { maxDepth: 3 })).toMatchObject({ type: 'array' });
    expect(compiledOnce(Resp, nested(4), { maxDepth: 3 })).toBe(FAIL);
    expect(expectEnginesAgree(Resp, nested(3), { limits: { maxDepth: 3 } }).records).toHaveLength(1);
    expect(expectEnginesAgree(Resp, nested(4), { limits: { maxDepth: 3 } }).error).toMatchObject({
      message: expect.stringContaining('maxDepth'),
      offset: 16,
    });
  });

  it('hands an interpreted child inside the recursion the levels already counted', () => {
    // Every level goes through a user codec, so past the first the interpreter counts them.
    interface Node {
      v: number;
      kids: Node[];
    }
    const boxed: Codec<Node> = defineCodec<Node>({
      read: (st) => Node.read(st),
      write: (w, v) => Node.write(w, v),
    });
    const Node: Codec<Node> = struct({
      v: u8,
      kids: array(
        lazy(() => boxed),
        { count: u8 },
      ),
    });
    const chain = (depth: number) =>
      Uint8Array.from({ length: 2 * depth }, (_, i) => (i % 2 === 1 && i < 2 * depth - 1 ? 1 : 0));
    for (const depth of [3, 4, 5]) {
      const outcome = expectEnginesAgree(Node, chain(depth), { limits: { maxDepth: 3 } });
      expect(outcome.error === undefined).toBe(depth <= 4);
    }
  });

  it('agrees with the interpreter on streams of random values, and on bytes near them', () => {
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 3 }), (records) => {
        const stream = Uint8Array.from(records.flatMap((r) => [...encode(Resp, r)]));
        expect(expectEnginesAgree(Resp, stream).records).toEqual(records);
      }),
      { numRuns: 60 },
    );
    const samples = fc.sample(fc.array(values, { minLength: 1, maxLength: 3 }), { numRuns: 8, seed: 7 });
    const encoded = samples.map((rs) => Uint8Array.from(rs.flatMap((r) => [...encode(Resp, r)])));
    fc.assert(
      fc.property(hostileBytes([...encoded, nested(6)]), (b) => {
        expectEnginesAgree(Resp, b, { limits: { maxDepth: 4 } });
      }),
      { numRuns: 150 },
    );
  });
});
