// A small seeded PRNG (mulberry32) for reproducible message sizes, payloads and relay cuts.

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
  const float = () => u32() / 4294967296;
  return { u32, float, int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)) };
}

/** `n` pseudo-random bytes from `seed`. */
export function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  const rng = mulberry32(seed);
  for (let i = 0; i < n; i += 4) {
    const v = rng.u32();
    out[i] = v;
    if (i + 1 < n) out[i + 1] = v >>> 8;
    if (i + 2 < n) out[i + 2] = v >>> 16;
    if (i + 3 < n) out[i + 3] = v >>> 24;
  }
  return out;
}
