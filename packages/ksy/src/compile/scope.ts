/**
 * The expression language's view of a type (expr/scope.ts's Scope): what its names are in the
 * generated code and their static types. Fields are own properties, instances getters (`self.x`
 * either way), params and the hidden parts symbol-keyed (slots.ts), the repeat index and `_`
 * locals of the read function. `_parent`'s type is the one type that reads this one, when only one
 * does (Kaitai's rule); otherwise any struct.
 */
import { KsyError } from '../errors.js';
import type { TypeRef as NameRef } from '../expr/ast.js';
import type { Binding, EnumMember, Scope } from '../expr/scope.js';
import {
  ANY,
  arrayOf,
  BOOL,
  BYTES,
  FLOAT,
  IO as IO_TYPE,
  intType,
  type KType,
  mayBeBigint,
  STR,
  STRUCT,
  sameType,
} from '../expr/types.js';
import type { ResolvedFormat } from '../model/resolve.js';
import type { ParamType, TypeRef } from '../model/type-ref.js';
import type { AttrSpec, EnumSpec, TypeSpec } from '../model/types.js';
import type { Locals } from './generate.js';

/** What scopes share: the resolved description, who reads each type, and how to name refs in code. */
export interface Types {
  readonly format: ResolvedFormat;
  /** The types whose fields read each type (for `_parent`). */
  readonly readers: ReadonlyMap<TypeSpec, ReadonlySet<TypeSpec>>;
  /** JS text naming a value in the generated module (a param's symbol). */
  ref(value: unknown): string;
  paramSymbol(t: TypeSpec, id: string): symbol;
  /** The static type of an instance's value (compiling its expression; `any` while it is being compiled). */
  instanceType(t: TypeSpec, id: string): KType;
}

export function topOf(t: TypeSpec): TypeSpec {
  return t.parent ? topOf(t.parent) : t;
}

function userOf(t: TypeSpec): KType {
  return { kind: 'user', ref: t };
}

function enumType(e: EnumSpec, int: KType): KType {
  return { kind: 'enum', path: e.fullName, int: int.kind === 'int' ? int : intType(64) };
}

/** The static type of one value a reference reads (before `repeat`). */
function refType(types: Types, t: TypeSpec, ref: TypeRef, owner: AttrSpec): KType {
  switch (ref.kind) {
    case 'int': {
      const int = intType(ref.width * 8 - (ref.signed ? 1 : 0), ref.width === 8);
      const e = owner.enum && types.format.enumOf(owner);
      return e ? enumType(e, int) : int;
    }
    case 'bits': {
      const e = owner.enum && types.format.enumOf(owner);
      if (e) return enumType(e, intType(ref.width, ref.width > 32));
      return ref.width === 1 ? BOOL : intType(ref.width, ref.width > 32);
    }
    case 'float':
      return FLOAT;
    case 'str':
    case 'strz':
      return STR;
    case 'bytes':
      return BYTES;
    case 'user': {
      const target = types.format.userType(ref);
      return target ? userOf(target) : STRUCT;
    }
    case 'switch': {
      const all = ref.cases.map((c) => refType(types, t, c.type, owner));
      const first = all[0] ?? ANY;
      // An enum over cases of different widths (u4 or u8): its integers may be bigints.
      if (first.kind === 'enum' && all.every((k) => sameType(k, first)))
        return {
          ...first,
          int: intType(
            64,
            all.some((k) => k.kind === 'enum' && k.int.int64),
          ),
        };
      // Integers of different widths (u4 or u8): the widest, a bigint if any case is one.
      if (all.every((k) => k.kind === 'int'))
        return intType(Math.max(...all.map((k) => (k.kind === 'int' ? k.bits : 64))), all.some(mayBeBigint));
      if (all.every((k) => sameType(k, first))) return first;
      if (all.every((k) => k.kind === 'user')) return STRUCT;
      return ANY;
    }
  }
}

/** The static type of an attribute's value (an array when it repeats). */
export function attrType(types: Types, t: TypeSpec, a: AttrSpec): KType {
  const one = refType(types, t, a.type, a);
  return a.repeat ? arrayOf(one) : one;
}

function paramKType(types: Types, t: TypeSpec, p: ParamType): KType {
  switch (p.kind) {
    case 'int':
      return intType(p.width * 8 - (p.signed ? 1 : 0), p.width === 8);
    case 'bits':
      return p.width === 1 ? BOOL : intType(p.width, p.width > 32);
    case 'float':
      return FLOAT;
    case 'str':
      return STR;
    case 'bytes':
      return BYTES;
    case 'bool':
      return BOOL;
    case 'io':
      return IO_TYPE;
    case 'struct':
      return STRUCT;
    case 'any':
      return ANY;
    case 'user': {
      const target = types.format.userType(p);
      return target ? userOf(target) : STRUCT;
    }
    case 'array':
      return arrayOf(paramKType(types, t, p.element));
  }
}

/** A name of type `t` on the object `obj` (JS text), or undefined. */
function memberOf(types: Types, t: TypeSpec, obj: string, name: string): Binding | undefined {
  switch (name) {
    case '_root':
      return { js: `${obj}[ROOT]`, type: userOf(topOf(t)) };
    case '_parent': {
      const readers = types.readers.get(t);
      const only = readers?.size === 1 ? [...readers][0] : undefined;
      return { js: `${obj}[PARENT]`, type: only ? userOf(only) : STRUCT };
    }
    case '_io':
      return { js: `${obj}[IO]`, type: IO_TYPE };
    case '_sizeof':
      return { js: `(${obj}[END] - ${obj}[START])`, type: intType(32) };
  }
  const field = t.seq.find((a) => a.id === name);
  if (field) {
    const js = `${obj}.${name}`;
    return { js, type: attrType(types, t, field), sizeof: sizeofField(field, js) };
  }
  const inst = t.instances.find((i) => i.id === name);
  if (inst) return { js: `${obj}.${name}`, type: types.instanceType(t, name) };
  const param = t.params.find((p) => p.id === name);
  if (param) {
    const e = param.enum && types.format.enumOf(param);
    const type = paramKType(types, t, param.type);
    return { js: `${obj}[${types.ref(types.paramSymbol(t, name))}]`, type: e ? enumType(e, type) : type };
  }
  return undefined;
}

/** JS text of the bytes a field's value took (`field._sizeof`), where it can be known from the value. */
function sizeofField(a: AttrSpec, js: string): string | undefined {
  if (a.repeat) return undefined;
  const ref = a.type;
  if (a.contents) return String(a.contents.length);
  if (ref.kind === 'int' || ref.kind === 'float') return String(ref.width);
  const plain = a.terminator === undefined && a.padRight === undefined && a.process === undefined;
  if (ref.kind === 'bytes' && plain) return `${js}.length`;
  if (ref.kind === 'user') return a.size || a.sizeEos ? `${js}[IO].size` : `(${js}[END] - ${js}[START])`;
  return undefined;
}

/** The fixed size in bits of a type whose every field has one, else undefined. */
export function fixedBits(types: Types, t: TypeSpec, seen: Set<TypeSpec> = new Set()): number | undefined {
  if (seen.has(t)) return undefined;
  seen.add(t);
  let bits = 0;
  for (const a of t.seq) {
    if (a.if || (a.repeat && a.repeat.kind !== 'expr')) return undefined;
    let one: number | undefined;
    const ref = a.type;
    if (a.contents) one = a.contents.length * 8;
    else if (ref.kind === 'int' || ref.kind === 'float') one = ref.width * 8;
    else if (ref.kind === 'bits') one = ref.width;
    else if (a.size && /^\d+$/.test(a.size.source)) one = Number(a.size.source) * 8;
    else if (ref.kind === 'user' && !a.size && !a.sizeEos) {
      const target = types.format.userType(ref);
      one = target && fixedBits(types, target, seen);
    }
    if (one === undefined) return undefined;
    if (a.repeat?.kind === 'expr') {
      if (!/^\d+$/.test(a.repeat.expr.source)) return undefined;
      one *= Number(a.repeat.expr.source);
    }
    bits += one;
  }
  return bits;
}

/** The Scope of type `t`'s expressions, in a read function (`self`) with `locals`. */
export function scopeOf(types: Types, t: TypeSpec, locals: Locals, runtime: string): Scope {
  return {
    runtime,
    identifier(name) {
      if (name === '_index')
        return locals.index === undefined ? undefined : { js: locals.index, type: intType(32) };
      if (name === '_') return locals.item;
      if (name === locals.checking?.id) return locals.checking;
      return memberOf(types, t, 'self', name);
    },
    member(object, objectJs, name) {
      if (object.kind === 'user') return memberOf(types, object.ref as TypeSpec, objectJs, name);
      if (name === '_io') return { js: `${objectJs}[IO]`, type: IO_TYPE };
      if (name === '_parent') return { js: `${objectJs}[PARENT]`, type: STRUCT };
      if (name === '_root') return { js: `${objectJs}[ROOT]`, type: STRUCT };
      return { js: `${objectJs}.${name}`, type: ANY };
    },
    enumMember(owner: NameRef | undefined, name, member): EnumMember | undefined {
      const path = [...(owner?.path ?? []), name];
      const e = types.format.resolveEnum(t, path);
      const m = e?.members.find((x) => x.id === member);
      if (!e || !m) return undefined;
      const values = e.members.map((x) => BigInt(x.value));
      const widest = values.reduce((w, v) => Math.max(w, (v < 0n ? -v - 1n : v).toString(2).length), 0);
      const int = intType(widest + 1, !values.every((v) => Number.isSafeInteger(Number(v))));
      return { value: m.value, type: { kind: 'enum', path: e.fullName, int } };
    },
    userType(ref) {
      const target = types.format.resolveType(ref.absolute ? topOf(t) : t, ref.path);
      if (!target) return undefined;
      const bits = fixedBits(types, target);
      return bits === undefined ? { type: userOf(target) } : { type: userOf(target), bits };
    },
  };
}

/** A compile error of an expression, placed at its YAML path and line. */
export function placed(
  error: unknown,
  at: { path: readonly (string | number)[]; line?: number; column?: number; file?: string },
): unknown {
  if (!(error instanceof KsyError)) return error;
  return new KsyError(error.code, error.message, {
    path: at.path,
    ...(at.line === undefined ? {} : { line: at.line }),
    ...(at.column === undefined ? {} : { column: at.column + (error.column ?? 0) }),
    ...(at.file === undefined ? {} : { file: at.file }),
  });
}
