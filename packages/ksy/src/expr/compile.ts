/**
 * The expression checker and code generator: an Ast, in a Scope, to the text of one JS expression and
 * its static type, with Kaitai's typing rules (int op float is float, int / int is int, `+` joins
 * strings, only == and != on bools and enums, `[…]` of byte literals is bytes …) and the value
 * conventions of runtime.ts. Plain JS operators are emitted where the types prove them exact (both
 * sides numbers and the result within 2^53, bitwise on 32-bit values); runtime helpers elsewhere.
 * A type fault is a KsyError TYPE_MISMATCH (UNKNOWN_NAME for a name the Scope does not know), its
 * `column` 1-based in the expression.
 */
import { KsyError, type KsyErrorCode } from '../errors.js';
import type { Ast, BinaryOp, TypeRef } from './ast.js';
import { parseExpr } from './parse.js';
import type { Binding, Scope } from './scope.js';
import {
  ANY,
  arrayOf,
  BOOL,
  BYTES,
  FLOAT,
  type IntType,
  intType,
  isNumeric,
  type KType,
  LENGTH,
  literalType,
  mayBeBigint,
  primitiveType,
  SAFE_BITS,
  STR,
  STRUCT,
  sameType,
  typeName,
} from './types.js';

/** A compiled expression: JS expression text and its static type. */
export interface Compiled {
  readonly js: string;
  readonly type: KType;
}

/** Compiles a parsed expression in a scope. */
export function compileExpr(ast: Ast, scope: Scope): Compiled {
  const { js, type } = new Compiler(scope).node(ast);
  return { js, type };
}

/** Parses and compiles an expression's source. */
export function compileSource(source: string, scope: Scope): Compiled {
  return compileExpr(parseExpr(source), scope);
}

/** JS text of a compiled int as a number (a length, a count, a position), converting a bigint. */
export function asNumber(c: Compiled, scope: Scope): string {
  return mayBeBigint(c.type) ? `${scope.runtime}.num(${c.js})` : c.js;
}

/** A value under compilation: a Compiled, and a field's `_sizeof` text when it is one. */
type Value = Compiled & { readonly sizeof?: string | undefined };

const SIMPLE =
  /^(?:[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*|\d+(?:\.\d+)?(?:e[+-]?\d+)?n?|"(?:[^"\\]|\\.)*")$/;
/** Parenthesizes JS text unless it is a name, a non-negative number, a string, a plain member chain or in parentheses. */
const paren = (js: string): string => (SIMPLE.test(js) || wrapped(js) ? js : `(${js})`);

/** Is the whole of `js` one parenthesized group (string literals skipped)? */
function wrapped(js: string): boolean {
  if (js[0] !== '(') return false;
  let depth = 0;
  for (let i = 0; i < js.length; i++) {
    const c = js[i];
    if (c === '"') for (i++; i < js.length && js[i] !== '"'; i++) i += js[i] === '\\' ? 1 : 0;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === js.length - 1;
  }
  return false;
}

function fault(code: KsyErrorCode, message: string, at: number): KsyError {
  return new KsyError(code, `${message} at column ${at + 1}`, { column: at + 1 });
}

const INT_ONLY = new Set<BinaryOp>(['<<', '>>', '&', '|', '^']);
const HELPER: Readonly<Record<BinaryOp, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '<<': 'shl',
  '>>': 'shr',
  '&': 'and',
  '|': 'or',
  '^': 'xor',
};

/**
 * The type to check an `any` operand as, from the other operand's: an int of any width (it may be
 * a bigint), or the other's type. A known type stays.
 */
function assume(t: KType, other: KType): KType {
  if (t.kind !== 'any' || other.kind === 'any') return t;
  return other.kind === 'int' ? intType(64, true) : other;
}

class Compiler {
  private readonly rt: string;
  constructor(private readonly scope: Scope) {
    this.rt = scope.runtime;
  }

  node(ast: Ast): Value {
    switch (ast.kind) {
      case 'int':
        return Number.isSafeInteger(Number(ast.value))
          ? { js: String(ast.value), type: literalType(ast.value) }
          : { js: `${ast.value}n`, type: literalType(ast.value) };
      case 'float':
        return { js: String(ast.value), type: FLOAT };
      case 'str':
        return { js: JSON.stringify(ast.value), type: STR };
      case 'bool':
        return { js: String(ast.value), type: BOOL };
      case 'fstring':
        return this.fstring(ast.parts);
      case 'name':
        return this.bound(
          this.scope.identifier(ast.name),
          `unknown name '${ast.name}'`,
          'UNKNOWN_NAME',
          ast.at,
        );
      case 'list':
        return this.list(ast.items, ast.at);
      case 'enum': {
        const m = this.scope.enumMember(ast.type, ast.name, ast.member);
        if (!m) throw fault('UNKNOWN_NAME', `unknown enum member '${ast.name}::${ast.member}'`, ast.at);
        return { js: typeof m.value === 'bigint' ? `${m.value}n` : String(m.value), type: m.type };
      }
      case 'unary':
        return this.unary(ast.op, ast.operand, ast.at);
      case 'binary':
        return this.binary(ast.op, this.node(ast.left), this.node(ast.right), ast.at);
      case 'compare':
        return this.compare(ast.op, this.node(ast.left), this.node(ast.right), ast.at);
      case 'logic': {
        const l = this.expect(ast.left, 'bool', `'${ast.op}'`);
        const r = this.expect(ast.right, 'bool', `'${ast.op}'`);
        return { js: `(${l.js} ${ast.op === 'and' ? '&&' : '||'} ${r.js})`, type: BOOL };
      }
      case 'cond':
        return this.cond(ast);
      case 'attr':
        return this.attr(this.node(ast.object), ast.name, ast.at);
      case 'call':
        return this.call(this.node(ast.object), ast.name, ast.args, ast.at);
      case 'index':
        return this.index(this.node(ast.object), ast.index, ast.at);
      case 'cast':
        if (ast.object.kind === 'list') return this.castList(ast.object.items, ast.type, ast.at);
        return this.cast(this.node(ast.object), ast.type, ast.at);
      case 'sizeof':
        return this.sizeof(ast.type, ast.bits, ast.at);
    }
  }

  private bound(b: Binding | undefined, message: string, code: KsyErrorCode, at: number): Value {
    if (!b) throw fault(code, message, at);
    return { js: b.js, type: b.type, sizeof: b.sizeof };
  }

  private expect(ast: Ast, kind: KType['kind'], what: string): Value {
    const v = this.node(ast);
    if (v.type.kind !== kind && v.type.kind !== 'any')
      throw fault('TYPE_MISMATCH', `${what} needs ${kind}, not ${typeName(v.type)}`, ast.at);
    return v;
  }

  /** JS text of an int or float operand for float arithmetic. */
  private float(v: Value): string {
    return mayBeBigint(v.type) ? `Number(${v.js})` : paren(v.js);
  }

  private fstring(parts: readonly (string | Ast)[]): Value {
    const pieces = parts.map((p) => {
      if (typeof p === 'string') return JSON.stringify(p);
      const v = this.node(p);
      if (v.type.kind === 'str') return paren(v.js);
      if (['int', 'float', 'bool', 'enum'].includes(v.type.kind)) return `String(${v.js})`;
      throw fault('TYPE_MISMATCH', `cannot format ${typeName(v.type)} in an f-string`, p.at);
    });
    return { js: `(${['""', ...pieces].join(' + ')})`, type: STR };
  }

  private list(items: readonly Ast[], at: number): Value {
    if (items.length === 0) throw fault('TYPE_MISMATCH', 'an empty list has no type (as in Kaitai)', at);
    if (items.every((i) => i.kind === 'int' && i.value >= 0n && i.value <= 255n))
      return {
        js: `Uint8Array.of(${items.map((i) => String((i as { value: bigint }).value)).join(', ')})`,
        type: BYTES,
      };
    const values = items.map((i) => this.node(i));
    let of = (values[0] as Value).type;
    for (const [k, v] of values.entries()) {
      const joined = this.join(of, v.type);
      if (!joined)
        throw fault(
          'TYPE_MISMATCH',
          `a list of ${typeName(of)} cannot hold ${typeName(v.type)}`,
          (items[k] as Ast).at,
        );
      of = joined;
    }
    const js = values.map((v) => (of.kind === 'float' && v.type.kind === 'int' ? this.float(v) : v.js));
    return { js: `[${js.join(', ')}]`, type: arrayOf(of) };
  }

  /** The common type of two values (list items, `?:` branches), or undefined when none. */
  private join(a: KType, b: KType): KType | undefined {
    if (a.kind === 'int' && b.kind === 'int') return intType(Math.max(a.bits, b.bits), a.int64 || b.int64);
    if (isNumeric(a) && isNumeric(b)) return FLOAT;
    if (sameType(a, b)) return a;
    if (a.kind === 'any' || b.kind === 'any') return ANY;
    const userish = (t: KType): boolean => t.kind === 'user' || t.kind === 'struct';
    if (userish(a) && userish(b)) return STRUCT;
    return undefined;
  }

  private unary(op: '-' | '~' | 'not', operand: Ast, at: number): Value {
    if (op === 'not') return { js: `(!${paren(this.expect(operand, 'bool', "'not'").js)})`, type: BOOL };
    if (op === '-' && operand.kind === 'int') return this.node({ kind: 'int', value: -operand.value, at });
    const v = this.node(operand);
    const t = v.type;
    if (op === '-' && t.kind === 'float') return { js: `(-${paren(v.js)})`, type: FLOAT };
    if (t.kind !== 'int') throw fault('TYPE_MISMATCH', `unary '${op}' needs int, not ${typeName(t)}`, at);
    if (op === '-') {
      const type = intType(t.bits + 1, t.int64);
      return { js: t.int64 ? `${this.rt}.neg(${v.js})` : `(0 - ${paren(v.js)})`, type };
    }
    return { js: !t.int64 && t.bits <= 31 ? `(~${paren(v.js)})` : `${this.rt}.not(${v.js})`, type: t };
  }

  private binary(op: BinaryOp, l: Value, r: Value, at: number): Value {
    if (l.type.kind === 'any' && r.type.kind === 'any')
      return { js: `${this.rt}.dyn(${JSON.stringify(op)}, ${l.js}, ${r.js})`, type: ANY };
    const lt = assume(l.type, r.type);
    const rt = assume(r.type, l.type);
    if (op === '+' && lt.kind === 'str' && rt.kind === 'str') return { js: `(${l.js} + ${r.js})`, type: STR };
    const mismatch = (): KsyError =>
      fault('TYPE_MISMATCH', `cannot apply '${op}' to ${typeName(lt)} and ${typeName(rt)}`, at);
    if (!isNumeric(lt) || !isNumeric(rt)) throw mismatch();
    if (lt.kind === 'float' || rt.kind === 'float') {
      if (INT_ONLY.has(op)) throw mismatch();
      if (op === '%') return { js: `${this.rt}.mod(${this.float(l)}, ${this.float(r)})`, type: FLOAT };
      return { js: `(${this.float(l)} ${op} ${this.float(r)})`, type: FLOAT };
    }
    return this.intBinary(op, l, lt, r, rt);
  }

  private intBinary(op: BinaryOp, l: Value, lt: IntType, r: Value, rt: IntType): Value {
    const int64 = lt.int64 || rt.int64;
    // The right operand when it is a non-negative literal (a shift count, a divisor).
    const shift = r.js.match(/^\d+$/) ? Number(r.js) : undefined;
    const bits = {
      '+': Math.max(lt.bits, rt.bits) + 1,
      '-': Math.max(lt.bits, rt.bits) + 1,
      '*': lt.bits + rt.bits,
      '/': lt.bits + 1,
      '%': rt.bits,
      '<<': shift === undefined ? 64 : lt.bits + shift,
      '>>': lt.bits,
      '&': Math.max(lt.bits, rt.bits),
      '|': Math.max(lt.bits, rt.bits),
      '^': Math.max(lt.bits, rt.bits),
    }[op];
    const type = intType(bits, int64 || bits > SAFE_BITS);
    const a = paren(l.js);
    const b = paren(r.js);
    const helper = { js: `${this.rt}.${HELPER[op]}(${l.js}, ${r.js})`, type };
    if (int64) return helper;
    switch (op) {
      case '+':
      case '-':
        return bits <= SAFE_BITS ? { js: `(${a} ${op} ${b})`, type } : helper;
      case '*':
        return bits <= SAFE_BITS ? { js: `(${a} * ${b} + 0)`, type } : helper;
      case '/':
        // By a literal (not 0) plainly; by a value through div, which refuses a zero divisor.
        return shift ? { js: `(Math.floor(${a} / ${b}) + 0)`, type: intType(bits, false) } : helper;
      case '<<':
        if (shift !== undefined && bits <= 31) return { js: `(${a} << ${shift})`, type };
        if (shift !== undefined && bits <= SAFE_BITS) return { js: `(${a} * ${2 ** shift})`, type };
        return helper;
      case '>>':
        return lt.bits <= 31 && shift !== undefined && shift < 32
          ? { js: `(${a} >> ${shift})`, type }
          : helper;
      case '&':
      case '|':
      case '^':
        return lt.bits <= 31 && rt.bits <= 31 ? { js: `(${a} ${op} ${b})`, type } : helper;
      default:
        return helper;
    }
  }

  private compare(op: string, l: Value, r: Value, at: number): Value {
    const lt = assume(l.type, r.type);
    const rt = assume(r.type, l.type);
    const eq = op === '==' || op === '!=';
    const loose = mayBeBigint(lt) || mayBeBigint(rt);
    const plain = (): Value => {
      const jsOp = eq && !loose ? `${op}=` : op;
      return { js: `(${l.js} ${jsOp} ${r.js})`, type: BOOL };
    };
    if (lt.kind === 'any' || rt.kind === 'any') return plain();
    if (isNumeric(lt) && isNumeric(rt)) return plain();
    if (lt.kind === 'str' && rt.kind === 'str') return plain();
    if (lt.kind === 'bytes' && rt.kind === 'bytes') {
      if (op === '==') return { js: `${this.rt}.bytesEq(${l.js}, ${r.js})`, type: BOOL };
      if (op === '!=') return { js: `(!${this.rt}.bytesEq(${l.js}, ${r.js}))`, type: BOOL };
      return { js: `(${this.rt}.bytesCmp(${l.js}, ${r.js}) ${op} 0)`, type: BOOL };
    }
    if (eq && (lt.kind === 'bool' || lt.kind === 'enum') && sameType(lt, rt)) return plain();
    throw fault('TYPE_MISMATCH', `cannot compare ${typeName(lt)} and ${typeName(rt)} with '${op}'`, at);
  }

  private cond(ast: Ast & { kind: 'cond' }): Value {
    const test = this.expect(ast.test, 'bool', "the condition of '?:'");
    const a = this.node(ast.ifTrue);
    const b = this.node(ast.ifFalse);
    const type = this.join(a.type, b.type);
    if (!type)
      throw fault(
        'TYPE_MISMATCH',
        `'?:' branches differ: ${typeName(a.type)} and ${typeName(b.type)}`,
        ast.at,
      );
    const side = (v: Value): string => (type.kind === 'float' ? this.float(v) : v.js);
    return { js: `(${test.js} ? ${side(a)} : ${side(b)})`, type };
  }

  private attr(o: Value, name: string, at: number): Value {
    const t = o.type;
    const js = paren(o.js);
    const none = (): KsyError => fault('TYPE_MISMATCH', `${typeName(t)} has no '${name}'`, at);
    if (name === '_sizeof' && o.sizeof !== undefined) return { js: o.sizeof, type: LENGTH };
    switch (t.kind) {
      case 'int':
        if (name === 'to_s') return { js: `String(${o.js})`, type: STR };
        throw none();
      case 'float':
        if (name === 'to_i') return { js: `${this.rt}.floatToI(${o.js})`, type: intType(64) };
        throw none();
      case 'bool':
        if (name === 'to_i') return { js: `(${js} ? 1 : 0)`, type: intType(1) };
        throw none();
      case 'enum':
        if (name === 'to_i') return { js: o.js, type: t.int };
        throw none();
      case 'str':
        if (name === 'length') return { js: `${js}.length`, type: LENGTH };
        if (name === 'reverse') return { js: `${this.rt}.strReverse(${o.js})`, type: STR };
        if (name === 'to_i') return { js: `${this.rt}.strToI(${o.js})`, type: intType(64) };
        throw none();
      case 'io':
        if (name === 'size' || name === 'pos') return { js: `${js}.${name}`, type: LENGTH };
        if (name === 'eof') return { js: `${js}.eof`, type: BOOL };
        throw none();
      case 'bytes':
      case 'array': {
        const item = t.kind === 'bytes' ? intType(8) : t.of;
        if (name === 'size' || (name === 'length' && t.kind === 'bytes'))
          return { js: `${js}.length`, type: LENGTH };
        if (name === 'first') return { js: `${js}[0]`, type: item };
        if (name === 'last') return { js: `${this.rt}.last(${o.js})`, type: item };
        if ((name === 'min' || name === 'max') && ['int', 'float', 'str', 'any'].includes(item.kind))
          return { js: `${this.rt}.${name}(${o.js})`, type: item };
        throw none();
      }
      default: {
        const b = this.scope.member(t, js, name);
        return this.bound(b, `${typeName(t)} has no member '${name}'`, 'TYPE_MISMATCH', at);
      }
    }
  }

  private call(o: Value, name: string, args: readonly Ast[], at: number): Value {
    const t = o.type;
    const arity = (n: number[]): void => {
      if (!n.includes(args.length))
        throw fault('TYPE_MISMATCH', `'${name}' takes ${n.join(' or ')} arguments, not ${args.length}`, at);
    };
    const int = (a: Ast): string => asNumber(this.expect(a, 'int', `'${name}'`), this.scope);
    if (t.kind === 'str' && name === 'substring') {
      arity([2]);
      return { js: `${paren(o.js)}.substring(${int(args[0] as Ast)}, ${int(args[1] as Ast)})`, type: STR };
    }
    if (t.kind === 'str' && name === 'to_i') {
      arity([0, 1]);
      const radix = args.length ? `, ${int(args[0] as Ast)}` : '';
      return { js: `${this.rt}.strToI(${o.js}${radix})`, type: intType(64) };
    }
    if (t.kind === 'bytes' && name === 'to_s') {
      arity([1]);
      // An unknown encoding fails when the value is computed (Kaitai's specs load such a .ksy).
      const enc = args[0] as Ast;
      return { js: `${this.rt}.bytesToStr(${o.js}, ${this.expect(enc, 'str', "'to_s'").js})`, type: STR };
    }
    if (args.length === 0) return this.attr(o, name, at);
    throw fault('TYPE_MISMATCH', `${typeName(t)} has no method '${name}'`, at);
  }

  private index(o: Value, index: Ast, at: number): Value {
    const t = o.type;
    if (t.kind !== 'bytes' && t.kind !== 'array' && t.kind !== 'any')
      throw fault('TYPE_MISMATCH', `cannot index ${typeName(t)}`, at);
    const i = asNumber(this.expect(index, 'int', 'an index'), this.scope);
    return {
      js: `${paren(o.js)}[${i}]`,
      type: t.kind === 'bytes' ? intType(8) : t.kind === 'array' ? t.of : ANY,
    };
  }

  private castType(ref: TypeRef, at: number): KType {
    const single = !ref.absolute && ref.path.length === 1 ? primitiveType(ref.path[0] as string) : undefined;
    const type = single?.type ?? this.userType(ref, at).type;
    return ref.array ? arrayOf(type) : type;
  }

  /** `[…].as<bytes>`, `[…].as<u4[]>`: a list literal made as the type says (`[]` only so). */
  private castList(items: readonly Ast[], ref: TypeRef, at: number): Value {
    const type = this.castType(ref, at);
    const values = items.map((i) => this.node(i));
    const wrong = values.findIndex((v) => !this.join(type.kind === 'array' ? type.of : intType(8), v.type));
    if (wrong >= 0 || (type.kind !== 'bytes' && type.kind !== 'array'))
      throw fault('TYPE_MISMATCH', `a list cannot be cast to ${typeName(type)}`, at);
    const js = values.map((v) => v.js).join(', ');
    return { js: type.kind === 'bytes' ? `Uint8Array.of(${js})` : `[${js}]`, type };
  }

  private cast(o: Value, ref: TypeRef, at: number): Value {
    const type = this.castType(ref, at);
    // A value that may be a bigint, cast to a type that may not: make it a number.
    const js =
      mayBeBigint(o.type) && !mayBeBigint(type) && type.kind === 'int' ? `${this.rt}.num(${o.js})` : o.js;
    return { js, type };
  }

  private userType(ref: TypeRef, at: number): { readonly type: KType; readonly bits?: number } {
    const u = this.scope.userType(ref);
    if (!u) throw fault('UNKNOWN_NAME', `unknown type '${ref.path.join('::')}'`, at);
    return u;
  }

  private sizeof(ref: TypeRef, inBits: boolean, at: number): Value {
    const single = !ref.absolute && ref.path.length === 1 ? primitiveType(ref.path[0] as string) : undefined;
    const bits = single ? single.bits : this.userType(ref, at).bits;
    if (bits === undefined || ref.array)
      throw fault('TYPE_MISMATCH', `'${ref.path.join('::')}' has no fixed size`, at);
    const n = inBits ? bits : Math.ceil(bits / 8);
    return { js: String(n), type: literalType(BigInt(n)) };
  }
}
