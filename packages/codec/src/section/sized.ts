/**
 * sized: a body confined to a section of known length.
 *
 *   sized(u16be, Body)                              a length prefix, then the body
 *   sized(16, Body)                                 a fixed 16-byte section
 *   struct({ len: u8, kind: u8 }).field('body', (s) => sized(s.len, Body))   a length decoded earlier
 *   sized(transform(i32be, { decode: (n) => n - 4, encode: (n) => n + 4 }), Body)   a length that counts itself
 *
 * The body cannot read past the section's end (a LimitError `section`), and `toEnd` arrays and
 * `optional` inside it stop there. Bytes the body leaves unread are, with `rest`:
 *   'error' (default)  a TrailingBytesError at the first unread byte, as `decode` treats bytes left
 *                      after a value: a schema that does not describe its whole section is usually wrong
 *   'skip'             skipped (a format's reserved or future fields); encoding pads them with zeros
 *
 * Encoding writes the length, then the body; the length is filled in once the body is written (in
 * place when the length codec has a fixed size, else through a temporary buffer). With a fixed
 * length the body must fill it exactly (with `rest: 'skip'`, at most).
 *
 * The codec's type records its body's (`SizedCodec<T, B>`), so that a tagged union can tell a sized
 * struct or union variant from any other and merge its fields next to the tag, as it does a struct's.
 */
import { type AnyCodec, Codec, GEN_READ, GEN_WRITE, type Infer } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { isLength } from '../core/length.js';
import { EncodeError, TrailingBytesError } from '../errors.js';

export interface SizedOptions {
  /** What bytes the body leaves unread in the section are (default `error`). */
  rest?: 'error' | 'skip';
}

/**
 * Emits a section's compiled read around `body`, which emits the body's code (run with `end` bound
 * to the section's end) and returns an expression for the value; returns the value's local. For a
 * union that builds its own literal of the tag and a sized struct's fields within the section.
 */
export let genSection: (codec: SizedCodec<unknown, AnyCodec>, g: ReadGen, body: () => string) => string;

export class SizedCodec<T, B extends AnyCodec = Codec<T>> extends Codec<T> {
  readonly kind = 'sized';
  override readonly size: number | undefined;
  readonly #skip: boolean;
  /** Where a length of variable size is encoded before it is put in front of its body (see `write`). */
  readonly #scratch = new EncodeState(16);

  static {
    genSection = (codec, g, body) => codec.#genSection(g, body);
  }

  constructor(
    readonly length: number | Codec<number>,
    readonly body: B,
    options: SizedOptions = {},
  ) {
    super();
    this.#skip = options.rest === 'skip';
    this.size = typeof length === 'number' && isLength(length) ? length : undefined;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const at = st.pos;
    const length = this.length;
    const n = typeof length === 'number' ? length : length.read(st);
    if (!isLength(n))
      st.invalid(at, st.pos - at, `section length ${n} is not a length`, 'a length', String(n));
    const saved = st.enterSection(n);
    const end = st.sectionEnd;
    try {
      const value = this.body.read(st) as T;
      if (st.pos < end) this.#rest(st, end);
      return value;
    } finally {
      st.leaveSection(saved);
    }
  }

  /** Bytes [st.pos, end) were left unread by the body. */
  #rest(st: DecodeState, end: number): void {
    // Judge them only once they have arrived, so that every chunking agrees: a section that runs
    // past the input (whose body stopped at the input's end) is incomplete, and one past the
    // record limit a LimitError (`take` raises both), not followed by unread bytes.
    if (!this.#skip && end <= st.src.end && end <= st.recordLimit) {
      const left = end - st.pos;
      throw new TrailingBytesError(
        `${left} byte${left === 1 ? '' : 's'} of the section left unread by its body (pass rest: 'skip' to skip them)`,
        st.details(st.pos, 0, 'the end of the section', `${left} more byte${left === 1 ? '' : 's'}`),
      );
    }
    st.take(end - st.pos);
  }

  override [GEN_READ](g: ReadGen): string {
    return this.#genSection(g, () => g.read(this.body));
  }

  /**
   * The length, checked (anything odd goes to the interpreter, which raises the error), then the
   * body in a block whose `end` is the section's, then the bytes it left: none, or skipped.
   */
  #genSection(g: ReadGen, body: () => string): string {
    const length = this.length;
    if (typeof length === 'number' && !isLength(length)) return g.callRead(this);
    const n = g.tmp('n');
    g.emit(`const ${n} = ${typeof length === 'number' ? length : g.read(length)};`);
    g.flush();
    g.emit(`if (!(Number.isSafeInteger(${n}) && ${n} >= 0)) return FAIL;`);
    // A record's outermost section past `end` (the input's end there) is cut short: its end is
    // where the record will be complete, which the stream waits for without the interpreter
    // (readRecord, `cutAt`). Inside a section (or in a lazily read codec's function, which may be
    // in one), `end` may be that section's: the interpreter judges.
    const cut = g.sections === 0 && !g.inNested ? `st.cutAt = base + p + ${n}; ` : '';
    g.emit(`if (p + ${n} > end) { ${cut}return FAIL; }`);
    const sectionEnd = g.tmp('e');
    const v = g.tmp();
    g.emit(`const ${sectionEnd} = p + ${n}; let ${v};`);
    // What was checked held for the enclosing end; the body's reads are checked against its own.
    g.moved();
    g.sections++;
    const code = g.capture(() => {
      g.emit(`${v} = ${body()};`);
      g.flush();
    });
    g.sections--;
    // An interpreted child reads up to the state's bounds: enter the section there too.
    const saved = g.interprets(code) ? g.tmp('s') : undefined;
    g.emit(`{ const end = ${sectionEnd};`);
    if (saved) g.emit(`st.pos = base + p; const ${saved} = st.enterSection(${n});`);
    for (const line of code) g.emit(line);
    if (saved) g.emit(`st.leaveSection(${saved});`);
    g.emit(this.#skip ? `p = ${sectionEnd};` : `if (p !== ${sectionEnd}) return FAIL;`);
    g.emit('}');
    g.moved();
    return v;
  }

  write(w: EncodeState, value: T): void {
    const length = this.length;
    if (typeof length === 'number') {
      const start = w.pos;
      this.body.write(w, value);
      this.#fit(w, w.pos - start, length);
    } else if (length.size !== undefined) {
      // Write the body after room for the length, then the length into that room.
      const slot = w.reserve(length.size);
      this.body.write(w, value);
      const end = w.pos;
      w.pos = slot;
      length.write(w, end - slot - length.size);
      w.pos = end;
    } else {
      // Write the body after a byte of room, then the length in front of it (`#putLength`).
      const slot = w.reserve(1);
      this.body.write(w, value);
      w.pos = this.#putLength(w, slot);
    }
  }

  /**
   * Puts the length of a body written at `slot + 1` up to `w.pos` in front of it, when the length
   * codec's size varies: the length is encoded into a scratch state, and the body moved when it
   * takes more (or less) than the byte of room left for it, so no buffer is made per section.
   * Returns the offset after the body.
   */
  #putLength(w: EncodeState, slot: number): number {
    const end = w.pos;
    // A length codec may read the context, which the shared scratch does not carry.
    const scratch = w.context === undefined ? this.#scratch : new EncodeState(16, w.context);
    scratch.pos = 0;
    (this.length as Codec<number>).write(scratch, end - slot - 1);
    const k = scratch.pos;
    if (k !== 1) {
      if (k > 1) w.reserve(k - 1);
      w.u8a.copyWithin(slot + k, slot + 1, end);
    }
    for (let i = 0; i < k; i++) w.u8a[slot + i] = scratch.u8a[i] as number;
    return end + k - 1;
  }

  /**
   * Compiled write, for a length codec: the body's code after room for the length, then the length
   * (in its room when its size is fixed, else through `#putLength`). A fixed section length goes
   * to the interpreter, which checks the body's size against it.
   */
  override [GEN_WRITE](g: WriteGen, v: string): void {
    const length = this.length;
    if (typeof length === 'number') {
      g.callWrite(this, v);
      return;
    }
    const size = length.size ?? 1;
    const s = g.tmp('s');
    g.flush();
    g.room(size);
    g.emit(`const ${s} = p; p += ${size};`);
    g.moved();
    g.write(this.body, v);
    g.flush();
    g.moved();
    if (length.size === undefined) {
      g.emit(
        `w.pos = p; p = ${g.ref((w: EncodeState, slot: number) => this.#putLength(w, slot))}(w, ${s}); u8 = w.u8a; dv = w.dv;`,
      );
      return;
    }
    const e = g.tmp('e');
    g.emit(`const ${e} = p; p = ${s};`);
    g.write(length, `${e} - ${s} - ${size}`);
    g.flush();
    g.emit(`p = ${e};`);
    g.moved();
  }

  /** Checks a body of `written` bytes against a fixed section length; pads it when skipping. */
  #fit(w: EncodeState, written: number, length: number): void {
    if (written === length) return;
    if (written > length || !this.#skip) {
      throw new EncodeError(
        'WRONG_LENGTH',
        `the body takes ${written} bytes, the section ${length}${this.#skip ? ' at most' : ''}`,
      );
    }
    const at = w.reserve(length - written);
    w.u8a.fill(0, at, at + length - written);
  }
}

/** `body` within a section of `length` bytes (a number, or a codec for a length prefix); see the module comment. */
export function sized<B extends AnyCodec>(
  length: number | Codec<number>,
  body: B,
  options?: SizedOptions,
): SizedCodec<Infer<B>, B> {
  return new SizedCodec(length, body, options);
}
