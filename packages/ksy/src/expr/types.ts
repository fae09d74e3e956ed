/**
 * The static types of Kaitai's expression language, as the checker (compile.ts) derives them.
 *
 * Integers carry what code generation needs to stay fast and exact: `bits` bounds the magnitude
 * (every value v has -2^bits <= v < 2^bits: u1 → 8, s4 → 31, u8 → 64), so an operation whose result
 * provably fits a safe integer is emitted as a plain JS operator; `int64` says the value may be a
 * `bigint` at run time (u8/s8, b33..b64, and any arithmetic whose result may leave the safe range —
 * see runtime.ts), so the code must not mix it with numbers through plain operators.
 */

export interface IntType {
  readonly kind: 'int';
  /** Magnitude bound: -2^bits <= v < 2^bits (0..64; 64 when nothing better is known). */
  readonly bits: number;
  /** The value may be a bigint at run time (a number otherwise: an integer within ±2^53, so exact). */
  readonly int64: boolean;
}
export interface FloatType {
  readonly kind: 'float';
}
export interface BoolType {
  readonly kind: 'bool';
}
export interface StrType {
  readonly kind: 'str';
}
export interface BytesType {
  readonly kind: 'bytes';
}
/** An enum: at run time its integer; `path` is the enum's canonical name as the Scope gives it. */
export interface EnumType {
  readonly kind: 'enum';
  readonly path: readonly string[];
  /** The integer representation of its values. */
  readonly int: IntType;
}
/** A value of a user type; `ref` is the Scope's own opaque handle on that type. */
export interface UserType {
  readonly kind: 'user';
  readonly ref: unknown;
}
export interface ArrayType {
  readonly kind: 'array';
  readonly of: KType;
}
/** A stream (`_io`): `size`, `pos`, `eof`. */
export interface IoType {
  readonly kind: 'io';
}
/** Some user type not known statically (`_parent` of a type used from several places). */
export interface StructType {
  readonly kind: 'struct';
}
/** Anything: a value whose type the checker cannot tell (it accepts it where any type goes). */
export interface AnyType {
  readonly kind: 'any';
}

export type KType =
  | IntType
  | FloatType
  | BoolType
  | StrType
  | BytesType
  | EnumType
  | UserType
  | ArrayType
  | IoType
  | StructType
  | AnyType;

export const FLOAT: FloatType = { kind: 'float' };
export const BOOL: BoolType = { kind: 'bool' };
export const STR: StrType = { kind: 'str' };
export const BYTES: BytesType = { kind: 'bytes' };
export const IO: IoType = { kind: 'io' };
export const STRUCT: StructType = { kind: 'struct' };
export const ANY: AnyType = { kind: 'any' };

/** Above this many bits a number may leave the safe-integer range. */
export const SAFE_BITS = 53;

/** An integer type of magnitude `bits`; a bigint when wider than 53 bits unless told. */
export function intType(bits: number, int64 = bits > SAFE_BITS): IntType {
  return { kind: 'int', bits: Math.min(64, Math.max(0, bits)), int64 };
}

/** Lengths, positions and sizes: numbers below 2^32. */
export const LENGTH: IntType = intType(32);

/** The type of the integer literal `v`. */
export function literalType(v: bigint): IntType {
  const magnitude = v < 0n ? -v - 1n : v;
  return intType(magnitude.toString(2).length - (magnitude === 0n ? 1 : 0), !Number.isSafeInteger(Number(v)));
}

export function arrayOf(of: KType): ArrayType {
  return { kind: 'array', of };
}

/**
 * The KType of a Kaitai primitive type name (`u4`, `s8be`, `b12`, `f4le`, `str`, `strz`, `bytes`),
 * with `bits` its width in bits for sizeof, or undefined when the name is no primitive.
 * Integers: u8/s8 and b33..b64 are bigints when decoded (the runtime value conventions); b1 is bool.
 */
export function primitiveType(name: string): { type: KType; bits: number | undefined } | undefined {
  const m = /^([us])([1248])(le|be)?$/.exec(name);
  if (m) {
    const width = Number(m[2]) * 8;
    return { type: intType(m[1] === 'u' ? width : width - 1, width === 64), bits: width };
  }
  const b = /^b([1-9][0-9]?)(le|be)?$/.exec(name);
  if (b && Number(b[1]) <= 64) {
    const width = Number(b[1]);
    // Kaitai reads `b1` as a boolean.
    return { type: width === 1 ? BOOL : intType(width, width > 32), bits: width };
  }
  if (/^f[48](le|be)?$/.test(name)) return { type: FLOAT, bits: name[1] === '4' ? 32 : 64 };
  if (name === 'str' || name === 'strz') return { type: STR, bits: undefined };
  if (name === 'bytes') return { type: BYTES, bits: undefined };
  if (name === 'bool') return { type: BOOL, bits: undefined };
  return undefined;
}

/** A type as Kaitai's messages name it (`int`, `bytes`, `enum animal`, `array of str`). */
export function typeName(t: KType): string {
  switch (t.kind) {
    case 'int':
      return t.int64 ? 'int (64-bit)' : 'int';
    case 'enum':
      return `enum ${t.path.join('::')}`;
    case 'array':
      return `array of ${typeName(t.of)}`;
    case 'user':
      return 'user type';
    default:
      return t.kind;
  }
}

export function isNumeric(t: KType): t is IntType | FloatType {
  return t.kind === 'int' || t.kind === 'float';
}

/** May a value of this type be a bigint at run time? */
export function mayBeBigint(t: KType): boolean {
  return (t.kind === 'int' && t.int64) || (t.kind === 'enum' && t.int.int64) || t.kind === 'any';
}

/** Are two types the same for `==` and for the two branches of `?:`. */
export function sameType(a: KType, b: KType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'enum' && b.kind === 'enum') return a.path.join('::') === b.path.join('::');
  if (a.kind === 'array' && b.kind === 'array') return sameType(a.of, b.of);
  if (a.kind === 'user' && b.kind === 'user') return a.ref === b.ref;
  return true;
}
