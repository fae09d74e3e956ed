/**
 * zlib payloads of zTXt, iTXt and iCCP. Inflating is bounded by the context's `maxInflatedBytes`
 * (libpng's default without a context: a schema decoded on its own); zlib stops at that many bytes
 * of output, so a small bomb never allocates its full size. Damaged zlib data is `BAD_CHUNK_DATA`
 * and an oversized result a LimitError, both at the compressed data's first byte.
 */
import { constants as bufferConstants } from 'node:buffer';
import { deflateSync, inflateSync } from 'node:zlib';
import { type Codec, type DecodeState, defineCodec, EncodeError } from '@stride/codec';
import { defaultPngLimits } from '../limits.js';
import { raiseIn } from './check.js';
import type { FieldContext } from './common.js';

/** The most bytes inflating may give: the context's limit, or the default without one. */
function inflateLimit(st: DecodeState<FieldContext | undefined>): number {
  return st.context?.limits.maxInflatedBytes ?? defaultPngLimits.maxInflatedBytes;
}

/** Inflates `raw` (at absolute offset `at`) to at most `limit` bytes. */
export function inflateAt(st: DecodeState, at: number, raw: Uint8Array, limit: number): Buffer {
  const max = Math.min(Math.max(Math.floor(limit), 1), bufferConstants.MAX_LENGTH);
  let out: Buffer;
  try {
    out = inflateSync(raw, { maxOutputLength: max });
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') tooLarge(st, at, raw.length, limit);
    const why = e instanceof Error ? e.message : String(e);
    return raiseIn(st, at, {
      at: 0,
      n: raw.length,
      message: `compressed data is not a valid zlib stream (${why})`,
      expected: 'a zlib (deflate) stream',
    });
  }
  if (out.length > limit) tooLarge(st, at, raw.length, limit);
  return out;
}

function tooLarge(st: DecodeState, at: number, n: number, limit: number): never {
  return st.overLimit(
    'maxInflatedBytes',
    at,
    Math.min(n, 8),
    `compressed data inflates past maxInflatedBytes (${limit}); raise the limit if this chunk is legitimate`,
    `at most ${limit} bytes inflated`,
    `more than ${limit} bytes`,
  );
}

/** The rest of the section: zlib data, decoded to its inflated bytes (a copy, not a view). */
export const zlibBytes: Codec<Uint8Array> = defineCodec<Uint8Array>({
  name: 'zlib',
  read(st: DecodeState<FieldContext | undefined>) {
    const at = st.pos;
    const out = inflateAt(st, at, st.bytes(st.remaining), inflateLimit(st));
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  write(w, value) {
    if (!(value instanceof Uint8Array))
      throw new EncodeError('NOT_BYTES', `expected a Uint8Array, got ${typeof value}`);
    w.bytes(deflateSync(value));
  },
});

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** The rest of the section: zlib data holding Latin-1 or UTF-8 text. */
export function zlibText(encoding: 'latin1' | 'utf8'): Codec<string> {
  return defineCodec<string>({
    name: `zlib ${encoding}`,
    read(st: DecodeState<FieldContext | undefined>) {
      const at = st.pos;
      const raw = st.bytes(st.remaining);
      const out = inflateAt(st, at, raw, inflateLimit(st));
      if (encoding === 'latin1') return out.toString('latin1');
      try {
        return utf8.decode(out);
      } catch {
        return raiseIn(st, at, {
          at: 0,
          n: raw.length,
          message: 'the inflated text is not valid UTF-8',
          expected: 'UTF-8 text',
        });
      }
    },
    write(w, value) {
      w.bytes(deflateSync(textBytes(value, encoding)));
    },
  });
}

/** The bytes of `value` in Latin-1 or UTF-8; EncodeError for a character the encoding cannot hold. */
export function textBytes(value: string, encoding: 'latin1' | 'utf8'): Uint8Array {
  if (typeof value !== 'string')
    throw new EncodeError('NOT_A_STRING', `expected a string, got ${typeof value}`);
  const bad = encoding === 'latin1' ? /[\u0100-\uffff]/.exec(value) : /\p{Cs}/u.exec(value);
  if (bad !== null) {
    throw new EncodeError(
      'OUT_OF_RANGE',
      `cannot encode U+${(value.codePointAt(bad.index) as number).toString(16).toUpperCase().padStart(4, '0')} (at index ${bad.index}) as ${encoding === 'latin1' ? 'Latin-1' : 'UTF-8 (it is a lone surrogate)'}`,
    );
  }
  return encoding === 'latin1' ? Buffer.from(value, 'latin1') : utf8Encoder.encode(value);
}
