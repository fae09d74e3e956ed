/**
 * One record through the compiled path with the interpreter as the fallback: the compiled
 * function handles the happy path; on FAIL, or a DecodeError from an interpreted child, the record
 * is decoded again by the interpreter, which either succeeds identically or raises the error with
 * its full field path. (User functions in a schema, such as a refine test, may then run twice.)
 *
 * Every decode and encode goes through here, so this is where an exhausted JavaScript stack (a
 * schema with many combinators per level, nested within maxDepth) becomes a LimitError (`maxDepth`)
 * or an EncodeError (`TOO_DEEP`) instead of escaping as a RangeError.
 */

import { BufferChain } from '@stride/view';
import { keepShapes } from '@stride/view/shapes';
import type { Codec } from '../core/codec.js';
import { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import { type CompiledRead, type CompiledWrite, FAIL } from '../core/gen.js';
import { defaultLimits } from '../core/limits.js';
import { ChainSource, FlatSource } from '../core/source.js';
import { DecodeError, EncodeError, LimitError, ValidationError } from '../errors.js';

/** Decodes one record starting at `at` (the state's source must already be set). */
export function readRecord<T>(
  codec: Codec<T>,
  compiled: CompiledRead<T> | null,
  st: DecodeState,
  at: number,
): T {
  st.begin(at);
  try {
    if (compiled !== null) {
      try {
        const value = compiled(st);
        if (value !== FAIL) return value;
        // Cut short by the end of an input that goes on: wait for the record's end, as the
        // interpreter would after reading up to its section (DecodeState.enterSection), or for
        // the bytes the compiled code stopped at, where the interpreter would stop too.
        const cut = st.cutAt;
        if (cut > st.src.end && !st.src.final && cut <= st.recordLimit) st.needMore(cut - st.src.end);
        const need = st.needAt;
        if (need > st.src.end && !st.src.final && need <= st.recordLimit) st.needMore(need - st.src.end);
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
      st.begin(at);
    }
    return codec.read(st);
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    const max = st.limits.maxDepth;
    throw new LimitError(
      'maxDepth',
      `nesting too deep for the JavaScript stack before maxDepth (${max}) was reached; lower maxDepth`,
      st.details(at, 0, `fewer levels than the stack holds (maxDepth ${max})`),
    );
  }
}

/** Encodes one value at the writer's position. */
export function writeRecord<T>(
  codec: Codec<T>,
  compiled: CompiledWrite<T> | null,
  w: EncodeState,
  value: T,
): void {
  const at = w.pos;
  try {
    if (compiled !== null) {
      try {
        if (compiled(w, value) !== FAIL) return;
      } catch (e) {
        if (!(e instanceof EncodeError)) throw e;
      }
      w.pos = at;
    }
    codec.write(w, value);
  } catch (e) {
    // A failed write leaves no bytes behind: an Encoder's next record starts where this one did.
    w.pos = at;
    if (!isStackOverflow(e)) throw e;
    // An EncodeError, as every encode failure is (lazy's own depth check gives the same code).
    throw new EncodeError('TOO_DEEP', 'the value nests too deep for the JavaScript stack (is it cyclic?)');
  }
}

/** V8's error for an exhausted call stack (a deep schema on deep input), not another RangeError. */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message === 'Maximum call stack size exceeded';
}

/**
 * The error for a record that consumed no bytes: a run of records would never advance past it
 * (`struct({ flags: peek(u8) })` whose other fields are all absent).
 */
export function noProgress(at: number): ValidationError {
  return new ValidationError('the record consumed no bytes, so the stream would never advance', {
    offset: at,
  });
}

keepShapes(new DecodeState(new FlatSource(), { ...defaultLimits }), new ChainSource(new BufferChain()));
