/**
 * nullable: a value, or null written as a fixed byte sequence in its place (the sentinel).
 *
 *   nullable(codec, '$-1\r\n')              RESP's null bulk string
 *   nullable(bytes(i32be), [0xff, 0xff, 0xff, 0xff])   a PostgreSQL column: length -1 is NULL
 *
 * Decoding compares the next bytes with the sentinel before `codec` sees them: equal, they are
 * consumed and the value is null; else `codec` decodes. So the sentinel may be what `codec` would
 * refuse (a length of -1) or read differently. In a stream, bytes that match the sentinel so far
 * wait for the rest of it. Encoding writes the sentinel for null, else the codec; it refuses a value
 * whose bytes begin with the sentinel (EncodeError `AMBIGUOUS`), which would decode as null.
 */
import { bytesOf } from '../bytes/bytes.js';
import { describeBytes } from '../bytes/magic.js';
import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';
import { EncodeError } from '../errors.js';

export class NullableCodec<T> extends Codec<T | null> {
  readonly kind = 'nullable';
  readonly sentinel: Uint8Array;

  constructor(
    readonly codec: Codec<T>,
    sentinel: string | readonly number[] | Uint8Array,
  ) {
    super();
    this.sentinel = sentinel instanceof Uint8Array ? sentinel.slice() : bytesOf(sentinel);
    if (this.sentinel.length === 0) throw new TypeError('nullable: the sentinel is empty');
    Object.freeze(this);
  }

  read(st: DecodeState): T | null {
    const s = this.sentinel;
    const at = st.pos;
    const src = st.src;
    let i = 0;
    while (i < s.length && at + i < st.end && src.u8(at + i) === s[i]) i++;
    if (i === s.length) {
      st.take(i);
      return null;
    }
    // The bytes so far match, and the rest of the sentinel may still arrive within the section
    // and the record: wait, so that every chunking decides the same way — for one more byte, which
    // may already differ from the sentinel (a `*0` after `*` is no `*-1`).
    if (at + i === src.end && !src.final && src.end < Math.min(st.sectionEnd, st.recordLimit)) st.needMore(1);
    return this.codec.read(st);
  }

  /**
   * Compiled read: the sentinel compared in place, byte by byte. Where fewer bytes than the
   * sentinel are left, the value is read if one of them differs from it, as the interpreter does;
   * if they all match, the interpreter waits for the rest at the input's end (`waitFor`), and
   * before a section's end reads the value, which is left to it.
   */
  override [GEN_READ](g: ReadGen): string {
    const s = this.sentinel;
    const n = s.length;
    g.flush();
    const v = g.tmp();
    const same = Array.from(s, (b, i) => `u8[p + ${i}] === ${b}`).join(' && ');
    const prefix = Array.from(s, (b, i) => `(p + ${i} >= end || u8[p + ${i}] === ${b})`).join(' && ');
    g.emit(`let ${v}; if (p + ${n} <= end && ${same}) { ${v} = null; p += ${n}; } else {`);
    g.emit(`if (p + ${n} > end && ${prefix}) { ${g.waitFor('end + 1')} return FAIL; }`);
    // Within the branch `p` has not moved, so what was checked still holds.
    g.emit(`${v} = ${g.read(this.codec)};`);
    g.flush();
    g.emit('}');
    g.moved();
    return v;
  }

  write(w: EncodeState, value: T | null): void {
    const s = this.sentinel;
    if (value === null) {
      w.bytes(s);
      return;
    }
    const at = w.pos;
    this.codec.write(w, value);
    const u8 = w.u8a;
    let i = 0;
    while (i < s.length && at + i < w.pos && u8[at + i] === s[i]) i++;
    if (i === s.length) {
      throw new EncodeError(
        'AMBIGUOUS',
        `the value's bytes begin with the null sentinel ${describeBytes(s)}, so they would decode as null`,
      );
    }
  }
}

/** `codec`'s value, or null written as the bytes `sentinel`; see the module comment. */
export function nullable<T>(
  codec: Codec<T>,
  sentinel: string | readonly number[] | Uint8Array,
): NullableCodec<T> {
  return new NullableCodec(codec, sentinel);
}
