// parseExpr: Kaitai's grammar (precedence and associativity as its compiler's Expressions.scala,
// shown by printing the tree with every parenthesis), literals of every form, the precise column
// of a syntax error, and the round trip parse(print(ast)) == ast over random trees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KsyError } from '../../../packages/ksy/src/errors.js';
import { type Ast, parseExpr, printExpr, type TypeRef } from '../../../packages/ksy/src/expr/index.js';

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

/** The tree without positions. */
function strip(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(strip);
  if (a && typeof a === 'object')
    return Object.fromEntries(
      Object.entries(a)
        .filter(([k]) => k !== 'at')
        .map(([k, v]) => [k, strip(v)]),
    );
  return a;
}

function syntaxError(source: string): KsyError {
  try {
    parseExpr(source);
  } catch (e) {
    expect(e).toBeInstanceOf(KsyError);
    return e as KsyError;
  }
  throw new Error(`'${source}' parsed`);
}

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

// Random trees as the parser builds them (no negative literals: `-1` is unary minus on 1).
const NAMES = ['a', 'b1', 'foo_bar', '_root', '_io', '_index', '_'];
const name = fc.constantFrom(...NAMES);
const typeRef = fc.record({
  absolute: fc.boolean(),
  path: fc.array(fc.constantFrom('u4', 'foo', 'bar_baz'), { minLength: 1, maxLength: 3 }),
  array: fc.boolean(),
});
const text = fc.string({ maxLength: 6 });
const leaf: fc.Arbitrary<Ast> = fc.oneof(
  fc.bigInt({ min: 0n, max: 1n << 70n }).map((value) => ({ kind: 'int', value, at: 0 }) as const),
  fc.double({ min: 0, max: 1e30, noNaN: true }).map((value) => ({ kind: 'float', value, at: 0 }) as const),
  text.map((value) => ({ kind: 'str', value, at: 0 }) as const),
  fc.boolean().map((value) => ({ kind: 'bool', value, at: 0 }) as const),
  name.map((n) => ({ kind: 'name', name: n, at: 0 }) as const),
  fc
    .record({
      type: fc.option(
        typeRef.map((t) => ({ ...t, array: false })),
        { nil: undefined },
      ),
      name,
      member: name,
    })
    .map((e) => ({ kind: 'enum', ...e, at: 0 }) as const),
  fc.record({ type: typeRef, bits: fc.boolean() }).map((s) => ({ kind: 'sizeof', ...s, at: 0 }) as const),
);
const tree = fc.letrec<{ ast: Ast }>((tie) => ({
  ast: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .record({ op: fc.constantFrom('-', '~', 'not'), operand: tie('ast') })
      .map((u) => ({ kind: 'unary', ...u, at: 0 }) as Ast),
    fc
      .record({
        op: fc.constantFrom('+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^'),
        left: tie('ast'),
        right: tie('ast'),
      })
      .map((b) => ({ kind: 'binary', ...b, at: 0 }) as Ast),
    fc
      .record({ op: fc.constantFrom('==', '!=', '<', '<=', '>', '>='), left: tie('ast'), right: tie('ast') })
      .map((b) => ({ kind: 'compare', ...b, at: 0 }) as Ast),
    fc
      .record({ op: fc.constantFrom('and', 'or'), left: tie('ast'), right: tie('ast') })
      .map((b) => ({ kind: 'logic', ...b, at: 0 }) as Ast),
    fc
      .record({ test: tie('ast'), ifTrue: tie('ast'), ifFalse: tie('ast') })
      .map((c) => ({ kind: 'cond', ...c, at: 0 }) as Ast),
    fc.record({ object: tie('ast'), name }).map((x) => ({ kind: 'attr', ...x, at: 0 }) as Ast),
    fc
      .record({ object: tie('ast'), name, args: fc.array(tie('ast'), { maxLength: 2 }) })
      .map((x) => ({ kind: 'call', ...x, at: 0 }) as Ast),
    fc.record({ object: tie('ast'), index: tie('ast') }).map((x) => ({ kind: 'index', ...x, at: 0 }) as Ast),
    fc.record({ object: tie('ast'), type: typeRef }).map((x) => ({ kind: 'cast', ...x, at: 0 }) as Ast),
    fc.array(tie('ast'), { maxLength: 3 }).map((items) => ({ kind: 'list', items, at: 0 }) as Ast),
    fc
      .array(
        fc.oneof(
          text.filter((s) => s.length > 0),
          tie('ast'),
        ),
        { maxLength: 3 },
      )
      .map((parts) => ({ kind: 'fstring', parts: mergeText(parts), at: 0 }) as Ast),
  ),
})).ast;

/** Adjacent literal parts of an f-string are one part once parsed. */
function mergeText(parts: readonly (string | Ast)[]): (string | Ast)[] {
  const out: (string | Ast)[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

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
