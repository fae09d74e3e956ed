// bench/workloads/wire-stream.ts: what the generators of a protocol's byte stream share
// (redis-replies.ts, mqtt-publish.ts): printable text from a seeded generator, a growing buffer the
// stream is written into, and how a decode workload cuts the stream into chunks.

import { chunkSizes, fillRandom, type Rng } from '../prng.js';

/** How a decode workload cuts its stream: a name for the results, the sizes, and the sizes in words. */
export interface Chunking {
  name: string;
  sizes(total: number): number[];
  describe: string;
}

/** Chunks of 1..1,460 B (TCP-segment sized), their sizes from `seed`. */
export const segmentChunking = (seed: number): Chunking => ({
  name: '1-1460b',
  sizes: (total) => chunkSizes(total, 1, 1460, seed),
  describe: '1..1,460 B (TCP-segment sized, fixed seed)',
});

/** Printable ASCII (0x20..0x7e) from `rng`: the text of every string. */
export function asciiPool(size: number, rng: Rng): Uint8Array {
  const pool = fillRandom(new Uint8Array(size), rng);
  for (let i = 0; i < size; i++) pool[i] = 0x20 + ((pool[i] as number) % 95);
  return pool;
}

/** Bytes as a string of the same char codes. */
export const latin1 = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');

/** Bytes appended to a buffer that grows (doubling) as needed: `bytes.subarray(0, at)` is the stream. */
export class GrowingBuffer {
  bytes: Buffer;
  at = 0;

  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  raw(b: Uint8Array): void {
    this.room(b.length);
    this.bytes.set(b, this.at);
    this.at += b.length;
  }

  /** Makes room for `n` more bytes. */
  protected room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }
}
