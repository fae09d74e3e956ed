// compileExpr: expressions of Kaitai's test suite (spec/ks/expr_*.kst and others, with their formats'
// field types and values) evaluate to the specs' expected values; the type rules and their
// TYPE_MISMATCH / UNKNOWN_NAME faults with columns; plain JS operators where the types prove them
// exact; and, over random integer expressions on fields of every width, the exact result (a
// BigInt reference) in the representation the static type promises.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KsyDecodeError, KsyError } from '../../../packages/ksy/src/errors.js';
import {
  ANY,
  arrayOf,
  BOOL,
  BYTES,
  compileExpr,
  compileSource,
  FLOAT,
  IO,
  type KType,
  ksyRuntime,
  mayBeBigint,
  primitiveType,
  STR,
} from '../../../packages/ksy/src/expr/index.js';
import { thrownBy } from '../../support/thrown.js';
import { run, TestScope, user } from './scope.js';
import { trees } from './trees.js';

const prim = (name: string): KType => (primitiveType(name) as { type: KType }).type;

/** Fields of the types the cases below use, named as in the corpus formats. */
const FIELDS: Record<string, KType> = {
  int_u: prim('u4'),
  int_s: prim('s4'),
  one: prim('u1'),
  two: STR,
  str1: STR,
  str2: STR,
  str3: STR,
  str4: STR,
  bytes_one: BYTES,
  bytes_two: BYTES,
  aint: arrayOf(prim('u4')),
  afloat: arrayOf(FLOAT),
  astr: arrayOf(STR),
  signed_unsafe_neg: prim('s8'),
  unsigned_max: prim('u8'),
  signed_min: prim('s8'),
  b64: prim('b64'),
  b33: prim('b33'),
  single_value: prim('f4'),
  double_value: prim('f8'),
  flag: BOOL,
  block1: user('block'),
  io: IO,
  raw: BYTES,
};
const VALUES = {
  int_u: 1262698832,
  int_s: -52947,
  one: 80,
  two: 'ACK',
  str1: 'Some ASCII',
  str2: 'こんにちは',
  str3: 'こんにちは',
  str4: '░▒▓',
  bytes_one: Uint8Array.of(0x50),
  bytes_two: Uint8Array.of(0x41, 0x43, 0x4b),
  aint: [7657765, 49185, 1123362332, 16272640],
  afloat: [-2.6839530254859364e-121, -8.754689149998834e288, -1.1103359815095273e-175],
  astr: ['foo', 'bar', 'baz'],
  signed_unsafe_neg: -9007199254740993n,
  unsigned_max: 0xffff_ffff_ffff_ffffn,
  signed_min: -0x8000_0000_0000_0000n,
  b64: 0xffff_ffff_ffff_ffffn,
  b33: 0x1_0000_0000n,
  single_value: 0.5,
  double_value: 0.25,
  flag: true,
  block1: { a: 1, b: 0x12345678, c: Uint8Array.of(1, 2), _sizes: { a: 1, b: 4, c: 2 } },
  io: { size: 12, pos: 3, eof: false },
  raw: Uint8Array.of(0xb0, 0xb1, 0xb2),
  _sizes: { block1: 7 },
};
const TYPES = {
  block: { fields: { a: prim('u1'), b: prim('u4'), c: BYTES }, bits: 56 },
  'block::inner': { fields: {}, bits: 3 },
  other: { fields: {} },
};
const scope = new TestScope(FIELDS, TYPES);
const evaluate = (source: string): unknown => run(source, scope, VALUES);

const fault = (source: string): KsyError => thrownBy(KsyError, () => compileSource(source, scope));

describe('compileExpr on the corpus cases', () => {
  it.each<[string, unknown]>([
    // expr_0, expr_1, expr_3
    ['7 + 0xf0', 0xf7],
    ['"abc" + "123"', 'abc123'],
    ['"@" + two', '@ACK'],
    ['"_" + two + "_"', '_ACK_'],
    ['two == "ACK"', true],
    ['two != "ACK"', false],
    ['two < "ACK2"', true],
    ['two > "ACK2"', false],
    ['two <= "ACK2"', true],
    ['two >= "ACK2"', false],
    ['"@" + two < two', true],
    ['not false', true],
    // expr_int_div, expr_mod
    ['9837 / 13', 756],
    ['-9837 / 13', -757],
    ['int_u / 13', 97130679],
    ['int_s / 13', -4073],
    ['9837 % 13', 9],
    ['-9837 % 13', 4],
    ['int_u % 13', 5],
    ['int_s % 13', 2],
    // expr_ops_parens
    ['(42 + -13).to_s', '29'],
    ['(6.28 + 2.72).to_i', 9],
    ['("01234" + "56789").length', 10],
    ['("01234" + "56789").reverse', '9876543210'],
    ['("01234" + "56789").substring(2, 7)', '23456'],
    ['("01234" + "56789").to_i', 123456789],
    ['(false == true).to_i', 0],
    ['(false and true).to_i', 0],
    ['(not false or false).to_i', 1],
    // expr_str_ops
    ['"foo|b".reverse', 'b|oof'],
    ['"foo|b".substring(3, 3)', ''],
    ['"9173".to_i', 9173],
    ['"-072".to_i(10)', -72],
    ['"1010110".to_i(2)', 0b1010110],
    ['"721".to_i(8)', 0o721],
    ['"47cf".to_i(16)', 0x47cf],
    ['"9173abc".to_i(16)', 0x9173abc],
    // expr_bytes_cmp
    ['bytes_two == [65, 67, 75]', true],
    ['bytes_two != [65, 67, 75]', false],
    ['bytes_two < [65, 67, 75, 50]', true],
    ['bytes_two > [65, 67, 75, 50]', false],
    ['bytes_two <= [65, 67, 75, 50]', true],
    ['bytes_two >= [65, 67, 75, 50]', false],
    ['bytes_one < bytes_two', false],
    ['[0x90, 67] > bytes_two', true],
    // expr_bytes_ops, expr_calc_array_ops, expr_array
    ['bytes_two.size', 3],
    ['bytes_two.first', 0x41],
    ['bytes_two[1]', 0x43],
    ['bytes_two.last', 0x4b],
    ['bytes_two.min', 0x41],
    ['[0x41, 0xff, 0x4b].max', 0xff],
    ['[0x41, 0xff, 0x4b].max.to_s', '255'],
    ['[10, 25, 50, 100, 200, 500, 1000].max', 1000],
    ['[10, 25, 50, 100, 200, 500, 1000][1]', 25],
    ['[10.0, 25.0, 50.0, 100.0, 3.25].min', 3.25],
    ['["un", "deux", "trois", "quatre"].min', 'deux'],
    ['["un", "deux", "trois", "quatre"].max', 'un'],
    ['["un", "deux", "trois", "quatre"].last', 'quatre'],
    ['aint.min', 49185],
    ['aint.max', 1123362332],
    ['aint.last', 16272640],
    ['afloat.min', -8.754689149998834e288],
    ['afloat.max', -1.1103359815095273e-175],
    ['astr.min', 'bar'],
    ['astr.size', 3],
    // expr_str_encodings
    ['str2 == "こんにちは"', true],
    ['str3 == str2', true],
    ['str4 == "░▒▓"', true],
    ['str4 > "┤"', true],
    ['str4 > [0xb4].to_s("IBM437")', true],
    ['raw.to_s("IBM437")', '░▒▓'],
    ['[0x82, 0xb1, 0x82, 0xf1].to_s("SJIS")', 'こん'],
    ['[0x41, 0, 0x42, 0].to_s("UTF-16LE")', 'AB'],
    ['[0, 0x41].to_s("UTF-16BE")', 'A'],
    ['[0xe3, 0x81, 0x93].to_s("UTF-8")', 'こ'],
    ['[0x53, 0x6f].to_s("ASCII")', 'So'],
    // integers_double_overflow, integers_min_max
    ['signed_unsafe_neg.to_s', '-9007199254740993'],
    ['unsigned_max', 0xffff_ffff_ffff_ffffn],
    ['signed_min.to_s', '-9223372036854775808'],
    // expr_fstring_0
    ['f""', ''],
    ['f"abc\\n\\tt"', 'abc\n\tt'],
    ['f"abc={\'foo\'}"', 'abc=foo'],
    ['f"abc={one}"', 'abc=80'],
    ['f"abc={two}"', 'abc=ACK'],
    // str_literals2, expr_sizeof_*, float_to_i, enums
    ['"$" + "{foo}" + "#{foo}"', '$' + '{foo}#{foo}'],
    ['sizeof<block>', 7],
    ['bitsizeof<block::inner>', 3],
    ['sizeof<b9>', 2],
    ['bitsizeof<u4>', 32],
    ['block1._sizeof', 7],
    ['block1.c._sizeof', 2],
    ['block1.b', 0x12345678],
    ['-2.7.to_i', -2],
    ['1.9.to_i', 1],
    ['single_value.to_i', 0],
    ['-0.5.to_i', 0],
    ['1e20.to_i', 10n ** 20n],
    ['(2.5e15 * 4).to_i + 1', 10n ** 16n + 1n],
    ['animal::dog', 4],
    ['animal::dog.to_i + 1', 5],
    ['animal::cat == animal::cat', true],
    ['block::color::huge', 0xffff_ffff_ffff_fff0n],
    ['io.size - io.pos', 9],
    ['io.eof', false],
    // bytes_pad_term_empty, expr_io_eof_bits …
    ['[].as<bytes>', new Uint8Array(0)],
    ['[].as<u1[]>', []],
    ['[1, 0x2].as<bytes>', Uint8Array.of(1, 2)],
    ['[1, 2].as<u4[]>', [1, 2]],
    ['bytes_two == [65, 67, 75].as<bytes>', true],
  ])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it('raises ConversionError for a string that is not a whole number (expr_to_i_trailing), an unknown encoding', () => {
    for (const source of [
      '"9173abc".to_i',
      '"123_.^".to_i',
      '"".to_i',
      '"12".to_i(1)',
      'raw.to_s("EBCDIC-XYZ")',
    ]) {
      const e = (() => {
        try {
          evaluate(source);
        } catch (x) {
          return x;
        }
      })();
      expect(e).toBeInstanceOf(KsyDecodeError);
      expect((e as KsyDecodeError).kaitaiName).toBe('ConversionError');
    }
  });
});

describe('compileExpr on integers', () => {
  it.each<[string, unknown]>([
    ['9007199254740991 + 2', 9007199254740993n],
    ['9007199254740991 + 1 - 1', 9007199254740991n],
    ['-9007199254740991 - 2', -9007199254740993n],
    ['4294967295 * 4294967295', 18446744065119617025n],
    ['0xffffffffffffffff', 0xffff_ffff_ffff_ffffn],
    ['unsigned_max + 1', 0x1_0000_0000_0000_0000n],
    ['unsigned_max / 3', 0x5555_5555_5555_5555n],
    ['unsigned_max % 10', 5n],
    ['signed_min / 7', -1317624576693539402n],
    ['signed_min % 7', 6n],
    ['-signed_min', 0x8000_0000_0000_0000n],
    ['~signed_min', 0x7fff_ffff_ffff_ffffn],
    ['unsigned_max >> 60', 15n],
    ['signed_min >> 62', -2n],
    ['1 << 62', 1n << 62n],
    ['1 << 31', 2147483648],
    ['int_u << 4', 1262698832 * 16],
    ['int_s >> 4', -3310],
    ['int_u >> 4', 78918677],
    ['int_u & 0xf0f0f0f0', (1262698832 & 0xf0f0f0f0) >>> 0],
    ['int_u | 0x80000000', (1262698832 | 0x80000000) >>> 0],
    ['int_u ^ int_s', Number(BigInt(1262698832) ^ BigInt(-52947))],
    ['b64 & 0xff', 0xffn],
    ['b33 - 1', 0xffff_ffffn],
    ['b33.to_s', '4294967296'],
    ['unsigned_max == 18446744073709551615', true],
    ['signed_unsafe_neg < -9007199254740992', true],
    ['b33 > 1.5', true],
    ['b33 * 0.5', 2147483648],
    ['flag ? b33 : 1', 0x1_0000_0000n],
    ['(flag ? 1 : b33) + 1', 2],
    ['-7 / 2', -4],
    ['7 / -2', -4],
    ['-7 % 2', 1],
    ['7 % -2', -1],
    ['-7.5 % 2', 0.5],
    ['0 * -5', 0],
    ['-0 / 5', 0],
    ['"18446744073709551615".to_i', 0xffff_ffff_ffff_ffffn],
    ['"-9223372036854775808".to_i(10) + 0', -0x8000_0000_0000_0000n],
    ['"7fffffffffffffff".to_i(16)', 0x7fff_ffff_ffff_ffffn],
    ['unsigned_max.as<u4>', Number(0xffff_ffff_ffff_ffffn)],
    ['[1, 2, 1000, 0x1ffffffffffff][3]', 0x1ffffffffffff],
    ['[1, 2.5]', [1, 2.5]],
    ['[unsigned_max, 1.5][0]', 18446744073709552000],
  ])('%s', (source, expected) => {
    const value = evaluate(source);
    expect(value).toEqual(expected);
    if (typeof value === 'number') expect(Object.is(value, -0)).toBe(false);
  });

  it('emits plain operators where the types prove them exact, helpers elsewhere', () => {
    const js = (s: string) => compileSource(s, scope).js;
    expect(js('one + 2 * int_s')).toBe('(v.one + (2 * v.int_s + 0))');
    expect(js('int_u / 13')).toBe('(Math.floor(v.int_u / 13) + 0)');
    expect(js('int_u / one')).toBe('$rt.div(v.int_u, v.one)');
    expect(js('int_s & 0xff | one << 3')).toBe('((v.int_s & 255) | (v.one << 3))');
    expect(js('one == 80')).toBe('(v.one === 80)');
    expect(js('int_u * int_u')).toBe('$rt.mul(v.int_u, v.int_u)');
    expect(js('int_u & 0xff')).toBe('$rt.and(v.int_u, 255)');
    expect(js('unsigned_max + 1')).toBe('$rt.add(v.unsigned_max, 1)');
    expect(js('unsigned_max == 1')).toBe('(v.unsigned_max == 1)');
    expect(js('int_s % 13')).toBe('$rt.mod(v.int_s, 13)');
    expect(js('bytes_two[one]')).toBe('v.bytes_two[v.one]');
    expect(js('bytes_two[unsigned_max]')).toBe('v.bytes_two[$rt.num(v.unsigned_max)]');
  });
});

describe('compileExpr on values of no static type', () => {
  const anyScope = new TestScope({ x: ANY, y: ANY, n: prim('u1') });
  it.each<[string, unknown, unknown, unknown]>([
    ['x + 1', 5, 0, 6],
    ['x + 1', 2n ** 64n, 0, 2n ** 64n + 1n],
    ['x - n', 2 ** 53 - 1, 0, 2 ** 53 - 1 - 80],
    ['x + "b"', 'a', 0, 'ab'],
    ['x * 0.5', 3, 0, 1.5],
    ['x == [1, 2]', Uint8Array.of(1, 2), 0, true],
    ['x < y', 1n, 2, true],
    ['x + y', 7, 2n, 9n],
    ['x / y', -7, 2, -4],
    ['x / y', 7.5, 2.5, 3],
    ['x + y', 'a', 'b', 'ab'],
    ['x[1]', [4, 5], 0, 5],
    ['(x ? 1 : 2) + 1', true, 0, 2],
  ])('%s with x = %s, y = %s', (source, x, y, expected) => {
    expect(run(source, anyScope, { x, y, n: 80 })).toEqual(expected);
  });
});

describe('compileExpr types', () => {
  it.each<[string, KType['kind'], object?]>([
    ['1 + 2', 'int', { int64: false }],
    ['1 + 2.0', 'float'],
    ['7 / 2', 'int'],
    ['unsigned_max + 1', 'int', { int64: true }],
    ['"a" + two', 'str'],
    ['[1, 2]', 'bytes'],
    ['[1, 256]', 'array', { of: { kind: 'int', bits: 9, int64: false } }],
    ['[1, 2.5]', 'array', { of: FLOAT }],
    ['["a"]', 'array', { of: STR }],
    ['flag ? 1 : 2.5', 'float'],
    ['flag ? block1 : block1', 'user'],
    ['one.as<block>', 'user', { ref: 'block' }],
    ['block1.as<u4[]>', 'array'],
    ['animal::dog', 'enum', { path: ['animal'] }],
    ['io.eof', 'bool'],
    ['one.as<b1>', 'bool'],
    ['one.as<b2>', 'int'],
    ['raw.to_s("UTF-8")', 'str'],
  ])('%s is %s', (source, kind, more) => {
    const { type } = compileSource(source, scope);
    expect(type.kind).toBe(kind);
    if (more) expect(type).toMatchObject(more);
  });

  it.each<[string, string, number]>([
    ['"a" + 1', 'TYPE_MISMATCH', 5],
    ['1 + true', 'TYPE_MISMATCH', 3],
    ['raw + raw', 'TYPE_MISMATCH', 5],
    ['1.5 & 1', 'TYPE_MISMATCH', 5],
    ['two < 1', 'TYPE_MISMATCH', 5],
    ['true < false', 'TYPE_MISMATCH', 6],
    ['animal::dog < animal::cat', 'TYPE_MISMATCH', 13],
    ['animal::dog == 4', 'TYPE_MISMATCH', 13],
    ['block1 == block1', 'TYPE_MISMATCH', 8],
    ['1 and true', 'TYPE_MISMATCH', 1],
    ['not 1', 'TYPE_MISMATCH', 5],
    ['-two', 'TYPE_MISMATCH', 1],
    ['~1.5', 'TYPE_MISMATCH', 1],
    ['1 ? 2 : 3', 'TYPE_MISMATCH', 1],
    ['flag ? 1 : "a"', 'TYPE_MISMATCH', 6],
    ['one.length', 'TYPE_MISMATCH', 4],
    ['two.size', 'TYPE_MISMATCH', 4],
    ['raw.reverse', 'TYPE_MISMATCH', 4],
    ['two.substring(1)', 'TYPE_MISMATCH', 4],
    ['two.substring(1, "a")', 'TYPE_MISMATCH', 18],
    ['two.to_i("a")', 'TYPE_MISMATCH', 10],
    ['one.to_s(16)', 'TYPE_MISMATCH', 4],
    ['1.5.to_s', 'TYPE_MISMATCH', 4],
    ['one[0]', 'TYPE_MISMATCH', 4],
    ['raw["a"]', 'TYPE_MISMATCH', 5],
    ['[1, "a"]', 'TYPE_MISMATCH', 5],
    ['[]', 'TYPE_MISMATCH', 1],
    ['[1].as<str>', 'TYPE_MISMATCH', 4],
    ['["a"].as<bytes>', 'TYPE_MISMATCH', 6],
    ['block1.nope', 'TYPE_MISMATCH', 7],
    ['one._sizeof._sizeof', 'TYPE_MISMATCH', 12],
    ['sizeof<other>', 'TYPE_MISMATCH', 1],
    ['sizeof<str>', 'TYPE_MISMATCH', 1],
    ['f"{raw}"', 'TYPE_MISMATCH', 4],
    ['nope + 1', 'UNKNOWN_NAME', 1],
    ['animal::cow', 'UNKNOWN_NAME', 1],
    ['one.as<nope>', 'UNKNOWN_NAME', 4],
  ])('%s: %s at column %i', (source, code, column) => {
    const e = fault(source);
    expect(e.code).toBe(code);
    expect(e.column).toBe(column);
  });
});

// Random integer expressions over fields of each width (numbers and bigints), against a BigInt
// reference with Kaitai's floor division and modulo.
const INT_FIELDS: Record<string, [KType, fc.Arbitrary<bigint>]> = {
  u1: [prim('u1'), fc.bigInt({ min: 0n, max: 255n })],
  s2: [prim('s2'), fc.bigInt({ min: -(2n ** 15n), max: 2n ** 15n - 1n })],
  u4: [prim('u4'), fc.bigInt({ min: 0n, max: 2n ** 32n - 1n })],
  s4: [prim('s4'), fc.bigInt({ min: -(2n ** 31n), max: 2n ** 31n - 1n })],
  b40: [prim('b40'), fc.bigInt({ min: 0n, max: 2n ** 40n - 1n })],
  u8: [prim('u8'), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })],
  s8: [prim('s8'), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })],
};
const intScope = new TestScope(Object.fromEntries(Object.entries(INT_FIELDS).map(([k, [t]]) => [k, t])));

type Values = Record<string, bigint>;
type IntExpr = { src: string; ref: (v: Values) => bigint };
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};
const intExpr = fc.letrec<{ e: IntExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    fc
      .constantFrom(...Object.keys(INT_FIELDS))
      .map((name) => ({ src: name, ref: (v: Values) => v[name] as bigint })),
    fc.bigInt({ min: 0n, max: 2n ** 64n }).map((n) => ({ src: String(n), ref: () => n })),
    fc
      .record({ a: tie('e'), op: fc.constantFrom('+', '-', '*', '/', '%', '&', '|', '^'), b: tie('e') })
      .map(({ a, op, b }) => ({
        src: `(${a.src} ${op} ${b.src})`,
        ref: (v: Values) => {
          const x = a.ref(v);
          const y = b.ref(v);
          if ((op === '/' || op === '%') && y === 0n) throw new RangeError('by zero');
          return {
            '+': () => x + y,
            '-': () => x - y,
            '*': () => x * y,
            '/': () => floorDiv(x, y),
            '%': () => x - floorDiv(x, y) * y,
            '&': () => x & y,
            '|': () => x | y,
            '^': () => x ^ y,
          }[op]();
        },
      })),
    fc
      .record({ a: tie('e'), op: fc.constantFrom('<<', '>>'), n: fc.integer({ min: 0, max: 70 }) })
      .map(({ a, op, n }) => ({
        src: `(${a.src} ${op} ${n})`,
        ref: (v: Values) => (op === '<<' ? a.ref(v) << BigInt(n) : a.ref(v) >> BigInt(n)),
      })),
    fc.record({ a: tie('e'), op: fc.constantFrom('-', '~') }).map(({ a, op }) => ({
      src: `${op}${a.src}`,
      ref: (v: Values) => (op === '-' ? -a.ref(v) : ~a.ref(v)),
    })),
  ),
})).e;
const values = fc.record(Object.fromEntries(Object.entries(INT_FIELDS).map(([k, [, arb]]) => [k, arb])));

describe('integer arithmetic', () => {
  it('is exact, and a number whenever the static type says it cannot be a bigint', () => {
    fc.assert(
      fc.property(intExpr, values, (e, v) => {
        const { js, type } = compileSource(e.src, intScope);
        const decoded = Object.fromEntries(
          Object.entries(v).map(([k, x]) => [
            k,
            mayBeBigint((INT_FIELDS[k] as [KType, unknown])[0]) ? x : Number(x),
          ]),
        );
        let expected: bigint | RangeError;
        try {
          expected = e.ref(v);
        } catch (x) {
          expected = x as RangeError;
        }
        const f = new Function('$rt', 'v', `return ${js};`) as (rt: unknown, v: unknown) => unknown;
        if (expected instanceof RangeError) {
          // A zero divisor, even deep inside: a RangeError.
          expect(() => f(ksyRuntime, decoded)).toThrow(RangeError);
          return;
        }
        const got = f(ksyRuntime, decoded);
        expect(type.kind).toBe('int');
        if (type.kind === 'int' && !type.int64) {
          expect(typeof got).toBe('number');
          expect(Math.abs(got as number)).toBeLessThanOrEqual(2 ** 53);
        }
        expect(typeof got === 'bigint' || Number.isInteger(got)).toBe(true);
        expect(Object.is(got, -0)).toBe(false);
        expect(BigInt(got as number | bigint)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compileExpr on any tree', () => {
  const tree = trees({
    names: [...Object.keys(FIELDS), 'nope'],
    members: [
      'length',
      'size',
      'to_s',
      'to_i',
      'first',
      'last',
      'min',
      'max',
      'reverse',
      'substring',
      'eof',
      'a',
      'c',
    ],
    types: ['u4', 'b1', 'f8', 'bytes', 'str', 'block', 'inner', 'animal', 'dog'],
  });
  it('compiles it to a JS expression that runs, or refuses it with a KsyError', () => {
    let compiled = 0;
    fc.assert(
      fc.property(tree, (ast) => {
        let js: string;
        try {
          js = compileExpr(ast, scope).js;
        } catch (e) {
          expect(e).toBeInstanceOf(KsyError);
          return;
        }
        // It runs: no syntax error, no bigint mixed with a number; a zero divisor or a string
        // that is no number is the data's fault.
        const f = new Function('$rt', 'v', `return ${js};`);
        try {
          f(ksyRuntime, VALUES);
        } catch (e) {
          expect(e instanceof RangeError || e instanceof KsyDecodeError).toBe(true);
        }
        compiled++;
      }),
      { numRuns: 3000 },
    );
    expect(compiled).toBeGreaterThan(300);
  });
});
