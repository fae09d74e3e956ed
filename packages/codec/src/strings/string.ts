/**
 * string: text fields in UTF-8 (default), latin1 or ASCII.
 *
 *   string(16)                          16 bytes of UTF-8
 *   string(16, { pad: 0 })              up to 16 bytes, NUL-padded: trailing pad bytes are stripped on
 *                                       decode and added on encode
 *   string(u16be)                       a byte-length prefix, then the text
 *   string('cstring') / cstring         NUL-terminated (the NUL is read and written, not returned)
 *   string('toEnd')                     the rest of the enclosing section or input
 *   string({ until: '\r\n', maxLength })  up to a delimiter of 1 or more bytes (read and written, not
 *                                       returned; see bytes/delimited.ts)
 *
 * Decoding is strict: malformed UTF-8 (or a byte above 0x7f in ASCII) is a ValidationError at the
 * offending byte; `{ fatal: false }` replaces malformed UTF-8 with U+FFFD instead. A NUL-terminated
 * string is searched for within the section and `maxRecordBytes`; in a stream, a terminator not yet
 * seen waits for more input.
 */
import { type ByteLength, checkLength, readLength, writeLength } from '../bytes/bytes.js';
import { DelimitedCodec } from '../bytes/delimited.js';
import type { DelimitedOptions } from '../bytes/delimiter.js';
import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';
import { FlatSource } from '../core/source.js';
import { EncodeError, hex } from '../errors.js';
import {
  type Encoding,
  encodeText,
  isWellFormed,
  latin1Slice,
  nonAscii,
  utf8Encoder,
  utf8Error,
  utf8Slice,
} from './text.js';

export type StringLength = ByteLength | 'cstring';

export interface StringOptions {
  /** Default 'utf8'. */
  encoding?: Encoding;
  /** Fixed lengths only: the byte that pads the text to the length (stripped on decode). */
  pad?: number;
  /** UTF-8 only: refuse malformed bytes (default true) or replace them with U+FFFD (false). */
  fatal?: boolean;
}

/** Decodes [s, e) of `u8`, or returns undefined when the bytes are not valid in the encoding. */
type Text = (u8: Uint8Array, s: number, e: number) => string | undefined;

export class StringCodec extends Codec<string> {
  readonly kind = 'string';
  override readonly size: number | undefined;
  readonly encoding: Encoding;
  readonly pad: number | undefined;
  readonly fatal: boolean;
  /** Strips the padding and decodes; the compiled path calls it too. */
  readonly #text: Text;

  constructor(
    readonly length: StringLength,
    options: StringOptions = {},
  ) {
    super();
    this.size = length === 'cstring' ? undefined : checkLength('string', length);
    this.encoding = options.encoding ?? 'utf8';
    if (!['utf8', 'latin1', 'ascii'].includes(this.encoding))
      throw new TypeError(`string: unknown encoding ${String(this.encoding)}`);
    this.pad = options.pad;
    this.fatal = options.fatal ?? true;
    const pad = this.pad;
    if (pad !== undefined) {
      if (typeof length !== 'number') throw new TypeError('string: pad applies to fixed lengths only');
      if (!(Number.isInteger(pad) && pad >= 0 && pad <= 0xff))
        throw new TypeError(`string: pad must be a byte, got ${pad}`);
    }
    const end = (u8: Uint8Array, s: number, e: number) => this.#unpadded(u8, s, e);
    if (this.encoding === 'latin1') this.#text = (u8, s, e) => latin1Slice(u8, s, end(u8, s, e));
    else if (this.encoding === 'ascii')
      this.#text = (u8, s, e) => {
        e = end(u8, s, e);
        return nonAscii(u8, s, e) < 0 ? latin1Slice(u8, s, e) : undefined;
      };
    else if (!this.fatal) this.#text = (u8, s, e) => utf8Slice(u8, s, end(u8, s, e));
    else
      this.#text = (u8, s, e) => {
        e = end(u8, s, e);
        const v = utf8Slice(u8, s, e);
        // U+FFFD in the result means malformed input, or a U+FFFD that was really there.
        return v.includes('\uFFFD') && utf8Error(u8, s, e) >= 0 ? undefined : v;
      };
    Object.freeze(this);
  }

  /** The end of the text in [s, e): before any trailing pad bytes. */
  #unpadded(u8: Uint8Array, s: number, e: number): number {
    if (this.pad !== undefined) while (e > s && u8[e - 1] === this.pad) e--;
    return e;
  }

  read(st: DecodeState): string {
    let start: number;
    let n: number;
    if (this.length === 'cstring') {
      start = st.pos;
      const nul = st.scan(0, start);
      // No NUL before the end of what may be read: past a section or limit, or wait for more input.
      if (nul < 0) st.short(start, st.end - start + 1);
      n = nul - start;
      st.take(n + 1);
    } else {
      n = readLength(st, this.length, 'string');
      start = st.take(n);
    }
    const src = st.src;
    const flat = src instanceof FlatSource;
    // In one buffer, decode in place; over a chain, from a view (a copy only if it straddles).
    const u8 = flat ? src.u8a : src.bytes(start, n);
    const s = flat ? start - src.base : 0;
    const v = this.#text(u8, s, s + n);
    if (v === undefined) this.#refuse(st, start, u8, s, s + n);
    return v as string;
  }

  /** Raises the ValidationError for bytes `text` refused, at the first bad byte. */
  #refuse(st: DecodeState, at: number, u8: Uint8Array, s: number, e: number): never {
    e = this.#unpadded(u8, s, e);
    const ascii = this.encoding === 'ascii';
    const i = ascii ? nonAscii(u8, s, e) : utf8Error(u8, s, e);
    const actual = hex(u8.subarray(i, Math.min(e, i + 4)));
    return st.invalid(
      at + (i - s),
      1,
      ascii ? `string: byte ${actual} is not ASCII` : `string: malformed UTF-8 (${actual})`,
      ascii ? 'ASCII (bytes below 0x80)' : 'UTF-8',
      actual,
    );
  }

  write(w: EncodeState, value: string): void {
    const len = this.length;
    if (this.encoding === 'utf8' && typeof len === 'object' && len.size !== undefined) {
      this.#writePrefixed(w, value, len as Codec<number>, len.size);
      return;
    }
    const b = encodeText(value, this.encoding);
    if (len === 'cstring') {
      if (b.includes(0)) throw new EncodeError('OUT_OF_RANGE', 'a NUL-terminated string cannot contain NUL');
      w.bytes(b);
      w.u8a[w.reserve(1)] = 0;
      return;
    }
    const pad = this.pad;
    if (pad === undefined || typeof len !== 'number') {
      writeLength(w, len, b.length, 'string');
      w.bytes(b);
      return;
    }
    if (b.length > len)
      throw new EncodeError('WRONG_LENGTH', `string takes ${b.length} bytes, the field holds ${len}`);
    if (b[b.length - 1] === pad) {
      throw new EncodeError(
        'OUT_OF_RANGE',
        `string ends with the pad byte ${hex(Uint8Array.of(pad))}, which decoding would strip`,
      );
    }
    w.bytes(b);
    const at = w.reserve(len - b.length);
    w.u8a.fill(pad, at, at + len - b.length);
  }

  /**
   * UTF-8 behind a fixed-size length prefix, encoded straight into the output (no buffer per
   * string): room for the prefix, the text (ASCII byte by byte, anything else by `encodeInto`),
   * then its length into the room.
   */
  #writePrefixed(w: EncodeState, value: string, len: Codec<number>, size: number): void {
    if (typeof value !== 'string' || !isWellFormed(value)) {
      encodeText(value, 'utf8'); // throws the error that names the fault
    }
    const slot = w.reserve(size + value.length * 3);
    const u8 = w.u8a;
    let p = slot + size;
    let i = 0;
    for (; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) break;
      u8[p++] = c;
    }
    if (i < value.length) p += utf8Encoder.encodeInto(value.slice(i), u8.subarray(p)).written;
    w.pos = slot;
    len.write(w, p - slot - size);
    w.pos = p;
  }

  /** Compiled read: decodes in place; bad bytes, a missing NUL or a short input go to the interpreter. */
  override [GEN_READ](g: ReadGen): string {
    const len = this.length;
    const text = g.ref(this.#text);
    const v = g.tmp();
    if (len === 'toEnd' && g.sections > 0) {
      // Within a section of this function, `end` is the section's: the rest of it.
      g.flush();
      g.emit(`const ${v} = ${text}(u8, p, end); if (${v} === undefined) return FAIL; p = end;`);
      g.moved();
      return v;
    }
    // A number without a size is not a length (-3, NaN): the interpreter refuses it.
    if (len === 'toEnd' || (typeof len === 'number' && this.size === undefined)) return g.callRead(this);
    if (typeof len === 'number') {
      g.ensure(len, true);
      g.emit(`const ${v} = ${text}(u8, ${g.at}, ${g.at} + ${len}); if (${v} === undefined) return FAIL;`);
      g.off += len;
      return v;
    }
    if (len === 'cstring') {
      g.flush();
      const i = g.tmp('i');
      // Stops at the first NUL; one at or past `end` is not part of this record's bytes.
      g.emit(`const ${i} = u8.indexOf(0, p); if (${i} < 0 || ${i} >= end) return FAIL;`);
      g.emit(`const ${v} = ${text}(u8, p, ${i}); if (${v} === undefined) return FAIL; p = ${i} + 1;`);
    } else {
      const n = g.tmp('n');
      g.emit(`const ${n} = ${g.read(len)};`);
      g.flush();
      g.emit(`if (!(Number.isSafeInteger(${n}) && ${n} >= 0)) return FAIL;`);
      g.emit(`if (p + ${n} > end) { ${g.waitFor(`p + ${n}`)} return FAIL; }`);
      g.emit(`const ${v} = ${text}(u8, p, p + ${n}); if (${v} === undefined) return FAIL; p += ${n};`);
    }
    g.moved();
    return v;
  }
}

/** A delimited text field: `string({ until: '\r\n', maxLength: 1024, encoding: 'ascii' })`. */
export interface DelimitedStringOptions extends DelimitedOptions, Omit<StringOptions, 'pad'> {}

/** A text field; see the module comment for the lengths and options. */
export function string(options: DelimitedStringOptions): DelimitedCodec<string>;
export function string(length: StringLength, options?: StringOptions): StringCodec;
export function string(
  length: StringLength | DelimitedStringOptions,
  options: StringOptions = {},
): StringCodec | DelimitedCodec<string> {
  if (typeof length === 'object' && !(length instanceof Codec)) {
    const { until, maxLength, ...text } = length;
    return new DelimitedCodec(new StringCodec('toEnd', text), until, maxLength, 'string');
  }
  return new StringCodec(length, options);
}

/** A NUL-terminated UTF-8 string. */
export const cstring: StringCodec = string('cstring');
