/**
 * select: the codec for a value decoded earlier, for dependent struct fields.
 *
 *   struct({ kind: u8 }).field('body', (s) => select(s.kind, { 1: Ping, 2: Data }))
 *
 * With no match (and no fallback), reading fails with a TagError at the field's position and
 * encoding with an EncodeError. The field's type is the union of the table's types: a struct's type
 * is not narrowed by `kind`; use `taggedUnion` where a discriminated type is wanted.
 */
import { type AnyCodec, Codec, type Infer } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { describeValue } from '../core/describe.js';
import type { EncodeState } from '../core/encode-state.js';
import { EncodeError } from '../errors.js';
import { expectedTags, type UnionTag } from './union.js';

/** What `select` gives for a value with no entry: a codec that fails both ways. */
class NoVariant extends Codec<never> {
  readonly kind = 'select';
  readonly #value: UnionTag;
  readonly #keys: readonly string[];

  constructor(value: UnionTag, keys: readonly string[]) {
    super();
    this.#value = value;
    this.#keys = keys;
    Object.freeze(this);
  }
  read(st: DecodeState): never {
    return st.badTag(st.pos, 0, expectedTags(this.#keys, this.#value), describeValue(this.#value));
  }
  write(_w: EncodeState, _value: never): void {
    throw new EncodeError(
      'BAD_TAG',
      `no codec for ${describeValue(this.#value)}; expected one of ${expectedTags(this.#keys, this.#value)}`,
    );
  }
}

/** `table[value]`, else `fallback`, else a codec that raises TagError; see the module comment. */
export function select<V extends Readonly<Record<UnionTag, AnyCodec>>, F extends AnyCodec = never>(
  value: UnionTag,
  table: V,
  fallback?: F,
): Codec<Infer<V[keyof V]> | Infer<F>> {
  type Out = Codec<Infer<V[keyof V]> | Infer<F>>;
  if (Object.hasOwn(table, value)) return table[value] as Out;
  return (fallback ?? new NoVariant(value, Object.keys(table))) as Out;
}
