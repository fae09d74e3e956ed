/** Needle search over a BufferChain: native search inside each chunk, a byte walk across boundaries. */
import { Buffer } from 'node:buffer';
import type { ChainInternals } from './buffer-chain.js';

/**
 * Absolute offset of the first `needle` (non-empty) at or after `from`, or -1.
 * The caller (BufferChain, passing its internals and its `end`) guarantees start <= from and
 * from + needle.byteLength <= end.
 */
export function indexOfBytes(chain: ChainInternals, end: number, needle: Uint8Array, from: number): number {
  const { chunks, bounds } = chain;
  const m = needle.byteLength;
  const first = needle[0] as number;
  const last = end - m; // the last offset where a match can start
  let pos = from;
  for (let i = chain.locate(from); pos <= last; i++) {
    const chunk = chunks[i] as Uint8Array;
    const base = bounds[i] as number;
    const chunkEnd = bounds[i + 1] as number;
    // A match inside this chunk starts before any match that runs into the next one.
    const r = m === 1 ? chunk.indexOf(first, pos - base) : asBuffer(chunk).indexOf(needle, pos - base);
    if (r >= 0) return base + r;
    for (let s = Math.max(pos, chunkEnd - m + 1); s < chunkEnd && s <= last; s++) {
      if (chunk[s - base] === first && matchesAt(chain, i, s, needle)) return s;
    }
    pos = chunkEnd;
  }
  return -1;
}

/** Whether `needle` occurs at absolute offset `s` (inside chunk `i`), which may run across chunks. */
function matchesAt(chain: ChainInternals, i: number, s: number, needle: Uint8Array): boolean {
  const { chunks, bounds } = chain;
  let chunk = chunks[i] as Uint8Array;
  let rel = s - (bounds[i] as number);
  let lim = (bounds[i + 1] as number) - (bounds[i] as number);
  for (let k = 0; k < needle.byteLength; k++) {
    if (rel === lim) {
      i++;
      chunk = chunks[i] as Uint8Array;
      rel = 0;
      lim = (bounds[i + 1] as number) - (bounds[i] as number);
    }
    if (chunk[rel++] !== needle[k]) return false;
  }
  return true;
}

/** Buffer's native substring search needs a Buffer; wrapping a plain Uint8Array shares its memory. */
function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
