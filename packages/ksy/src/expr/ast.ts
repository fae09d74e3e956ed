/**
 * The syntax tree of a Kaitai Struct expression, as parse.ts builds it. Every node has `at`: the
 * 0-based offset of its first character in the expression source (its operator's, for a binary node),
 * so a type error points where Kaitai's own would.
 */

/** A type named in `.as<…>`, `sizeof<…>`: `foo::bar`, `::top`, `u4`, `u1[]`. */
export interface TypeRef {
  readonly absolute: boolean;
  readonly path: readonly string[];
  readonly array: boolean;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '<<' | '>>' | '&' | '|' | '^';
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type UnaryOp = '-' | '~' | 'not';

export type Ast =
  | { readonly kind: 'int'; readonly value: bigint; readonly at: number }
  | { readonly kind: 'float'; readonly value: number; readonly at: number }
  | { readonly kind: 'str'; readonly value: string; readonly at: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly at: number }
  /** `f"a{x}b"`: literal parts and expressions, in order. */
  | { readonly kind: 'fstring'; readonly parts: readonly (string | Ast)[]; readonly at: number }
  /** An identifier, including `_root _parent _io _index _ _sizeof`. */
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  /** `[a, b, …]`: bytes when every item is an integer literal 0..255, else an array. */
  | { readonly kind: 'list'; readonly items: readonly Ast[]; readonly at: number }
  /** `enum_name::member`, `type::enum_name::member`, `::type::enum::member` (`type` the type path). */
  | {
      readonly kind: 'enum';
      readonly type: TypeRef | undefined;
      readonly name: string;
      readonly member: string;
      readonly at: number;
    }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Ast; readonly at: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOp;
      readonly left: Ast;
      readonly right: Ast;
      readonly at: number;
    }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: Ast;
      readonly right: Ast;
      readonly at: number;
    }
  | {
      readonly kind: 'logic';
      readonly op: 'and' | 'or';
      readonly left: Ast;
      readonly right: Ast;
      readonly at: number;
    }
  | {
      readonly kind: 'cond';
      readonly test: Ast;
      readonly ifTrue: Ast;
      readonly ifFalse: Ast;
      readonly at: number;
    }
  /** `object.name` (a property, or a method without arguments such as `.to_i`). */
  | { readonly kind: 'attr'; readonly object: Ast; readonly name: string; readonly at: number }
  /** `object.name(args)`. */
  | {
      readonly kind: 'call';
      readonly object: Ast;
      readonly name: string;
      readonly args: readonly Ast[];
      readonly at: number;
    }
  | { readonly kind: 'index'; readonly object: Ast; readonly index: Ast; readonly at: number }
  | { readonly kind: 'cast'; readonly object: Ast; readonly type: TypeRef; readonly at: number }
  /** `sizeof<t>` (bytes) and `bitsizeof<t>` (bits). */
  | { readonly kind: 'sizeof'; readonly type: TypeRef; readonly bits: boolean; readonly at: number };
