/**
 * pointer: a value stored elsewhere in the record, at an offset decoded earlier.
 *
 *   struct({ nameOffset: u16be, flags: u8 }).field('name', (s) => pointer(Name, s.nameOffset))
 *
 * The codec is read at the target, then the position returns to where it was (the pointer takes no
 * bytes). The target is `offset` bytes from:
 *   'record'   (default) the record's first byte; for `decode(codec, file)` that is the file's start
 *   'current'  the position where the pointer is read, just after the fields before it
 *   'absolute' the start of the whole input (the buffer, or the stream's first byte)
 *
 * Pointers address the current record only: a stream holds the record's bytes and has released
 * everything before it, so a target before the record's start is a ValidationError in every mode
 * (decode, Decoder, StreamDecoder alike). A target may lie outside an enclosing `sized` section,
 * but reads past `maxRecordBytes` from the record's start raise a LimitError as usual. Recursion
 * through pointers (a pointer to a structure holding pointers) needs `lazy`, whose depth limit stops
 * hostile loops. The record ends where its fields end: bytes reached only through pointers are left
 * over for `decode` (pass `allowTrailing`, or cover them with a field) and, in a stream, are where
 * the next record starts.
 *
 * Pointers are decode-only: encoding raises EncodeError `NOT_ENCODABLE`. The bytes a pointer
 * addresses belong to another field (a string table, a blob), and writing them there while keeping
 * every offset consistent is a layout decision a codec cannot make. Encode with a schema that has
 * the target bytes as ordinary fields and the offsets as numbers.
 */
import { Codec } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { EncodeError } from '../errors.js';

export type PointerBase = 'record' | 'current' | 'absolute';

export interface PointerOptions {
  /** Where `offset` counts from (default `record`). */
  relativeTo?: PointerBase;
}

export class PointerCodec<T> extends Codec<T> {
  readonly kind = 'pointer';
  /** Takes no bytes where it stands. */
  override readonly size = 0;

  constructor(
    readonly codec: Codec<T>,
    readonly offset: number,
    readonly relativeTo: PointerBase,
  ) {
    super();
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const here = st.pos;
    const base = this.relativeTo === 'record' ? st.recordStart : this.relativeTo === 'current' ? here : 0;
    const target = base + this.offset;
    if (!Number.isSafeInteger(this.offset))
      st.invalid(
        here,
        0,
        `pointer offset ${this.offset} is not an integer`,
        'an integer offset',
        String(this.offset),
      );
    if (target < st.recordStart) {
      st.invalid(
        here,
        0,
        `pointer target ${target} (offset ${this.offset} from ${this.relativeTo}) lies before the record's start ${st.recordStart}; pointers address the current record only`,
        `a target at or after byte ${st.recordStart}`,
        String(target),
      );
    }
    // The target may lie outside the enclosing section: read it within the record's bounds.
    const section = st.sectionEnd;
    st.leaveSection(Number.POSITIVE_INFINITY);
    st.pos = target;
    try {
      return this.codec.read(st);
    } finally {
      st.pos = here;
      st.leaveSection(section);
    }
  }

  write(): void {
    throw new EncodeError(
      'NOT_ENCODABLE',
      'pointer fields are decode-only: encode with a schema that writes the target bytes as ordinary fields',
    );
  }
}

/** `codec` read at `offset` (from the record's start, by default); see the module comment. */
export function pointer<T>(codec: Codec<T>, offset: number, options: PointerOptions = {}): PointerCodec<T> {
  return new PointerCodec(codec, offset, options.relativeTo ?? 'record');
}
