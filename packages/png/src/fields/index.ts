/**
 * CONTRACT STUB (replaced by the fields work): the decoded content of every standard chunk.
 */
import type { PngLimits } from '../limits.js';

export interface Ihdr {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  compressionMethod: number;
  filterMethod: number;
  interlaceMethod: number;
}

export interface PngChunkFields {
  IHDR: Ihdr;
}

export type KnownChunkType = keyof PngChunkFields;

export interface FieldContext {
  /** The image's IHDR fields, once read (tRNS, bKGD, sBIT depend on the colour type). */
  ihdr: Ihdr | undefined;
  /** Number of PLTE entries, once read (hIST and tRNS depend on it). */
  paletteEntries: number | undefined;
  limits: PngLimits;
}

export function isKnownChunkType(type: string): type is KnownChunkType {
  return type === 'IHDR';
}

export function decodeChunkFields(_type: string, _data: Uint8Array, _base: number, _ctx: FieldContext): unknown {
  return undefined;
}

export function encodeChunkFields(_type: string, _fields: unknown): Uint8Array {
  throw new Error('not implemented yet');
}
