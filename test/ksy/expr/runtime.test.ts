// The runtime helpers on their own: each integer helper against BigInt arithmetic for numbers and
// bigints mixed, byte-array order against Buffer.compare, `to_i` with every radix, and each encoding
// both ways (known bytes of the corpus' strings, and round trips over its repertoire).

import { loadKsy } from '@stride/ksy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KsyDecodeError } from '../../../packages/ksy/src/errors.js';
import {
  bytesToStr,
  encodingCodec,
  type Int,
  ksyRuntime as rt,
  strToBytes,
} from '../../../packages/ksy/src/expr/index.js';
import { valueEq } from '../../../packages/ksy/src/expr/runtime.js';

/** An integer as a safe number or (either way) a bigint, and its BigInt value. */
const int = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }).map((n) => [n, BigInt(n)] as const),
  fc.maxSafeInteger().map((n) => [n, BigInt(n)] as const),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map((n) => [n, n] as const),
);
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};
const BINARY: Record<string, [(a: Int, b: Int) => Int, (a: bigint, b: bigint) => bigint]> = {
  add: [rt.add, (a, b) => a + b],
  sub: [rt.sub, (a, b) => a - b],
  mul: [rt.mul, (a, b) => a * b],
  div: [rt.div, floorDiv],
  mod: [rt.mod, (a, b) => a - floorDiv(a, b) * b],
  and: [rt.and, (a, b) => a & b],
  or: [rt.or, (a, b) => a | b],
  xor: [rt.xor, (a, b) => a ^ b],
};

/** A number result is a safe integer and no -0; a bigint only when an operand was one or it must be. */
function checkInt(got: Int, expected: bigint, operands: readonly Int[]): void {
  expect(BigInt(got)).toBe(expected);
  if (typeof got === 'number') {
    expect(Number.isSafeInteger(got) && !Object.is(got, -0)).toBe(true);
  } else {
    expect(operands.some((o) => typeof o === 'bigint') || !Number.isSafeInteger(Number(expected))).toBe(true);
  }
}

describe('integer helpers', () => {
  it.each(Object.keys(BINARY))('%s is exact', (name) => {
    const [f, ref] = BINARY[name] as (typeof BINARY)[string];
    fc.assert(
      fc.property(int, int, ([a, x], [b, y]) => {
        if ((name === 'div' || name === 'mod') && y === 0n) {
          expect(() => f(a, b)).toThrow(RangeError);
          return;
        }
        checkInt(f(a, b), ref(x, y), [a, b]);
      }),
      { numRuns: 2000 },
    );
  });

  it('shifts, negates and inverts exactly', () => {
    fc.assert(
      fc.property(int, fc.integer({ min: 0, max: 80 }), ([a, x], n) => {
        checkInt(rt.shl(a, n), x << BigInt(n), [a]);
        checkInt(rt.shr(a, n), x >> BigInt(n), [a]);
        checkInt(rt.neg(a), -x, [a]);
        checkInt(rt.not(a), ~x, [a]);
      }),
      { numRuns: 2000 },
    );
  });

  it('has floor division and modulo as Kaitai (the result of % takes the divisor sign)', () => {
    expect([rt.div(-9837, 13), rt.mod(-9837, 13), rt.mod(9837, -13), rt.div(9837, -13)]).toEqual([
      -757, 4, -4, -757,
    ]);
    expect([rt.mod(-9837n, 13), rt.div(-(2n ** 63n), -1)]).toEqual([4n, 2n ** 63n]);
    expect(Object.is(rt.div(0, -5), 0)).toBe(true);
    expect([rt.not(Number.MAX_SAFE_INTEGER), rt.and(-(2 ** 52), -(2 ** 52) - 1)]).toEqual([
      -(2n ** 53n),
      -(2n ** 53n),
    ]);
  });
});

describe('floatToI', () => {
  it('truncates toward zero; an integer cast to a float (a bigint) stays whole', () => {
    expect(rt.floatToI(-2.7)).toBe(-2);
    expect(rt.floatToI(2 ** 60)).toBe(2n ** 60n);
    expect(rt.floatToI(9007199254740992n)).toBe(9007199254740992n);
  });
});

describe('valueEq (Kaitai’s ==)', () => {
  it('integers of either kind by value, a float never a bigint, bytes by their bytes', () => {
    fc.assert(
      fc.property(int, int, ([a, ab], [b, bb]) => {
        expect(valueEq(a, bb)).toBe(ab === bb);
        expect(valueEq(ab, b)).toBe(ab === bb);
      }),
    );
    expect(valueEq(1.5, 1n)).toBe(false);
    expect(valueEq(2 ** 60, 2n ** 60n)).toBe(true);
    expect(valueEq(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(valueEq(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
    expect(valueEq('a', 'a')).toBe(true);
  });
});

describe('byte arrays and arrays', () => {
  it('orders byte arrays as unsigned bytes, a prefix first', () => {
    const bytes = fc.uint8Array({ maxLength: 6 });
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        const expected = Math.sign(Buffer.compare(a, b));
        expect(Math.sign(rt.bytesCmp(a, b))).toBe(expected);
        expect(rt.bytesEq(a, b)).toBe(expected === 0);
      }),
    );
  });

  it('takes min, max and last of numbers, bigints and strings', () => {
    expect([rt.min([3, 1n, 2]), rt.max([3, 10n, 2]), rt.last(Uint8Array.of(1, 2))]).toEqual([1n, 10n, 2]);
    expect([rt.min(['un', 'deux']), rt.max(['un', 'deux'])]).toEqual(['deux', 'un']);
    expect(rt.strReverse('a😀b')).toBe('b😀a');
  });
});

describe('strToI', () => {
  it('reads every radix, numbers while safe, bigints past that', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
        fc.integer({ min: 2, max: 36 }),
        (n, radix) => {
          const got = rt.strToI(n.toString(radix), radix);
          expect(BigInt(got)).toBe(n);
          expect(typeof got).toBe(Number.isSafeInteger(Number(n)) ? 'number' : 'bigint');
          expect(rt.strToI(n.toString(radix).toUpperCase(), radix)).toEqual(got);
        },
      ),
    );
  });

  it.each([
    ['9173abc', 10],
    ['123_.^', 10],
    ['', 10],
    ['-', 10],
    [' 12', 10],
    ['12 ', 10],
    ['0x1f', 16],
    ['1.5', 10],
    ['2', 2],
    ['z', 35],
  ])('refuses %j in base %i with a ConversionError', (s, radix) => {
    expect(() => rt.strToI(s, radix)).toThrow(KsyDecodeError);
    expect(() => rt.strToI(s, radix)).toThrow(expect.objectContaining({ kaitaiName: 'ConversionError' }));
  });

  it('a ConversionError in a read is placed where its stream was, with the field', () => {
    const format = loadKsy(`
meta: {id: cv}
seq:
  - {id: pad, size: 3}
  - {id: s, type: str, size: 2, encoding: ASCII}
  - {id: n, type: u1, repeat: expr, repeat-expr: s.to_i}
`);
    expect(() => format.decode(new TextEncoder().encode('abcxy'))).toThrow(
      expect.objectContaining({ code: 'CONVERSION', offset: 5, path: 'n' }),
    );
    expect([...(format.decode(new TextEncoder().encode('abc01\x07')) as { n: number[] }).n]).toEqual([7]);
  });
});

describe('encodings', () => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

  it.each([
    ['UTF-8', 'こんにちは', 'e38193e38293e381abe381a1e381af'],
    ['ASCII', 'Some ASCII', '536f6d65204153434949'],
    ['SJIS', 'こんにちは', '82b182f182c982bf82cd'],
    ['Shift_JIS', 'ｱ漢A', 'b18abf41'],
    ['IBM437', '░▒▓', 'b0b1b2'],
    ['cp437', 'ÇüéΣ²■\u00a0', '808182e4fdfeff'],
    ['UTF-16LE', 'Aé😀', '4100e9003dd800de'],
    ['UTF-16BE', 'Aé😀', '004100e9d83dde00'],
    ['ISO-8859-1', 'é¤', 'e9a4'],
    ['utf8', '€', 'e282ac'],
  ])('%s: %s is %s', (encoding, text, bytes) => {
    expect(hex(strToBytes(text, encoding))).toBe(bytes);
    expect(bytesToStr(Buffer.from(bytes, 'hex'), encoding)).toBe(text);
  });

  it('round-trips every character of each single-byte encoding and of Shift_JIS', () => {
    for (const encoding of ['IBM437', 'ISO-8859-1', 'ASCII']) {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      expect(strToBytes(bytesToStr(all, encoding), encoding)).toEqual(all);
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0x8140, max: 0x9ffc }), { maxLength: 20 }), (codes) => {
        const bytes = Uint8Array.from(codes.flatMap((c) => [c >> 8, c & 0xff]));
        const text = bytesToStr(bytes, 'SJIS');
        fc.pre(!text.includes('\ufffd'));
        expect(bytesToStr(strToBytes(text, 'SJIS'), 'SJIS')).toBe(text);
      }),
    );
  });

  it('round-trips any string through UTF-8 and UTF-16', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        for (const encoding of ['UTF-8', 'UTF-16LE', 'UTF-16BE'])
          expect(bytesToStr(strToBytes(text, encoding), encoding)).toBe(text);
      }),
    );
  });

  it('knows names case-insensitively and refuses unknown ones', () => {
    expect(encodingCodec('utf-16le')).toBe(encodingCodec('UTF16LE'));
    expect(encodingCodec('windows-1252')).toBeDefined();
    expect(encodingCodec('EBCDIC-XYZ')).toBeUndefined();
    expect(() => bytesToStr(Uint8Array.of(1), 'EBCDIC-XYZ')).toThrow(KsyDecodeError);
    expect(() => strToBytes('€', 'IBM437')).toThrow(RangeError);
    expect(() => strToBytes('é', 'windows-1252')).toThrow(RangeError);
  });
});
