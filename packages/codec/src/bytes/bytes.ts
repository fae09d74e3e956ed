/**
 * bytes: raw byte fields, decoded as views of the input (zero-copy; a copy only where a field
 * straddles two stream chunks).
 *
 *   bytes(16)          exactly 16 bytes
 *   bytes(u32be)       a length prefix, then that many bytes
 *   bytes('toEnd')     the rest of the enclosing section, or of the input
 *   bytes({ until: [0x0d, 0x0a], maxLength })   up to a delimiter (read and written, not returned;
 *                      see delimited.ts)
 *
 * A view shares the input's memory: copy it (`.slice()`) to keep it past the input's lifetime.
 */
import { Codec, GEN_READ, GEN_WRITE } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import type { EncodeState } from '../core/encode-state.js';
import type { ReadGen, WriteGen } from '../core/gen.js';
import { isLength } from '../core/length.js';
import { EncodeError } from '../errors.js';
import { DelimitedCodec } from './delimited.js';
import type { DelimitedOptions } from './delimiter.js';

/** How long a byte or string field is: fixed, a length prefix, or to the end of section or input. */
export type ByteLength = number | Codec<number> | 'toEnd';

export class BytesCodec extends Codec<Uint8Array> {
  readonly kind = 'bytes';
  override readonly size: number | undefined;

  constructor(readonly length: ByteLength) {
    super();
    this.size = checkLength('bytes', length);
    Object.freeze(this);
  }

  read(st: DecodeState): Uint8Array {
    return st.bytes(readLength(st, this.length, 'bytes'));
  }

  write(w: EncodeState, value: Uint8Array): void {
    if (!(value instanceof Uint8Array)) {
      throw new EncodeError('NOT_BYTES', `bytes expects a Uint8Array, got ${typeof value}`);
    }
    writeLength(w, this.length, value.length, 'bytes');
    w.bytes(value);
  }

  override [GEN_READ](g: ReadGen): string {
    const len = this.length;
    const v = g.tmp();
    if (len === 'toEnd' && g.sections > 0) {
      // Within a section of this function, `end` is the section's: the rest of it.
      g.flush();
      g.emit(`const ${v} = ${g.view('p', 'end - p')}; p = end;`);
      g.moved();
      return v;
    }
    if (len === 'toEnd' || !isLengthSpec(len)) return g.callRead(this);
    if (typeof len === 'number') {
      g.ensure(len, true);
      g.emit(`const ${v} = ${g.view(g.at, String(len))};`);
      g.off += len;
      return v;
    }
    const n = g.tmp('n');
    g.emit(`const ${n} = ${g.read(len)};`);
    g.flush();
    // Anything odd (a bad or too large length) goes to the interpreter, which raises the error.
    g.emit(`if (!(Number.isSafeInteger(${n}) && ${n} >= 0)) return FAIL;`);
    g.emit(`if (p + ${n} > end) { ${g.waitFor(`p + ${n}`)} return FAIL; }`);
    g.emit(`const ${v} = ${g.view('p', n)}; p += ${n};`);
    g.moved();
    return v;
  }

  override [GEN_WRITE](g: WriteGen, v: string): void {
    const len = this.length;
    if (!isLengthSpec(len)) {
      g.callWrite(this, v);
      return;
    }
    const x = g.tmp('x');
    g.emit(`const ${x} = ${v};`);
    g.check(`${x} instanceof Uint8Array${typeof len === 'number' ? ` && ${x}.length === ${len}` : ''}`);
    if (typeof len === 'number') {
      g.room(len);
      g.emit(`u8.set(${x}, ${g.at});`);
      g.off += len;
      return;
    }
    if (len !== 'toEnd') g.write(len, `${x}.length`);
    g.flush();
    g.emit(`w.pos = p; w.bytes(${x}); p = w.pos; u8 = w.u8a; dv = w.dv;`);
    g.moved();
  }
}

/** A byte field: `bytes(16)`, `bytes(u32be)` (length-prefixed), `bytes('toEnd')` or `bytes({ until })`. */
export function bytes(options: DelimitedOptions): DelimitedCodec<Uint8Array>;
export function bytes(length: ByteLength): BytesCodec;
export function bytes(length: ByteLength | DelimitedOptions): BytesCodec | DelimitedCodec<Uint8Array> {
  if (typeof length === 'object' && !(length instanceof Codec))
    return new DelimitedCodec(new BytesCodec('toEnd'), length.until, length.maxLength, 'bytes');
  return new BytesCodec(length);
}

/**
 * Validates a field's length spec; returns the fixed size, if any. A number that is not
 * a length (-3, NaN, 1.5) is accepted here and refused by `readLength` / `writeLength`: it is
 * usually computed from fields decoded earlier (`bytes(s.n)`), so it is bad input, a DecodeError.
 */
export function checkLength(what: string, length: ByteLength): number | undefined {
  if (typeof length === 'number') return isLengthSpec(length) ? length : undefined;
  if (length !== 'toEnd' && !(length instanceof Codec))
    throw new TypeError(`${what}: length must be a number, a length codec or 'toEnd'`);
  return undefined;
}

/** A byte count: a safe integer ≥ 0. (Also true for a length codec or 'toEnd'.) */
function isLengthSpec(length: ByteLength | number): boolean {
  return typeof length !== 'number' || isLength(length);
}

/** Reads or computes a field's byte length (the bytes themselves are left to read). */
export function readLength(st: DecodeState, length: ByteLength, what: string): number {
  if (typeof length === 'number') {
    if (!isLengthSpec(length)) st.invalid(st.pos, 0, `${what}: length ${length} is not a length`);
    return length;
  }
  if (length === 'toEnd') return restLength(st);
  const at = st.pos;
  const n = length.read(st);
  if (!isLengthSpec(n)) st.invalid(at, st.pos - at, `${what}: length ${n} is not a length`);
  return n;
}

/** Writes a field's length prefix, or checks its fixed length. */
export function writeLength(w: EncodeState, length: ByteLength, n: number, what: string): void {
  if (typeof length === 'number') {
    if (!isLengthSpec(length))
      throw new EncodeError('WRONG_LENGTH', `${what}: length ${length} is not a length`);
    if (n !== length)
      throw new EncodeError('WRONG_LENGTH', `${what} needs exactly ${length} bytes, got ${n}`);
  } else if (length !== 'toEnd') length.write(w, n);
}

/**
 * Bytes from `st.pos` to the end of the enclosing section, else of the input. On an input
 * that has not ended (a stream) that end is not known yet: `needMore`, so the decoder waits
 * for the end of the stream. It asks to be tried again only once the input passes
 * `maxRecordBytes`, where the read raises LimitError, so a long field is not re-read every chunk.
 */
export function restLength(st: DecodeState): number {
  if (st.sectionEnd !== Number.POSITIVE_INFINITY) return st.sectionEnd - st.pos;
  const end = st.src.end;
  // At exactly the record limit the input may still end there, so wait rather than refuse.
  if (!st.src.final && end <= st.recordLimit) st.needMore(st.recordLimit + 1 - end);
  return end - st.pos;
}

/** Bytes from a string of byte values (`'\x89PNG'`: each character a byte, ≤ 0xff) or a number list. */
export function bytesOf(value: string | readonly number[]): Uint8Array {
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const b = typeof value === 'string' ? value.charCodeAt(i) : value[i];
    if (!(Number.isInteger(b) && (b as number) >= 0 && (b as number) <= 0xff))
      throw new TypeError(`bytesOf: item ${i} (${String(b)}) is not a byte`);
    out[i] = b as number;
  }
  return out;
}
