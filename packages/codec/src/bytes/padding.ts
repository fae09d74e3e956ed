/**
 * Filler bytes that carry no value (a struct leaves them out of its value):
 *
 *   padding(3)                        skips 3 bytes; writes 3 zero bytes
 *   padding(3, 0xff, { strict: true }) also checks each byte is 0xff (ConstantError otherwise)
 *   align(4)                          skips to the next multiple of 4 bytes
 *
 * align counts from the start of the record (the value `decode` or a StreamDecoder begins with),
 * not from the start of the buffer or of an enclosing struct. Encoding counts from the start of the
 * output, which is the record's start for `encode()`; with an `Encoder` that appends many records,
 * each record's size must keep to a multiple of the alignment for the two to agree.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { isLength } from '../core/length.js';
import { EncodeError, hex } from '../errors.js';

export interface PaddingOptions {
  /** Check that every byte is the fill byte (default false: padding is skipped unread). */
  strict?: boolean;
}

export class PaddingCodec extends Codec<void> {
  readonly kind = 'padding';
  readonly hidden = true;
  override readonly size: number | undefined;
  readonly #length: number;
  readonly strict: boolean;

  constructor(
    n: number,
    readonly fill: number,
    options: PaddingOptions,
  ) {
    super();
    checkFill('padding', fill);
    // A bad length from decoded fields fails when read or written (see core/length.ts).
    this.#length = n;
    this.size = isLength(n) ? n : undefined;
    this.strict = options.strict ?? false;
    Object.freeze(this);
  }

  read(st: DecodeState): void {
    if (this.size === undefined) st.invalid(st.pos, 0, `padding: length ${this.#length} is not a length`);
    const at = st.take(this.size);
    if (!this.strict) return;
    for (let i = 0; i < this.size; i++) {
      const b = st.src.u8(at + i);
      if (b !== this.fill)
        st.badConstant(at + i, 1, `padding ${hex(Uint8Array.of(this.fill))}`, hex(Uint8Array.of(b)));
    }
  }

  write(w: EncodeState): void {
    if (this.size === undefined)
      throw new EncodeError('WRONG_LENGTH', `padding: length ${this.#length} is not a length`);
    const at = w.reserve(this.size);
    w.u8a.fill(this.fill, at, at + this.size);
  }

  override [GEN_READ](g: ReadGen): string {
    const size = this.size;
    if (size === undefined) return g.callRead(this);
    g.ensure(size, true);
    if (this.strict && size > 0) {
      const i = g.tmp('i');
      g.emit(
        `for (let ${i} = 0; ${i} < ${size}; ${i}++) if (u8[${g.at} + ${i}] !== ${this.fill}) return FAIL;`,
      );
    }
    g.off += size;
    return 'undefined';
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const size = this.size;
    if (size === undefined) {
      g.callWrite(this, v);
      return;
    }
    g.room(size);
    g.emit(`u8.fill(${this.fill}, ${g.at}, ${g.at} + ${size});`);
    g.off += size;
  }
}

/** `n` filler bytes: skipped on decode (checked with `{ strict: true }`), written as `fill`. */
export function padding(n: number, fill = 0, options: PaddingOptions = {}): PaddingCodec {
  return new PaddingCodec(n, fill, options);
}

export class AlignCodec extends Codec<void> {
  readonly kind = 'align';
  readonly hidden = true;

  constructor(
    readonly n: number,
    readonly fill: number,
  ) {
    super();
    if (!(Number.isSafeInteger(n) && n >= 1))
      throw new TypeError(`align: must be a positive integer, got ${n}`);
    checkFill('align', fill);
    Object.freeze(this);
  }

  read(st: DecodeState): void {
    st.take((this.n - ((st.pos - st.recordStart) % this.n)) % this.n);
  }

  write(w: EncodeState): void {
    const k = (this.n - (w.pos % this.n)) % this.n;
    const at = w.reserve(k);
    w.u8a.fill(this.fill, at, at + k);
  }

  override [GEN_READ](g: ReadGen): string {
    g.flush();
    g.emit(`p += (${this.n} - ((base + p - st.recordStart) % ${this.n})) % ${this.n};`);
    g.emit('if (p > end) return FAIL;');
    g.moved();
    return 'undefined';
  }
}

/** Skips to the next multiple of `n` bytes from the record's start (see the module comment). */
export function align(n: number, fill = 0): AlignCodec {
  return new AlignCodec(n, fill);
}

function checkFill(what: string, fill: number): void {
  if (!(Number.isInteger(fill) && fill >= 0 && fill <= 0xff))
    throw new TypeError(`${what}: fill must be a byte, got ${fill}`);
}
