/**
 * Chunk types from their 32-bit big-endian value, cached with their property bits: a file repeats
 * a handful of types thousands of times, and a Map lookup is cheaper than building the string and
 * the bits each time.
 */
import { crc32 } from 'node:zlib';
import { type ChunkProperties, chunkProperties, isTypeByte } from '../chunk/chunk-type.js';

export interface ChunkType extends ChunkProperties {
  readonly name: string;
  /** CRC-32 of the four type bytes: a chunk's CRC continues from it over the data. */
  readonly crc: number;
}

const cache = new Map<number, ChunkType>();
/** Bounds what a hostile file full of random types can make the cache hold. */
const MAX_CACHED = 256;

/** The type's name and property bits, or undefined when a byte is not an ASCII letter. */
export function typeOf(code: number): ChunkType | undefined {
  const hit = cache.get(code);
  if (hit !== undefined) return hit;
  const b0 = code >>> 24;
  const b1 = (code >>> 16) & 0xff;
  const b2 = (code >>> 8) & 0xff;
  const b3 = code & 0xff;
  if (!(isTypeByte(b0) && isTypeByte(b1) && isTypeByte(b2) && isTypeByte(b3))) return undefined;
  const name = String.fromCharCode(b0, b1, b2, b3);
  const type: ChunkType = { name, ...chunkProperties(name), crc: crc32(Uint8Array.of(b0, b1, b2, b3)) };
  if (cache.size < MAX_CACHED) cache.set(code, type);
  return type;
}
