/**
 * What every chunk's fields share: decoding a schema over a chunk's data with absolute offsets,
 * codec errors recoded as PNG's (`BAD_CHUNK_DATA`, the same error: path and offset kept), colour-type names.
 */
import {
  type Codec,
  DecodeError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
  TrailingBytesError,
} from '@stride/codec';
import { PngError } from '../errors.js';
import type { PngLimits } from '../limits.js';
import { encodeFault, type Fault, faultError, sizeFault } from './check.js';

/** The image context a chunk's fields may depend on (the contract's FieldContext). */
export interface Context {
  ihdr: { bitDepth: number; colorType: number } | undefined;
  paletteEntries: number | undefined;
  limits: PngLimits;
}

/** How one chunk type's fields are read and written. */
export interface ChunkSpec<T> {
  decode(data: Uint8Array, base: number, ctx: Context): T;
  encode(fields: T): Uint8Array;
}

/** A chunk's data bounds every length and count, so codec's own record limits never apply. */
const limits = { maxRecordBytes: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER };

/**
 * Decodes `data` (whose first byte is at `base`) with `codec`. Any failure is a PngError, a
 * LimitError, or codec's error recoded `BAD_CHUNK_DATA`.
 */
export function decodeWith<T>(codec: Codec<T>, data: Uint8Array, base: number): T {
  try {
    return decode(codec, data, { base, limits });
  } catch (e) {
    throw asChunkDataError(e);
  }
}

/** A codec error recoded `BAD_CHUNK_DATA`, its offset, path and excerpt kept (LimitErrors stay). */
function asChunkDataError(e: unknown): unknown {
  if (!(e instanceof DecodeError) || e instanceof PngError || e instanceof LimitError) return e;
  if (e instanceof IncompleteError)
    return e.recode('BAD_CHUNK_DATA', `the chunk's data ends inside this field (${e.detail})`);
  if (e instanceof TrailingBytesError)
    return e.recode('BAD_CHUNK_DATA', `unexpected bytes after the chunk's fields (${e.actual})`);
  return e.recode('BAD_CHUNK_DATA');
}

/** Throws `f` (found after decoding) as a PngError, if there is one. */
export function raise(f: Fault | undefined, data: Uint8Array, base: number): void {
  if (f !== undefined) throw faultError(f, data, base);
}

/** Encodes `fields` with `codec`, then checks `rule` on them (EncodeError on a fault). */
export function encodeWith<T>(codec: Codec<T>, fields: T, rule?: (v: T) => Fault | undefined): Uint8Array {
  if (typeof fields !== 'object' || fields === null)
    throw new EncodeError(
      'NOT_AN_OBJECT',
      `chunk fields must be an object, got ${fields === null ? 'null' : typeof fields}`,
    );
  const bytes = encode(codec, fields);
  const f = rule?.(fields);
  if (f !== undefined) throw encodeFault(f);
  return bytes;
}

/** A chunk of one fixed size: a size fault at the chunk's start, then the schema, then `rule`. */
export function fixedChunk<T>(
  type: string,
  size: number,
  codec: Codec<T>,
  rule?: (v: T) => Fault | undefined,
): ChunkSpec<T> {
  return {
    decode(data, base) {
      if (data.length !== size) raise(sizeFault(type, data.length, `exactly ${size} bytes`), data, base);
      const v = decodeWith(codec, data, base);
      if (rule !== undefined) raise(rule(v), data, base);
      return v;
    },
    encode: (fields) => encodeWith(codec, fields, rule),
  };
}

/** A chunk of any size: the schema, then `rule`. */
export function variableChunk<T>(codec: Codec<T>, rule?: (v: T) => Fault | undefined): ChunkSpec<T> {
  return {
    decode(data, base) {
      const v = decodeWith(codec, data, base);
      if (rule !== undefined) raise(rule(v), data, base);
      return v;
    },
    encode: (fields) => encodeWith(codec, fields, rule),
  };
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

/** Encodes a value whose shape is chosen by its `kind` (tRNS, bKGD, sBIT). */
export function encodeByKind<T extends { kind: string }>(
  chunk: string,
  schemas: { readonly [K in T['kind']]: Codec<Extract<T, { kind: K }>> },
  fields: T,
  rule?: (v: T) => Fault | undefined,
): Uint8Array {
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
  return encodeWith(codec, fields, rule);
}
