/**
 * What the expression compiler asks of the type an expression stands in. The .ksy compiler implements
 * a Scope per type (its fields, instances, params, enums and the types it can see); compile.ts never
 * assumes how objects are laid out, it only splices the JS text the Scope hands back.
 */
import type { TypeRef } from './ast.js';
import type { EnumType, KType } from './types.js';

/** A name's value: the JS expression text that reads it, and its static type. */
export interface Binding {
  /** JS expression text (e.g. `this.len`, `obj.body`, `i`); it is parenthesized where needed. */
  readonly js: string;
  readonly type: KType;
  /**
   * JS text of this value's size in bytes as it was read (`field._sizeof`), when it is a field or
   * instance that has one; undefined makes `x._sizeof` a TYPE_MISMATCH.
   */
  readonly sizeof?: string;
}

export interface Scope {
  /** The JS expression under which runtime.ts's `ksyRuntime` object is reachable, e.g. `$rt`. */
  readonly runtime: string;

  /**
   * A bare identifier in the current type: a field, instance or param — and the special names
   * `_root`, `_parent`, `_io` (type `io`), `_index` (a repeat's index, in repeat-expr/until),
   * `_` (repeat-until's current item, or the value a `valid`/`process` checks) and `_sizeof`
   * (the current type's size: answer with `type: int`). Undefined: an UNKNOWN_NAME error.
   */
  identifier(name: string): Binding | undefined;

  /**
   * `object.name` where `object` has a user, `struct` or `any` type and `objectJs` is its JS text
   * (already parenthesized): its fields, instances, params and `_root _parent _io _sizeof`.
   * Undefined: a TYPE_MISMATCH error ("no member").
   */
  member(object: KType, objectJs: string, name: string): Binding | undefined;

  /**
   * The value of `enum::member` (`type` the type path before it, if any, as written), and the
   * enum's type (its canonical path, which `==` compares, and its integer representation).
   * Undefined: an UNKNOWN_NAME error.
   */
  enumMember(type: TypeRef | undefined, name: string, member: string): EnumMember | undefined;

  /**
   * The user type named in `.as<foo::bar>` / `sizeof<foo>` (primitive names such as `u4` never
   * reach the Scope), with its fixed size in bits when it has one (`sizeof`, `bitsizeof`).
   * Undefined: an UNKNOWN_NAME error.
   */
  userType(type: TypeRef): { readonly type: KType; readonly bits?: number } | undefined;
}

export interface EnumMember {
  /** The integer (a bigint only if it is not a safe integer). */
  readonly value: number | bigint;
  readonly type: EnumType;
}
