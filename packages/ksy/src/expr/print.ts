/**
 * Prints an Ast back as Kaitai expression source, with only the parentheses precedence needs:
 * `parseExpr(printExpr(a))` is `a` again (positions aside) — the parser's round-trip property.
 */
import type { Ast, TypeRef } from './ast.js';

const BINARY: Readonly<Record<string, number>> = {
  '|': 6,
  '^': 7,
  '&': 8,
  '<<': 9,
  '>>': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  '%': 11,
};
const UNARY = 12;
const POSTFIX = 13;

function precedence(a: Ast): number {
  switch (a.kind) {
    case 'cond':
      return 1;
    case 'logic':
      return a.op === 'or' ? 2 : 3;
    case 'unary':
      return a.op === 'not' ? 4 : UNARY;
    case 'compare':
      return 5;
    case 'binary':
      return BINARY[a.op] as number;
    case 'int':
    case 'float':
      return a.value < 0 || Object.is(a.value, -0) ? UNARY : 14;
    default:
      return 14;
  }
}

export function printExpr(a: Ast): string {
  return print(a, 0);
}

function print(a: Ast, min: number): string {
  const text = printBare(a);
  return precedence(a) < min ? `(${text})` : text;
}

function quote(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (code < 0x20 || code === 0x7f || c === '{' || c === '}')
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `"${out}"`;
}

function typeRef(t: TypeRef): string {
  return `${t.absolute ? '::' : ''}${t.path.join('::')}${t.array ? '[]' : ''}`;
}

function printBare(a: Ast): string {
  switch (a.kind) {
    case 'int':
      return String(a.value);
    case 'float': {
      const s = String(a.value);
      return /[.e]/.test(s) ? s : `${s}.0`;
    }
    case 'str':
      return quote(a.value);
    case 'bool':
      return String(a.value);
    case 'fstring':
      return `f"${a.parts.map((p) => (typeof p === 'string' ? quote(p).slice(1, -1) : `{${print(p, 0)}}`)).join('')}"`;
    case 'name':
      return a.name;
    case 'list':
      return `[${a.items.map((i) => print(i, 0)).join(', ')}]`;
    case 'enum':
      return `${a.type ? `${typeRef(a.type)}::` : ''}${a.name}::${a.member}`;
    case 'unary':
      return a.op === 'not' ? `not ${print(a.operand, 4)}` : `${a.op}${print(a.operand, UNARY)}`;
    case 'binary': {
      const p = BINARY[a.op] as number;
      return `${print(a.left, p)} ${a.op} ${print(a.right, p + 1)}`;
    }
    case 'compare':
      return `${print(a.left, 6)} ${a.op} ${print(a.right, 6)}`;
    case 'logic': {
      const p = a.op === 'or' ? 2 : 3;
      return `${print(a.left, p)} ${a.op} ${print(a.right, p + 1)}`;
    }
    case 'cond':
      return `${print(a.test, 2)} ? ${print(a.ifTrue, 1)} : ${print(a.ifFalse, 1)}`;
    case 'attr':
      return `${print(a.object, POSTFIX)}.${a.name}`;
    case 'call':
      return `${print(a.object, POSTFIX)}.${a.name}(${a.args.map((x) => print(x, 0)).join(', ')})`;
    case 'index':
      return `${print(a.object, POSTFIX)}[${print(a.index, 0)}]`;
    case 'cast':
      return `${print(a.object, POSTFIX)}.as<${typeRef(a.type)}>`;
    case 'sizeof':
      return `${a.bits ? 'bitsizeof' : 'sizeof'}<${typeRef(a.type)}>`;
  }
}
