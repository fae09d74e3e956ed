/**
 * The model of a .ksy description: what `parseKsy` makes of the YAML, checked against the Kaitai
 * Struct language (keys, combinations, identifiers) with every default it implies filled in
 * (inherited `meta`, a field's endianness and encoding, `strz`'s terminator, a sized switch's
 * implicit bytes case). Expressions stay source text (`Expr`): the expression language parses them.
 * Every part keeps `at`, where it stands in its .ksy, for the errors raised later.
 */
import type { KsyLocation } from '../errors.js';
import type { ParamType, TypeRef } from './type-ref.js';

/** An expression of the Kaitai expression language, not parsed yet: its text and where it stands. */
export interface Expr extends KsyLocation {
  /** The text: a YAML string's value, or a number's / boolean's source text (`0xff`, `true`). */
  readonly source: string;
  readonly path: readonly (string | number)[];
}

/** Byte order. */
export type ByteOrder = 'le' | 'be';

/** `meta/endian` computed at run time: `on` evaluated, matched against each case (`_` is the default). */
export interface SwitchEndian {
  readonly switchOn: Expr;
  readonly cases: readonly (readonly [match: Expr | '_', endian: ByteOrder])[];
}

/**
 * A type's default byte order: fixed, computed by its own `switch-on`, or `'inherited'` — a type
 * nested in one with a computed order takes its parent object's order at run time (Kaitai's `_is_le`).
 */
export type Endian = ByteOrder | SwitchEndian | 'inherited';

/** `doc` and `doc-ref`. */
export interface Doc {
  readonly doc?: string;
  readonly docRef: readonly string[];
}

/** An entry of `meta/imports`: the name as written (`/common/vlq_base128_le`, `../foo/bar`, `foo`). */
export interface ImportSpec {
  readonly name: string;
  readonly at: KsyLocation;
}

/** `meta`: a type's own keys plus those it inherits (endian, bit-endian, encoding). */
export interface Meta {
  /** `meta/id`: required at a file's top, which it names. */
  readonly id?: string;
  readonly endian?: Endian;
  /** Bit order of `bX` fields; absent means Kaitai's default, big-endian. */
  readonly bitEndian?: ByteOrder;
  readonly encoding?: string;
  /** `meta/imports` (not inherited). */
  readonly imports: readonly ImportSpec[];
  /** `ks-opaque-types`: user types that name nothing are external classes instead of errors. */
  readonly opaqueTypes?: boolean;
  readonly ksVersion?: string;
  readonly ksDebug?: boolean;
  readonly zeroCopySubstream?: boolean;
  readonly title?: string;
  readonly application?: string | readonly string[];
  readonly fileExtension?: string | readonly string[];
  readonly license?: string;
  readonly tags?: readonly string[];
  readonly xref?: Readonly<Record<string, unknown>>;
}

/** `valid`: a bare scalar is `eq`; `contents` is an `eq` of its bytes (kept as `contents` on the field). */
export type ValidSpec =
  | { readonly kind: 'eq'; readonly eq: Expr }
  | { readonly kind: 'range'; readonly min?: Expr; readonly max?: Expr }
  | { readonly kind: 'anyOf'; readonly anyOf: readonly Expr[] }
  | { readonly kind: 'inEnum' }
  | { readonly kind: 'expr'; readonly expr: Expr };

/** `repeat`, with its `repeat-expr` (a count) or `repeat-until` (a condition on `_`). */
export type RepeatSpec =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'until'; readonly until: Expr }
  | { readonly kind: 'eos' };

/** `process`: `xor(key)`, `rol(n)`, `ror(n)`, `zlib`, or a custom routine (`my_lib.cipher(a, b)`). */
export interface ProcessSpec {
  readonly name: string;
  readonly args: readonly Expr[];
  readonly at: KsyLocation;
}

/** A field of `seq` (and what a parse instance reads). */
export interface AttrSpec {
  /** `seq` for a field of `seq`, `parse` for a parse instance (a `ParseInstanceSpec`). */
  readonly kind: 'seq' | 'parse';
  /** The id, or Kaitai's `_unnamed<N>` for a seq field without one (`unnamed` then true). */
  readonly id: string;
  readonly unnamed: boolean;
  /**
   * What is read. `{kind: 'bytes'}` when there is no `type`; `str`'s encoding and strz's
   * terminator are filled in; a `bX` without `enum` and X = 1 is a boolean in Kaitai.
   */
  readonly type: TypeRef;
  /** `size`: the bytes taken (for a user type or switch: its substream). */
  readonly size?: Expr;
  readonly sizeEos: boolean;
  /** `terminator` (a byte), or strz's implied null: a number, or 2 / 4 zero bytes for UTF-16 / UTF-32. */
  readonly terminator?: number | Uint8Array;
  readonly consume: boolean;
  readonly include: boolean;
  readonly eosError: boolean;
  readonly padRight?: number;
  /** `contents`, as bytes: the field reads `contents.length` bytes that must equal them. */
  readonly contents?: Uint8Array;
  /** `enum`, its name path as written (`animal`, `other_type::animal`). */
  readonly enum?: readonly string[];
  /** `parent`: what a user type sees as `_parent`. */
  readonly parent?: Expr;
  readonly if?: Expr;
  readonly repeat?: RepeatSpec;
  readonly process?: ProcessSpec;
  readonly valid?: ValidSpec;
  readonly doc: Doc;
  readonly at: KsyLocation;
}

/** A parse instance: a field read lazily, at `pos` in `io` when given. */
export interface ParseInstanceSpec extends AttrSpec {
  readonly kind: 'parse';
  readonly pos?: Expr;
  readonly io?: Expr;
}

/** A value instance: an expression computed on demand. */
export interface ValueInstanceSpec {
  readonly kind: 'value';
  readonly id: string;
  readonly value: Expr;
  readonly enum?: readonly string[];
  readonly if?: Expr;
  readonly doc: Doc;
  readonly at: KsyLocation;
}

export type InstanceSpec = ParseInstanceSpec | ValueInstanceSpec;

/** A `params` entry. */
export interface ParamSpec {
  readonly id: string;
  readonly type: ParamType;
  readonly enum?: readonly string[];
  readonly doc: Doc;
  readonly at: KsyLocation;
}

/** One member of an enum. */
export interface EnumMember {
  /** Exact: a number when safe, a bigint past 2^53. */
  readonly value: number | bigint;
  readonly id: string;
  readonly doc: Doc;
  readonly at: KsyLocation;
}

export interface EnumSpec {
  readonly name: string;
  /** The full name: the enclosing types' names, then the enum's (`['top', 'child', 'animal']`). */
  readonly fullName: readonly string[];
  /** In the order written. */
  readonly members: readonly EnumMember[];
  readonly at: KsyLocation;
}

/** A type: a file's top type (named by `meta/id`) or one of `types`. */
export interface TypeSpec {
  readonly name: string;
  /** The names from the file's top type down to this one (`['top', 'child', 'grandchild']`). */
  readonly fullName: readonly string[];
  /** The enclosing type; absent for a file's top type. */
  readonly parent: TypeSpec | undefined;
  /** Effective meta: the type's own keys, endian / bit-endian / encoding inherited from its parent. */
  readonly meta: Meta;
  readonly params: readonly ParamSpec[];
  readonly seq: readonly AttrSpec[];
  /** In the order written. */
  readonly instances: readonly InstanceSpec[];
  readonly types: readonly TypeSpec[];
  readonly enums: readonly EnumSpec[];
  /** `to-string`. */
  readonly toStringExpr?: Expr;
  readonly doc: Doc;
  readonly at: KsyLocation;
}

/** A parsed .ksy file. */
export interface KsyFile {
  /** The name it was parsed under (`options.file`): how imports are resolved relative to it. */
  readonly file?: string;
  /** Its top type, named by `meta/id`. */
  readonly top: TypeSpec;
}
