/**
 * peek: reads a value without consuming it, to look ahead at what follows.
 *
 *   struct({ version: peek(u8) }).field('body', (s) => (s.version === 1 ? V1 : V2))
 *
 * Encoding writes nothing: the peeked bytes belong to the fields after it, which write them.
 */
import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';

export class PeekCodec<T> extends Codec<T> {
  readonly kind = 'peek';
  /** Takes no bytes. */
  override readonly size = 0;

  constructor(readonly codec: Codec<T>) {
    super();
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const value = this.codec.read(st);
    st.pos = at;
    return value;
  }

  /** Compiled read: the inner codec's code, then the position put back where it was. */
  override [GEN_READ](g: ReadGen): string {
    g.flush();
    const at = g.tmp('k');
    g.emit(`const ${at} = p;`);
    const v = g.read(this.codec);
    g.flush();
    g.emit(`p = ${at};`);
    g.moved();
    return v;
  }

  write(_w: EncodeState, _value: T): void {}
}

/** `codec`'s value at the current position, which stays where it was. */
export function peek<T>(codec: Codec<T>): PeekCodec<T> {
  return new PeekCodec(codec);
}
