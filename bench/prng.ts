// Tiny seeded PRNG for reproducible bench inputs (mulberry32: 32-bit state, period 2^32,
// good enough for sizes, offsets and filler bytes; not for statistics or cryptography).

export interface Rng {
  /** Next value, an unsigned 32-bit integer. */
  u32(): number;
  /** Next value in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
}

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const u32 = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32,
    float: () => u32() / 4294967296,
    int: (lo, hi) => lo + Math.floor((u32() / 4294967296) * (hi - lo + 1)),
  };
}

/** Fills `out` with pseudo-random bytes, four at a time. */
export function fillRandom(out: Uint8Array, rng: Rng): Uint8Array {
  const n = out.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = rng.u32();
    out[i] = v;
    out[i + 1] = v >>> 8;
    out[i + 2] = v >>> 16;
    out[i + 3] = v >>> 24;
  }
  if (i < n) {
    let v = rng.u32();
    for (; i < n; i++, v >>>= 8) out[i] = v;
  }
  return out;
}

/** `total` bytes of pseudo-random data. */
export function randomBytes(total: number, seed: number): Uint8Array {
  return fillRandom(new Uint8Array(total), mulberry32(seed));
}

/**
 * Random chunk sizes in [min, max] adding up to exactly `total`: the last chunk is cut short, and
 * a remainder smaller than `min` is merged into the chunk before it. `seed` is a seed, or an Rng to
 * draw from (one generator cutting several streams in turn, say one per connection).
 */
export function chunkSizes(total: number, min: number, max: number, seed: number | Rng): number[] {
  const rng = typeof seed === 'number' ? mulberry32(seed) : seed;
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    let size = Math.min(rng.int(min, max), left);
    if (left - size > 0 && left - size < min) size = left; // avoid a runt at the end
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** Chunk sizes of exactly `size` bytes adding up to `total`, the last one shorter if need be. */
export function evenSizes(total: number, size: number): number[] {
  const sizes: number[] = [];
  for (let at = 0; at < total; at += size) sizes.push(Math.min(size, total - at));
  return sizes;
}

/**
 * Splits `flat` into separately allocated chunks of the given sizes (each chunk is a copy with its
 * own ArrayBuffer, as chunks arriving from a socket or a file stream would be), of `flat`'s kind: a
 * Buffer's chunks are Buffers (Buffer's slice() would be a view of `flat`, and Buffer.from() of a
 * small one would share Node's pool), a Uint8Array's are Uint8Arrays.
 */
export function splitCopies(flat: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const buffer = Buffer.isBuffer(flat);
  let at = 0;
  for (const size of sizes) {
    const part = flat.subarray(at, at + size);
    if (buffer) {
      const copy = Buffer.allocUnsafeSlow(size);
      copy.set(part);
      chunks.push(copy);
    } else chunks.push(part.slice());
    at += size;
  }
  if (at !== flat.length) throw new Error(`chunk sizes add up to ${at}, not ${flat.length}`);
  return chunks;
}
