/**
 * One record through the compiled path with the interpreter as the fallback: the compiled
 * function handles the happy path; on FAIL, or a DecodeError from an interpreted child, the record
 * is decoded again by the interpreter, which either succeeds identically or raises the error with
 * its full field path. (User functions in a schema, such as a refine test, may then run twice.)
 */

import { BufferChain } from '@stride/view';
import type { Codec } from '../core/codec.js';
import { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import { type CompiledRead, type CompiledWrite, FAIL } from '../core/gen.js';
import { defaultLimits } from '../core/limits.js';
import { ChainSource, FlatSource } from '../core/source.js';
import { DecodeError, EncodeError } from '../errors.js';

/** Decodes one record starting at `at` (the state's source must already be set). */
export function readRecord<T>(
  codec: Codec<T>,
  compiled: CompiledRead<T> | null,
  st: DecodeState,
  at: number,
): T {
  st.begin(at);
  if (compiled !== null) {
    try {
      const value = compiled(st);
      if (value !== FAIL) return value;
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
    st.begin(at);
  }
  return codec.read(st);
}

/** Encodes one value at the writer's position. */
export function writeRecord<T>(
  codec: Codec<T>,
  compiled: CompiledWrite<T> | null,
  w: EncodeState,
  value: T,
): void {
  const at = w.pos;
  if (compiled !== null) {
    try {
      if (compiled(w, value) !== FAIL) return;
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
    }
    w.pos = at;
  }
  codec.write(w, value);
}

/**
 * One live instance of each class the hot paths use. V8 holds the hidden classes that optimized
 * code depends on weakly: when every Decoder's state had died (between two decodes, at a GC), the
 * optimized code for `readRecord`, the compiled functions and `begin` was thrown away and rebuilt.
 */
export const mapKeepers: readonly object[] = [
  new DecodeState(new FlatSource(), { ...defaultLimits }),
  new ChainSource(new BufferChain()),
];
