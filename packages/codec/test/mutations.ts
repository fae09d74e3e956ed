/** Hostile inputs for property tests: random bytes, and valid encodings flipped, cut short or extended. */
import fc from 'fast-check';

/** Bytes near the valid `samples` (so a mutation reaches deep into the schema) or random ones. */
export function hostileBytes(samples: readonly Uint8Array[], maxLength = 64): fc.Arbitrary<Uint8Array> {
  const mutated = fc
    .record({
      sample: fc.constantFrom(...samples),
      flips: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 4 }),
      keep: fc.nat(),
      tail: fc.uint8Array({ maxLength: 8 }),
    })
    .map(({ sample, flips, keep, tail }) => {
      const b = Uint8Array.from(sample);
      for (const [i, v] of flips) if (b.length > 0) b[i % b.length] = v;
      const cutAt = keep % (b.length + 1);
      return keep % 3 === 0 ? Uint8Array.from([...b, ...tail]) : b.subarray(0, cutAt);
    });
  return fc.oneof(mutated, fc.uint8Array({ maxLength }));
}
