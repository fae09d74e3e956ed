/**
 * lazy: a codec resolved on first use, for recursive formats. Annotate the recursive type, since
 * TypeScript cannot infer a type from its own definition:
 *
 *   interface Tree { value: number; children: Tree[] }
 *   const Tree: Codec<Tree> = struct({ value: u8, children: array(lazy(() => Tree), { count: u8 }) });
 *
 * Each lazy level counts towards `maxDepth` (default 256): hostile input nested deeper raises a
 * LimitError instead of exhausting the stack. (A maxDepth raised far beyond that can still overflow
 * the stack: a level costs several frames.) Compiled, the target is read by a function of its own
 * that each level calls (ReadGen's `callNested`).
 */

import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';
import { defaultLimits } from '../core/limits.js';
import { EncodeError } from '../errors.js';

export class LazyCodec<T> extends Codec<T> {
  readonly kind = 'lazy';
  #resolved: Codec<T> | undefined;

  readonly #thunk: () => Codec<T>;

  constructor(thunk: () => Codec<T>) {
    super();
    this.#thunk = thunk;
    Object.freeze(this);
  }

  /** The codec the thunk returns, resolved once. */
  get codec(): Codec<T> {
    if (this.#resolved === undefined) this.#resolved = this.#thunk();
    return this.#resolved;
  }

  read(st: DecodeState): T {
    st.descend();
    try {
      return this.codec.read(st);
    } finally {
      st.depth--;
    }
  }

  /**
   * Compiled read: a call of the target's own generated function (one per compiled function, so
   * the recursion is a call of it), counted against maxDepth as `read` counts it.
   */
  override [GEN_READ](g: ReadGen): string {
    return g.callNested(this.codec);
  }

  write(w: EncodeState, value: T): void {
    // A cyclic value would recurse until the stack overflows: bounded like decoding.
    if (w.depth >= defaultLimits.maxDepth) {
      throw new EncodeError(
        'TOO_DEEP',
        `nesting deeper than ${defaultLimits.maxDepth} levels (is the value cyclic?)`,
      );
    }
    w.depth++;
    try {
      this.codec.write(w, value);
    } finally {
      w.depth--;
    }
  }
}

/** A codec defined by `thunk`, called on first use (so it may refer to a codec defined later). */
export function lazy<T>(thunk: () => Codec<T>): LazyCodec<T> {
  return new LazyCodec(thunk);
}
