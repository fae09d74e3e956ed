// parseExpr: Kaitai's grammar (precedence and associativity as its compiler's Expressions.scala,
// shown by printing the tree with every parenthesis), literals of every form, the precise column
// of a syntax error, and the round trip parse(print(ast)) == ast over random trees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KsyError } from '../../../packages/ksy/src/errors.js';
import { type Ast, parseExpr, printExpr, type TypeRef } from '../../../packages/ksy/src/expr/index.js';
import { thrownBy } from '../../support/thrown.js';
import { strip, trees } from './trees.js';

/** The tree with every operation parenthesized, to read precedence off. */
function full(a: Ast): string {
  switch (a.kind) {
    case 'binary':
    case 'compare':
    case 'logic':
      return `(${full(a.left)} ${a.op} ${full(a.right)})`;
    case 'unary':
      return `(${a.op === 'not' ? 'not ' : a.op}${full(a.operand)})`;
    case 'cond':
      return `(${full(a.test)} ? ${full(a.ifTrue)} : ${full(a.ifFalse)})`;
    case 'attr':
      return `${full(a.object)}.${a.name}`;
    case 'call':
      return `${full(a.object)}.${a.name}(${a.args.map(full).join(', ')})`;
    case 'index':
      return `${full(a.object)}[${full(a.index)}]`;
    case 'cast':
      return `${full(a.object)}.as<${a.type.path.join('::')}>`;
    default:
      return printExpr(a);
  }
}

const syntaxError = (source: string): KsyError => thrownBy(KsyError, () => parseExpr(source));

describe('parseExpr', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['a / b % c', '((a / b) % c)'],
    ['1 << 2 + 3', '(1 << (2 + 3))'],
    ['a & b | c ^ d', '((a & b) | (c ^ d))'],
    ['a | b == c', '((a | b) == c)'],
    ['not a == b', '(not (a == b))'],
    ['not not a', '(not (not a))'],
    ['a and b or c and d', '((a and b) or (c and d))'],
    ['a or b ? c : d ? e : f', '((a or b) ? c : (d ? e : f))'],
    ['a ? b ? c : d : e', '(a ? (b ? c : d) : e)'],
    ['-a.b', '(-a.b)'],
    ['- -3', '(-(-3))'],
    ['+5', '5'],
    ['~a[1].c(2).as<u4>', '(~a[1].c(2).as<u4>)'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['a.b.c[0].d', 'a.b.c[0].d'],
    ['x.to_s("UTF-8").length', 'x.to_s("UTF-8").length'],
    ['a >= b', '(a >= b)'],
    ['a\n  + b', '(a + b)'],
    ['a \\\n + b', '(a + b)'],
  ])('%s', (source, expected) => {
    expect(full(parseExpr(source))).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['0xff', 255n],
    ['0XfF_fF', 0xffffn],
    ['0o17', 15n],
    ['0b1_0_1', 5n],
    ['1_000_000', 1000000n],
    ['0', 0n],
    ['18446744073709551615', 18446744073709551615n],
  ])('integer %s', (source, value) => {
    expect(parseExpr(source)).toEqual({ kind: 'int', value, at: 0 });
  });

  it.each([
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['2.5e+2', 250],
  ])('float %s', (source, value) => {
    expect(parseExpr(source)).toEqual({ kind: 'float', value, at: 0 });
  });

  it('reads `1.to_s` as a call on the integer 1', () => {
    expect(strip(parseExpr('1.to_s'))).toEqual({
      kind: 'attr',
      object: { kind: 'int', value: 1n },
      name: 'to_s',
    });
  });

  it.each([
    [`'a\\n"b'`, 'a\\n"b'],
    [`"a\\n\\t\\\\\\"\\'"`, 'a\n\t\\"\''],
    [`"\\a\\b\\v\\f\\r\\e"`, '\x07\b\v\f\r\x1b'],
    [`"\\0\\12\\101"`, '\0\nA'],
    [`"\\u00e9\\u2591"`, 'é░'],
    [`"ab" 'cd' "ef"`, 'abcdef'],
    [`"$foo \${foo} #{foo} @foo"`, `$foo \${foo} #{foo} @foo`],
  ])('string %s', (source, value) => {
    expect(parseExpr(source)).toEqual({ kind: 'str', value, at: 0 });
  });

  it('parses f-strings, with positions inside the braces', () => {
    const a = parseExpr('f"abc={x + 1}\\n{\'}\'}"');
    expect(strip(a)).toEqual({
      kind: 'fstring',
      parts: [
        'abc=',
        { kind: 'binary', op: '+', left: { kind: 'name', name: 'x' }, right: { kind: 'int', value: 1n } },
        '\n',
        { kind: 'str', value: '}' },
      ],
    });
    expect(a.kind === 'fstring' && typeof a.parts[1] === 'object' && a.parts[1].at).toBe(9);
  });

  it('parses names, enums, sizeof, casts and lists', () => {
    const t = (path: string[], absolute = false, array = false): TypeRef => ({ absolute, path, array });
    expect(strip(parseExpr('_root._parent._io.size'))).toMatchObject({ kind: 'attr', name: 'size' });
    expect(strip(parseExpr('animal::dog'))).toEqual({
      kind: 'enum',
      type: undefined,
      name: 'animal',
      member: 'dog',
    });
    expect(strip(parseExpr('::top::inner::color::red'))).toEqual({
      kind: 'enum',
      type: t(['top', 'inner'], true),
      name: 'color',
      member: 'red',
    });
    expect(strip(parseExpr('sizeof<foo::bar>'))).toEqual({
      kind: 'sizeof',
      type: t(['foo', 'bar']),
      bits: false,
    });
    expect(strip(parseExpr('bitsizeof<b3>'))).toEqual({ kind: 'sizeof', type: t(['b3']), bits: true });
    expect(strip(parseExpr('x.as<u1[]>'))).toEqual({
      kind: 'cast',
      object: { kind: 'name', name: 'x' },
      type: t(['u1'], false, true),
    });
    expect(strip(parseExpr('x.as<a>>1'))).toMatchObject({ kind: 'compare', op: '>', left: { kind: 'cast' } });
    expect(strip(parseExpr('[]'))).toEqual({ kind: 'list', items: [] });
    expect(strip(parseExpr('[1, "a",]'))).toEqual({
      kind: 'list',
      items: [
        { kind: 'int', value: 1n },
        { kind: 'str', value: 'a' },
      ],
    });
    expect(strip(parseExpr('true != false'))).toMatchObject({ left: { kind: 'bool', value: true } });
  });

  it.each([
    ['1 +', 4, 'end of expression'],
    ['1 < 2 < 3', 7, "'<'"],
    ['(1 + 2', 7, "expected ')'"],
    ['a.', 3, 'expected a name'],
    ['"abc', 1, 'unterminated'],
    ['"a\\qb"', 3, 'bad escape'],
    ['0x', 1, 'bad number'],
    ['12ab', 1, 'bad number'],
    ['a $ b', 3, "'$'"],
    ['a and', 6, 'end of expression'],
    ['x.as<>', 6, 'expected a name'],
    ['f"{1 +}"', 7, 'end of expression'],
    ['a ? b', 6, "expected ':'"],
    ['not', 4, 'end of expression'],
    ['a or or', 6, "'or'"],
  ])('%s: BAD_EXPRESSION at column %i', (source, column, text) => {
    const e = syntaxError(source);
    expect(e.code).toBe('BAD_EXPRESSION');
    expect(e.column).toBe(column);
    expect(e.message).toContain(text);
  });
});

const tree = trees({
  names: ['a', 'b1', 'foo_bar', '_root', '_io', '_index', '_'],
  members: ['a', 'to_s', 'foo_bar', '_io'],
  types: ['u4', 'foo', 'bar_baz'],
});

describe('printExpr', () => {
  it('round-trips: parseExpr(printExpr(ast)) is ast', () => {
    fc.assert(
      fc.property(tree, (ast) => {
        expect(strip(parseExpr(printExpr(ast)))).toEqual(strip(ast));
      }),
      { numRuns: 500 },
    );
  });

  it('prints only the parentheses precedence needs', () => {
    expect(printExpr(parseExpr('(a + (b * c)) - (d - e)'))).toBe('a + b * c - (d - e)');
    expect(printExpr(parseExpr('(not a) == b'))).toBe('(not a) == b');
    expect(printExpr(parseExpr('(a ? b : c) ? d : e'))).toBe('(a ? b : c) ? d : e');
    expect(printExpr(parseExpr('(-a).b'))).toBe('(-a).b');
  });
});
