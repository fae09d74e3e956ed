/**
 * Fields that may be absent:
 *
 *   when(condition, codec)   present iff `condition`, a value decoded earlier decides:
 *                            struct({ flags: u8 }).field('ext', (s) => when((s.flags & 1) !== 0, Ext))
 *   optional(codec)          present iff bytes remain in the enclosing section (or the input):
 *                            a trailing extension that older writers leave out
 *
 * Both decode to `T | undefined`. `optional` decides by `atEnd()`, so it belongs last in a section
 * (`sized`) or in the input; at the top level of a stream it would read the next record's bytes.
 * In a stream, a record ending in `optional` at the end of the input is settled by `end()`.
 *
 * Encoding `when` re-encodes what it decoded: a present field whose codec decodes to undefined
 * (`when(true, optional(C))` at the end, `when(true, magic('\r\n'))`) is written from undefined.
 */
import { Codec } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import { EncodeError } from '../errors.js';

export class WhenCodec<T> extends Codec<T | undefined> {
  readonly kind = 'when';
  override readonly size: number | undefined;
  readonly present: boolean;

  constructor(
    present: boolean,
    readonly codec: Codec<T>,
  ) {
    super();
    this.present = Boolean(present);
    this.size = this.present ? codec.size : 0;
    Object.freeze(this);
  }

  read(st: DecodeState): T | undefined {
    return this.present ? this.codec.read(st) : undefined;
  }

  write(w: EncodeState, value: T | undefined): void {
    if (!this.present) {
      if (value !== undefined)
        throw mismatch('the condition says this field is absent, but a value is given');
      return;
    }
    if (value !== undefined) {
      this.codec.write(w, value);
      return;
    }
    // A present field may decode to undefined (an `optional` at the end, a `magic`): write what it
    // decoded from, if the codec can; if it cannot, the value is missing.
    const at = w.pos;
    try {
      this.codec.write(w, value as T);
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      w.pos = at;
      throw mismatch('the condition says this field is present, but the value is undefined');
    }
  }
}

function mismatch(message: string): EncodeError {
  return new EncodeError('PRESENCE_MISMATCH', message);
}

export class OptionalCodec<T> extends Codec<T | undefined> {
  readonly kind = 'optional';

  constructor(readonly codec: Codec<T>) {
    super();
    Object.freeze(this);
  }

  read(st: DecodeState): T | undefined {
    return st.atEnd() ? undefined : this.codec.read(st);
  }

  write(w: EncodeState, value: T | undefined): void {
    if (value !== undefined) this.codec.write(w, value);
  }
}

/** `codec` when `condition` holds, else nothing (the value is undefined). */
export function when<T>(condition: boolean, codec: Codec<T>): WhenCodec<T> {
  return new WhenCodec(condition, codec);
}

/** `codec` if bytes remain in the enclosing section or input, else nothing (undefined). */
export function optional<T>(codec: Codec<T>): OptionalCodec<T> {
  return new OptionalCodec(codec);
}
