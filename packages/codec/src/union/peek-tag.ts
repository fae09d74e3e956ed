/**
 * peekTag: a union tag that is part of the variant's own bytes, read without consuming them.
 * MQTT's packet type is the top 4 bits of the first byte, whose low 4 bits are flags that differ by
 * packet type; each variant reads the whole byte as its header (and sees its flags), the union only
 * looks at it:
 *
 *   taggedUnion(peekTag(u8, (b) => b >> 4), {
 *     3: struct({ header: bits({ type: 4, dup: bool, qos: 2, retain: bool }), … }),
 *     12: struct({ header: bits({ type: 4, flags: 4 }), … }),
 *   })
 *
 * It writes nothing: the variant writes those bytes, and the union checks that they carry the
 * value's tag (see `TaggedUnionCodec`), so `{ type: 3, header: { type: 12, … } }` is an EncodeError.
 */
import { Codec } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { UnionTag } from './union.js';

export class PeekTagCodec<X, T extends UnionTag> extends Codec<T> {
  readonly kind = 'peekTag';
  /** Takes no bytes. */
  override readonly size = 0;

  readonly #select: (value: X) => T;

  constructor(
    readonly codec: Codec<X>,
    select: (value: X) => T,
  ) {
    super();
    this.#select = select;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const value = this.codec.read(st);
    st.pos = at;
    return this.#select(value);
  }

  write(_w: EncodeState, _value: T): void {}
}

/** The tag `select` finds in `codec`'s value at the current position, which stays where it was. */
export function peekTag<X, T extends UnionTag>(codec: Codec<X>, select: (value: X) => T): PeekTagCodec<X, T> {
  return new PeekTagCodec(codec, select);
}
