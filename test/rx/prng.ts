// Seeded randomness for reproducible message sizes, payloads and relay cuts: the bench's mulberry32.
import { fillRandom, mulberry32 } from '../../bench/prng.js';

export { mulberry32, type Rng } from '../../bench/prng.js';

/** `n` pseudo-random bytes from `seed`. */
export function randomBytes(n: number, seed: number): Uint8Array {
  return fillRandom(new Uint8Array(n), mulberry32(seed));
}
