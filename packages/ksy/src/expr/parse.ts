/**
 * The parser of Kaitai's expression language, with its compiler's grammar (Expressions.scala),
 * loosest first: `c ? a : b`, `or`, `and`, `not`, one comparison (`a < b < c` does not parse), `|`,
 * `^`, `&`, `<< >>`, `+ -`, `* / %`, unary `- + ~`, then postfix `.name`, `.name(args)`, `[i]` and
 * `.as<type>` on atoms (literals, names, `enum::member`, `sizeof<t>`, `bitsizeof<t>`, `[lists]`,
 * `( … )`). Adjacent string literals concatenate, as in Kaitai.
 */
import type { Ast, BinaryOp, CompareOp, TypeRef } from './ast.js';
import { syntaxError, type Token, tokenize } from './lexer.js';

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['and', 'or', 'not']);
const LEVELS: readonly (readonly string[])[] = [
  ['|'],
  ['^'],
  ['&'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

/** Parses one expression; a syntax error is a KsyError BAD_EXPRESSION with the 1-based `column`. */
export function parseExpr(source: string): Ast {
  return new Parser(tokenize(source)).whole();
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: Token[]) {}

  whole(): Ast {
    const ast = this.test();
    const t = this.peek();
    if (t.kind !== 'eof') throw syntaxError(`unexpected ${describe(t)}`, t.at);
    return ast;
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.#i + k, this.tokens.length - 1)] as Token;
  }
  private next(): Token {
    const t = this.peek();
    this.#i++;
    return t;
  }
  private isOp(value: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === value;
  }
  private isName(value: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'name' && t.value === value;
  }
  private expect(value: string): Token {
    const t = this.peek();
    if (t.kind === 'op' && t.value === value) return this.next();
    // `>>` closing two type brackets (`.as<a>>`): take one `>`.
    if (value === '>' && t.kind === 'op' && (t.value === '>>' || t.value === '>=')) {
      this.tokens[this.#i] = { kind: 'op', value: t.value.slice(1), at: t.at + 1, end: t.end };
      return { kind: 'op', value: '>', at: t.at, end: t.at + 1 };
    }
    throw syntaxError(`expected '${value}' but found ${describe(t)}`, t.at);
  }
  private ident(): Token & { kind: 'name' } {
    const t = this.next();
    if (t.kind !== 'name' || KEYWORDS.has(t.value))
      throw syntaxError(`expected a name but found ${describe(t)}`, t.at);
    return t;
  }

  test(): Ast {
    const test = this.or();
    if (!this.isOp('?')) return test;
    const at = this.next().at;
    const ifTrue = this.test();
    this.expect(':');
    return { kind: 'cond', test, ifTrue, ifFalse: this.test(), at };
  }

  private or(): Ast {
    let left = this.and();
    while (this.isName('or')) {
      const at = this.next().at;
      left = { kind: 'logic', op: 'or', left, right: this.and(), at };
    }
    return left;
  }

  private and(): Ast {
    let left = this.not();
    while (this.isName('and')) {
      const at = this.next().at;
      left = { kind: 'logic', op: 'and', left, right: this.not(), at };
    }
    return left;
  }

  private not(): Ast {
    if (!this.isName('not')) return this.comparison();
    const at = this.next().at;
    return { kind: 'unary', op: 'not', operand: this.not(), at };
  }

  private comparison(): Ast {
    const left = this.binary(0);
    const t = this.peek();
    if (t.kind !== 'op' || !COMPARE.has(t.value)) return left;
    this.next();
    return { kind: 'compare', op: t.value as CompareOp, left, right: this.binary(0), at: t.at };
  }

  private binary(level: number): Ast {
    if (level === LEVELS.length) return this.factor();
    const ops = LEVELS[level] as readonly string[];
    let left = this.binary(level + 1);
    for (let t = this.peek(); t.kind === 'op' && ops.includes(t.value); t = this.peek()) {
      this.next();
      left = { kind: 'binary', op: t.value as BinaryOp, left, right: this.binary(level + 1), at: t.at };
    }
    return left;
  }

  private factor(): Ast {
    const t = this.peek();
    if (t.kind === 'op' && t.value === '+') {
      this.next();
      return this.factor();
    }
    if (t.kind === 'op' && (t.value === '-' || t.value === '~')) {
      this.next();
      return { kind: 'unary', op: t.value, operand: this.factor(), at: t.at };
    }
    return this.postfix(this.atom());
  }

  private postfix(object: Ast): Ast {
    while (true) {
      if (this.isOp('[')) {
        const at = this.next().at;
        const index = this.test();
        this.expect(']');
        object = { kind: 'index', object, index, at };
      } else if (this.isOp('.')) {
        const at = this.next().at;
        const name = this.ident();
        if (name.value === 'as' && this.isOp('<')) {
          this.next();
          const type = this.typeRef();
          this.expect('>');
          object = { kind: 'cast', object, type, at };
        } else if (this.isOp('(')) {
          this.next();
          const args: Ast[] = [];
          while (!this.isOp(')')) {
            args.push(this.test());
            if (!this.isOp(')')) this.expect(',');
          }
          this.next();
          object = { kind: 'call', object, name: name.value, args, at };
        } else object = { kind: 'attr', object, name: name.value, at };
      } else return object;
    }
  }

  private typeRef(): TypeRef {
    const absolute = this.isOp('::');
    if (absolute) this.next();
    const path = [this.ident().value];
    while (this.isOp('::')) {
      this.next();
      path.push(this.ident().value);
    }
    const array = this.isOp('[') && this.isOp(']', 1);
    if (array) this.#i += 2;
    return { absolute, path, array };
  }

  private atom(): Ast {
    const t = this.peek();
    switch (t.kind) {
      case 'int':
      case 'float':
        this.next();
        return { kind: t.kind, value: t.value, at: t.at } as Ast;
      case 'str': {
        let value = '';
        while (this.peek().kind === 'str') value += (this.next() as Token & { kind: 'str' }).value;
        return { kind: 'str', value, at: t.at };
      }
      case 'fstr':
        this.next();
        return {
          kind: 'fstring',
          parts: t.parts.map((p) => (typeof p === 'string' ? p : new Parser([...p]).whole())),
          at: t.at,
        };
      case 'name':
        return this.named(t);
      case 'op':
        if (t.value === '(') {
          this.next();
          const inner = this.test();
          this.expect(')');
          return inner;
        }
        if (t.value === '[') return this.list();
        if (t.value === '::') return this.enumByName();
        break;
    }
    throw syntaxError(`unexpected ${describe(t)}`, t.at);
  }

  private named(t: Token & { kind: 'name' }): Ast {
    if ((t.value === 'sizeof' || t.value === 'bitsizeof') && this.isOp('<', 1)) {
      this.#i += 2;
      const type = this.typeRef();
      this.expect('>');
      return { kind: 'sizeof', type, bits: t.value === 'bitsizeof', at: t.at };
    }
    if (this.isOp('::', 1)) return this.enumByName();
    if (KEYWORDS.has(t.value)) throw syntaxError(`unexpected '${t.value}'`, t.at);
    this.next();
    if (t.value === 'true' || t.value === 'false')
      return { kind: 'bool', value: t.value === 'true', at: t.at };
    return { kind: 'name', name: t.value, at: t.at };
  }

  private enumByName(): Ast {
    const at = this.peek().at;
    const ref = this.typeRef();
    if (ref.path.length < 2 || ref.array) throw syntaxError('expected enum_name::member', at);
    const type =
      ref.path.length > 2 ? { absolute: ref.absolute, path: ref.path.slice(0, -2), array: false } : undefined;
    return { kind: 'enum', type, name: ref.path.at(-2) as string, member: ref.path.at(-1) as string, at };
  }

  private list(): Ast {
    const at = this.next().at;
    const items: Ast[] = [];
    while (!this.isOp(']')) {
      items.push(this.test());
      if (!this.isOp(']')) this.expect(',');
    }
    this.next();
    return { kind: 'list', items, at };
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of expression';
  if (t.kind === 'op' || t.kind === 'name') return `'${t.value}'`;
  return `a ${t.kind === 'fstr' ? 'f-string' : t.kind === 'str' ? 'string' : 'number'}`;
}
