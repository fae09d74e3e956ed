/**
 * Text decoding and encoding for the string codecs. Decoding uses Node's native Buffer slicers
 * (`latin1Slice`, `utf8Slice`) straight on the input bytes, which need no subarray and beat
 * TextDecoder on short strings; without Buffer (a browser) it falls back to TextDecoder.
 *
 * Strict UTF-8: the slicer replaces each malformed sequence with U+FFFD, so a result without
 * U+FFFD was valid and only one with it (rare) is checked byte by byte (`utf8Error`).
 */
import { EncodeError } from '../errors.js';

type Slice = (u8: Uint8Array, start: number, end: number) => string;

interface BufferSlicers {
  latin1Slice(this: Uint8Array, start: number, end: number): string;
  utf8Slice(this: Uint8Array, start: number, end: number): string;
}
const native = (globalThis as { Buffer?: { prototype: BufferSlicers } }).Buffer?.prototype;

// ignoreBOM: a leading U+FEFF is part of the string, as it is for utf8Slice.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
export const utf8Encoder = new TextEncoder();

/** No lone surrogates, which UTF-8 cannot hold (String.prototype.isWellFormed: Node 20, not in lib ES2023). */
export function isWellFormed(value: string): boolean {
  return (value as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Bytes as ISO-8859-1 (one character per byte). */
export const latin1Slice: Slice = native
  ? (u8, s, e) => native.latin1Slice.call(u8, s, e)
  : (u8, s, e) => {
      let out = '';
      for (let i = s; i < e; i += 4096) out += String.fromCharCode(...u8.subarray(i, Math.min(e, i + 4096)));
      return out;
    };

/** Bytes as UTF-8, malformed sequences replaced with U+FFFD. */
export const utf8Slice: Slice = native
  ? (u8, s, e) => native.utf8Slice.call(u8, s, e)
  : (u8, s, e) => utf8Decoder.decode(u8.subarray(s, e));

/**
 * Index of the first byte of the first malformed UTF-8 sequence in [s, e) (overlong forms,
 * surrogates, values past U+10FFFF and truncated sequences, as the WHATWG decoder defines them),
 * or -1 when the bytes are valid UTF-8.
 */
export function utf8Error(u8: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e) {
    const b = u8[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation count and the allowed range of the first continuation byte.
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= e) return i;
    for (let k = 1; k <= need; k++) {
      const c = u8[i + k] as number;
      if (c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** Index of the first byte of [s, e) above 0x7f, or -1. */
export function nonAscii(u8: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) if ((u8[i] as number) > 0x7f) return i;
  return -1;
}

export type Encoding = 'utf8' | 'latin1' | 'ascii';

/** The bytes of `value` in `encoding`; EncodeError for a non-string or a character it cannot hold. */
export function encodeText(value: string, encoding: Encoding): Uint8Array {
  if (typeof value !== 'string')
    throw new EncodeError('NOT_A_STRING', `string expects a string, got ${typeof value}`);
  if (encoding === 'utf8') {
    // TextEncoder would write a lone surrogate as U+FFFD, which does not decode back.
    if (!isWellFormed(value)) {
      const lone = /\p{Cs}/u.exec(value) as RegExpExecArray;
      throw badChar(value, lone.index, 'UTF-8 (it is a lone surrogate)');
    }
    return utf8Encoder.encode(value);
  }
  const max = encoding === 'latin1' ? 0xff : 0x7f;
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > max) throw badChar(value, i, encoding === 'latin1' ? 'latin1' : 'ASCII');
    out[i] = c;
  }
  return out;
}

function badChar(value: string, i: number, what: string): EncodeError {
  const c = value.codePointAt(i) as number;
  return new EncodeError(
    'OUT_OF_RANGE',
    `cannot encode U+${c.toString(16).toUpperCase().padStart(4, '0')} (at index ${i}) as ${what}`,
  );
}
