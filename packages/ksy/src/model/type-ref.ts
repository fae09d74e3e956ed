/**
 * A field's type as the model holds it (`TypeRef`) and a parameter's (`ParamType`), and the parsing
 * of Kaitai's type names: `u4`, `s2be`, `f8le`, `b12`, `b3le`, `str`, `strz`, `my_type`,
 * `outer::inner(arg1, arg2)`; for params also `bool`, `struct`, `io`, `any`, `bytes` and `[]` arrays.
 */
import type { ByteOrder, Expr } from './types.js';

export interface IntTypeRef {
  readonly kind: 'int';
  readonly width: 1 | 2 | 4 | 8;
  readonly signed: boolean;
  /** Explicit or from a fixed `meta/endian`; absent for `u1` / `s1` and under a computed endianness. */
  readonly endian?: ByteOrder;
}

export interface FloatTypeRef {
  readonly kind: 'float';
  readonly width: 4 | 8;
  readonly endian?: ByteOrder;
}

/** `bX`: X bits; `b1` without `enum` is a boolean. */
export interface BitsTypeRef {
  readonly kind: 'bits';
  readonly width: number;
  /** Explicit, else `meta/bit-endian`, else big-endian. */
  readonly bitEndian: ByteOrder;
}

/**
 * `str` (sized or terminated by the field's keys) or `strz` (terminated by a null, `strzTerminator`:
 * the field's `terminator` has it filled in, a switch case's does not).
 */
export interface StrTypeRef {
  readonly kind: 'str' | 'strz';
  /** The field's `encoding`, else `meta/encoding`. */
  readonly encoding: string;
}

export interface BytesTypeRef {
  readonly kind: 'bytes';
}

/** A user type: its name path as written (`a::b` → `['a', 'b']`) and the arguments of its params. */
export interface UserTypeRef {
  readonly kind: 'user';
  readonly name: readonly string[];
  readonly args: readonly Expr[];
}

/**
 * `type: {switch-on, cases}`. A switch with `size` / `size-eos` and no `_` case gets Kaitai's
 * implicit `_: bytes` case.
 */
export interface SwitchTypeRef {
  readonly kind: 'switch';
  readonly on: Expr;
  readonly cases: readonly SwitchCase[];
}

export interface SwitchCase {
  readonly match: Expr | '_';
  readonly type: Exclude<TypeRef, SwitchTypeRef>;
}

export type TypeRef =
  | IntTypeRef
  | FloatTypeRef
  | BitsTypeRef
  | StrTypeRef
  | BytesTypeRef
  | UserTypeRef
  | SwitchTypeRef;

/** A parameter's type: no byte order, no encoding; `[]` makes an array. */
export type ParamType =
  | { readonly kind: 'int'; readonly width: 1 | 2 | 4 | 8; readonly signed: boolean }
  | { readonly kind: 'float'; readonly width: 4 | 8 }
  | { readonly kind: 'bits'; readonly width: number }
  | { readonly kind: 'str' | 'bytes' | 'bool' | 'struct' | 'io' | 'any' }
  | { readonly kind: 'user'; readonly name: readonly string[] }
  | { readonly kind: 'array'; readonly element: ParamType };

/** A primitive's parts, from its name: undefined when the name is not a primitive's. */
export type Primitive =
  | {
      readonly kind: 'int';
      readonly width: 1 | 2 | 4 | 8;
      readonly signed: boolean;
      readonly order?: ByteOrder;
    }
  | { readonly kind: 'float'; readonly width: 4 | 8; readonly order?: ByteOrder }
  | { readonly kind: 'bits'; readonly width: number; readonly order?: ByteOrder }
  | { readonly kind: 'str' | 'strz' };

const INT = /^([us])(2|4|8)(le|be)?$/;
const FLOAT = /^f(4|8)(le|be)?$/;
const BITS = /^b([1-9][0-9]*)(le|be)?$/;

export function primitive(name: string): Primitive | undefined {
  if (name === 'u1' || name === 's1') return { kind: 'int', width: 1, signed: name === 's1' };
  if (name === 'str' || name === 'strz') return { kind: name };
  let m = INT.exec(name);
  if (m) {
    const order = m[3] as ByteOrder | undefined;
    const width = Number(m[2]) as 2 | 4 | 8;
    return order
      ? { kind: 'int', width, signed: m[1] === 's', order }
      : { kind: 'int', width, signed: m[1] === 's' };
  }
  m = FLOAT.exec(name);
  if (m) {
    const order = m[2] as ByteOrder | undefined;
    const width = Number(m[1]) as 4 | 8;
    return order ? { kind: 'float', width, order } : { kind: 'float', width };
  }
  m = BITS.exec(name);
  if (m && Number(m[1]) <= 64) {
    const order = m[2] as ByteOrder | undefined;
    return order ? { kind: 'bits', width: Number(m[1]), order } : { kind: 'bits', width: Number(m[1]) };
  }
  return undefined;
}

/** The null that ends a `strz` in `encoding`: 2 zero bytes in UTF-16, 4 in UTF-32, else one. */
export function strzTerminator(encoding: string): number | Uint8Array {
  const name = encoding.toUpperCase().replace(/[-_]/g, '');
  if (name === 'UTF16LE' || name === 'UTF16BE') return new Uint8Array(2);
  if (name === 'UTF32LE' || name === 'UTF32BE') return new Uint8Array(4);
  return 0;
}

/** `a::b` → `['a', 'b']`. */
export function splitName(name: string): string[] {
  return name.split('::').map((part) => part.trim());
}

/**
 * A parameter's declared type (`u4`, `bool`, `my_type[]`…); no type is `bytes`, as in Kaitai.
 * Byte order suffixes are not allowed here; undefined when the name is malformed.
 */
export function paramType(name: string | undefined): ParamType | undefined {
  if (name === undefined) return { kind: 'bytes' };
  if (name.endsWith('[]')) {
    const element = paramType(name.slice(0, -2));
    return element && { kind: 'array', element };
  }
  switch (name) {
    case 'str':
    case 'bytes':
    case 'bool':
    case 'struct':
    case 'io':
    case 'any':
      return { kind: name };
  }
  const p = primitive(name);
  if (p) {
    if (p.kind === 'strz' || ((p.kind === 'int' || p.kind === 'float') && p.order)) return undefined;
    if (p.kind === 'int') return { kind: 'int', width: p.width, signed: p.signed };
    if (p.kind === 'float') return { kind: 'float', width: p.width };
    if (p.kind === 'bits') return { kind: 'bits', width: p.width };
  }
  return { kind: 'user', name: splitName(name) };
}
