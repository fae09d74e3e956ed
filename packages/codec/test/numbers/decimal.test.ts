import {
  bytesOf,
  type Codec,
  decimal,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
  StreamDecoder,
  struct,
  u8,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectStreamProperties, thrown, written } from '../helpers.js';

const crlf = '\r\n';
const Int = decimal({ until: crlf });
const Signed = decimal({ until: crlf, signed: true });
const Hex = decimal({ until: crlf, radix: 16 });
const Big = decimal({ until: crlf, signed: true, bigint: true });

/** The error decoding `text` with `codec` (at offset 1, after a u8). */
function fault(codec: Codec<number | bigint>, text: string) {
  return thrown(() => decode(struct({ n: u8, v: codec }), bytesOf(`\x00${text}`)));
}

describe('decimal', () => {
  it('reads ASCII integers ended by the delimiter, and writes them back', () => {
    expect(decode(Int, bytesOf('1000\r\n'))).toBe(1000);
    expect(decode(Int, bytesOf('0\r\n'))).toBe(0);
    expect(encode(Int, 1000)).toEqual(bytesOf('1000\r\n'));
    expect(decode(Signed, bytesOf('-42\r\n'))).toBe(-42);
    expect(encode(Signed, -42)).toEqual(bytesOf('-42\r\n'));
    expect(decode(Hex, bytesOf('1a2f\r\n'))).toBe(0x1a2f);
    expect(decode(Hex, bytesOf('1A2F\r\n'))).toBe(0x1a2f);
    expect(encode(Hex, 0x1a2f)).toEqual(bytesOf('1a2f\r\n'));
    expect(decode(decimal({ until: ';' }), bytesOf('7;'))).toBe(7);
  });

  it('reads every safe integer by default, and refuses one past it at the offending digit', () => {
    expect(decode(Signed, bytesOf('9007199254740991\r\n'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(decode(Signed, bytesOf('-9007199254740991\r\n'))).toBe(-Number.MAX_SAFE_INTEGER);
    expect(decode(Hex, bytesOf('1fffffffffffff\r\n'))).toBe(Number.MAX_SAFE_INTEGER);
    const e = fault(Int, '9007199254740992\r\n');
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 16, path: 'v' });
    expect(e.message).toMatch(/MAX_SAFE_INTEGER/);
    expect(fault(Signed, '-9007199254740992\r\n')).toMatchObject({ code: 'VALIDATION_FAILED', offset: 17 });
  });

  it('is strict: one spelling per value, faults at the offending byte', () => {
    const cases: [typeof Int, string, number][] = [
      [Int, '\r\n', 1], // no digits: the delimiter is where a digit was expected
      [Signed, '-\r\n', 2],
      [Int, '12x\r\n', 3],
      [Int, '-1\r\n', 1], // not signed
      [Signed, '+1\r\n', 1], // no plus
      [Signed, ' 1\r\n', 1],
      [Int, '1 \r\n', 2],
      [Int, '01\r\n', 1], // leading zero
      [Signed, '-0\r\n', 1],
      [Signed, '--1\r\n', 2],
      [Int, 'a\r\n', 1], // a hex digit in decimal
      [Hex, 'g\r\n', 1],
      [Int, '1\r2\r\n', 2], // half a delimiter
    ];
    for (const [codec, text, offset] of cases) {
      const e = fault(codec, text);
      expect(e, JSON.stringify(text)).toBeInstanceOf(ValidationError);
      expect(e, JSON.stringify(text)).toMatchObject({ offset, path: 'v' });
    }
    expect(fault(Int, '12x\r\n').message).toBe(
      'v: decimal: byte 78 ("x") is not a digit at byte 3 (bytes from 0: 00 31 32 78)',
    );
    expect(fault(Big, '-0\r\n')).toMatchObject({ offset: 1 });
    const lenient = decimal({ until: crlf, radix: 16, leadingZeros: true });
    expect(decode(lenient, bytesOf('000a\r\n'))).toBe(10);
    expect(encode(lenient, 10)).toEqual(bytesOf('a\r\n'));
    expect(fault(decimal({ until: crlf, signed: true, leadingZeros: true }), '-00\r\n')).toMatchObject({
      offset: 1,
    });
  });

  it('maxDigits: a LimitError at the field, without waiting for the delimiter', () => {
    const Small = decimal({ until: crlf, maxDigits: 3 });
    expect(decode(Small, bytesOf('999\r\n'))).toBe(999);
    const e = fault(Small, '1000\r\n');
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxDigits', offset: 1, path: 'v' });
    // A bad byte within the digits allowed is reported as such, even with no delimiter in sight.
    expect(fault(Small, '1x345678')).toMatchObject({ code: 'VALIDATION_FAILED', offset: 2 });
    expect(fault(Int, '12345678901234567\r\n')).toMatchObject({ limit: 'maxDigits', offset: 1 });
    const d = new StreamDecoder(Small);
    expect(written(d, bytesOf('12'))).toEqual([]);
    expect(written(d, bytesOf('34'))).toEqual([]);
    // The 5th byte: three digits and a delimiter would have ended by now.
    expect(() => written(d, bytesOf('5'))).toThrow(LimitError);
    // Cut short before: incomplete.
    expect(thrown(() => decode(Small, bytesOf('12')))).toBeInstanceOf(IncompleteError);
    expect(() => decimal({ until: crlf, maxDigits: 0 })).toThrow(TypeError);
  });

  it('bigint: any length up to maxDigits', () => {
    const big = 2n ** 200n + 1n;
    expect(decode(Big, bytesOf(`-${big}\r\n`))).toBe(-big);
    expect(encode(Big, -big)).toEqual(bytesOf(`-${big}\r\n`));
    const BigHex = decimal({ until: crlf, radix: 16, bigint: true });
    expect(decode(BigHex, bytesOf('ffffffffffffffffffff\r\n'))).toBe(2n ** 80n - 1n);
    expect(encode(BigHex, 255n)).toEqual(bytesOf('ff\r\n'));
    expect(fault(decimal({ until: crlf, bigint: true, maxDigits: 4 }), '12345\r\n')).toMatchObject({
      limit: 'maxDigits',
    });
  });

  it('refuses to encode what it would not decode', () => {
    const code = (f: () => unknown) => {
      const e = thrown(f);
      expect(e).toBeInstanceOf(EncodeError);
      return e.code;
    };
    expect(code(() => encode(Int, 1.5))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(Int, -1))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(Int, Number.MAX_SAFE_INTEGER + 1))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(Int, Number.NaN))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(Int, 10n as never))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(Big, 10 as never))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(decimal({ until: crlf, maxDigits: 2 }), 100))).toBe('OUT_OF_RANGE');
    expect(code(() => encode(decimal({ until: '0' }), 10))).toBe('CONTAINS_DELIMITER');
    expect(encode(Signed, -0)).toEqual(bytesOf('0\r\n'));
  });

  it("bigint: 'unsafe': a number while safe, a bigint past 2^53 (RESP's 64-bit integers)", () => {
    const Int64 = decimal({ until: crlf, signed: true, bigint: 'unsafe', maxDigits: 19 });
    expect(decode(Int64, bytesOf('9007199254740991\r\n'))).toBe(9007199254740991);
    expect(decode(Int64, bytesOf('9007199254740992\r\n'))).toBe(9007199254740992n);
    expect(decode(Int64, bytesOf('-9223372036854775808\r\n'))).toBe(-9223372036854775808n);
    expect(decode(Int64, bytesOf('-12\r\n'))).toBe(-12);
    expect(fault(Int64, '12345678901234567x\r\n')).toMatchObject({ code: 'VALIDATION_FAILED', offset: 18 });
    expect(fault(Int64, '12345678901234567890\r\n')).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(encode(Int64, 2n ** 63n - 1n)).toEqual(bytesOf('9223372036854775807\r\n'));
    expect(encode(Int64, -5)).toEqual(bytesOf('-5\r\n'));
    expect(thrown(() => encode(Int64, 0.5))).toMatchObject({ code: 'OUT_OF_RANGE' });
  });

  it('round-trips every integer it can hold (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(decode(Signed, encode(Signed, n))).toBe(n);
        const h = decimal({ until: crlf, signed: true, radix: 16 });
        expect(decode(h, encode(h, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 300n), max: 10n ** 300n }), (n) => {
        expect(decode(Big, encode(Big, n))).toBe(n);
      }),
    );
  });

  it('gives the same records and errors in any chunking (fast-check)', () => {
    const Rec = struct({ a: Signed, b: decimal({ until: 0x3b, radix: 16, maxDigits: 4 }) });
    const value = fc.record({ a: fc.maxSafeInteger(), b: fc.nat(0xffff) });
    const samples = [bytesOf('-12\r\nff;'), bytesOf('9007199254740991\r\n0;'), bytesOf('0\r\n1234;')];
    expectStreamProperties(Rec, value, samples, 50);
  });
});
