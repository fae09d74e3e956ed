/**
 * What every chunk's fields share: the image context their codecs read (codec's `context`), the
 * chunk's data seen from inside a codec, codec errors recoded as PNG's (`BAD_CHUNK_DATA`, the same
 * error: path and offset kept), colour-type names.
 *
 * Each chunk type's fields are one codec over the chunk's whole data (index.ts's table): its schema,
 * or, where checks on the whole data or on the image context come before the fields (the colour
 * type, a size that is not fixed), a codec whose `read` makes them, through `raise` with offsets
 * relative to the data, then reads the schema. A fixed size is checked by `decodeChunkFields`.
 */
import {
  type Codec,
  DecodeError,
  type DecodeState,
  EncodeError,
  type EncodeState,
  IncompleteError,
  LimitError,
  TrailingBytesError,
} from '@stride/codec';
import { PngError } from '../errors.js';
import type { PngLimits } from '../limits.js';
import { encodeFault, type Fault, faultError } from './check.js';
import type { Ihdr } from './header.js';

/** What a chunk's fields may depend on: the `context` a chunk's codec is decoded with. */
export interface FieldContext {
  /** The image's IHDR fields, once read (PLTE, tRNS, bKGD, sBIT depend on the colour type and bit depth). */
  ihdr: Ihdr | undefined;
  /** Number of PLTE entries, once read (hIST, tRNS and bKGD depend on it). */
  paletteEntries: number | undefined;
  /** `maxWidth` and `maxHeight` (IHDR), `maxInflatedBytes` (iCCP, zTXt, iTXt). */
  limits: PngLimits;
}

/**
 * The chunk's data, all of the input from `st.pos` (a chunk's codec decodes the whole data), read
 * without consuming it: for the checks before the fields.
 */
export function chunkData(st: DecodeState): Uint8Array {
  const at = st.pos;
  const data = st.bytes(st.remaining);
  st.pos = at;
  return data;
}

/** A codec error recoded `BAD_CHUNK_DATA`, its offset, path and excerpt kept (LimitErrors stay). */
export function asChunkDataError(e: unknown): unknown {
  if (!(e instanceof DecodeError) || e instanceof PngError || e instanceof LimitError) return e;
  if (e instanceof IncompleteError)
    return e.recode('BAD_CHUNK_DATA', `the chunk's data ends inside this field (${e.detail})`);
  if (e instanceof TrailingBytesError)
    return e.recode('BAD_CHUNK_DATA', `unexpected bytes after the chunk's fields (${e.actual})`);
  return e.recode('BAD_CHUNK_DATA');
}

/** Throws `f` (a fault in the chunk's `data`, whose first byte is at `base`) as a PngError, if there is one. */
export function raise(f: Fault | undefined, data: Uint8Array, base: number): void {
  if (f !== undefined) throw faultError(f, data, base);
}

/** Throws `f` (found in a value being encoded) as an EncodeError, if there is one. */
export function refuse(f: Fault | undefined): void {
  if (f !== undefined) throw encodeFault(f);
}

export const colorTypeNames: Readonly<Record<number, string>> = {
  0: 'greyscale',
  2: 'truecolour',
  3: 'indexed-colour',
  4: 'greyscale with alpha',
  6: 'truecolour with alpha',
};

/** `colour type 2 (truecolour)`. */
export function colorTypeLabel(colorType: number): string {
  const name = colorTypeNames[colorType];
  return name === undefined ? `colour type ${colorType}` : `colour type ${colorType} (${name})`;
}

/** Writes a value whose shape is chosen by its `kind` (tRNS, bKGD, sBIT) with that shape's schema. */
export function writeByKind<T extends { kind: string }>(
  chunk: string,
  schemas: { readonly [K in T['kind']]: Codec<Extract<T, { kind: K }>> },
  w: EncodeState,
  fields: T,
): void {
  const kind = (fields as { kind?: unknown } | null)?.kind;
  const codec =
    typeof kind === 'string' && Object.hasOwn(schemas, kind)
      ? (schemas as Record<string, Codec<T>>)[kind]
      : undefined;
  if (codec === undefined) {
    throw new EncodeError(
      'BAD_TAG',
      `${chunk} fields need a kind of ${Object.keys(schemas).join(', ')}, got ${String(kind)}`,
    ).within('kind');
  }
  codec.write(w, fields);
}
