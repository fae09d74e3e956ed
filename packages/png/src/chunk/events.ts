/**
 * What a PNG read emits, in stream order. Most chunks arrive whole (`kind: 'chunk'`); a chunk over
 * `limits.maxChunkBytes` is streamed as `header`, `data` … `data`, `end`, so it never sits in
 * memory; warnings come in order between them.
 */

import type { PngWarningCode } from '../errors.js';
import type { KnownChunkType, PngChunkFields } from '../fields/index.js';
import type { ChunkProperties } from './chunk-type.js';

interface ChunkHead extends ChunkProperties {
  /** The four letters, e.g. `IDAT`. */
  readonly type: string;
  /** Absolute offset of the chunk's first byte (its length field). */
  readonly offset: number;
  /** Length of the data field (the chunk takes `length + 12` bytes). */
  readonly length: number;
}

interface WholeChunk extends ChunkHead {
  readonly kind: 'chunk';
  /**
   * False only when a CRC mismatch was let through (`crc: 'lenient'` for ancillary chunks, or
   * `crc: 'ignore'`); in strict mode a mismatch is an error instead.
   */
  readonly crcOk: boolean;
  /** The data field: a view of the input chunk when it lies in one, else a copy of just these bytes. */
  readonly data: Uint8Array;
}

/**
 * One whole chunk. `fields` is the decoded data of a standard chunk (absent for unknown chunks, on
 * a CRC mismatch let through, or when the data broke a rule and a warning said so). Comparing
 * `type` narrows `fields`: `if (c.type === 'IHDR' && c.fields) c.fields.width`.
 */
export type PngChunk =
  | {
      [K in KnownChunkType]: WholeChunk & { readonly type: K; readonly fields?: PngChunkFields[K] };
    }[KnownChunkType]
  | (WholeChunk & { readonly fields?: undefined });

/** The start of a streamed chunk (one over `limits.maxChunkBytes`). */
export interface PngChunkHeader extends ChunkHead {
  readonly kind: 'header';
}

/** A piece of a streamed chunk's data, as it arrived (a view of the input chunk). */
export interface PngChunkData {
  readonly kind: 'data';
  readonly type: string;
  /** Absolute offset of `data[0]`. */
  readonly offset: number;
  readonly data: Uint8Array;
}

/** The end of a streamed chunk, with its CRC verdict. */
export interface PngChunkEnd {
  readonly kind: 'end';
  readonly type: string;
  /** The chunk's offset (as in its header). */
  readonly offset: number;
  readonly length: number;
  readonly crcOk: boolean;
}

/** A rule broken in a way that does not stop the read (a misplaced ancillary chunk, bytes after IEND …). */
export interface PngWarning {
  readonly kind: 'warning';
  readonly code: PngWarningCode;
  /** Absolute offset of the byte at fault (a chunk's offset for a chunk-level rule). */
  readonly offset: number;
  readonly message: string;
  /** The type of the chunk concerned, when there is one. */
  readonly chunk?: string;
}

export type PngEvent = PngChunk | PngChunkHeader | PngChunkData | PngChunkEnd | PngWarning;
