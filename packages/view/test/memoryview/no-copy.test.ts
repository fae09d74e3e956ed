// Invariant 4 of docs/design.md: views never copy where they promise not to.
import { memoryview } from '@stride/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('views share memory', () => {
  it('slices, casts, views, transposes and read-only views write through to the exporter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const bytes = new Uint8Array(64);
        const m = memoryview(bytes);
        const derived = [
          m.slice(),
          m.slice(undefined, undefined, -1),
          m.cast('B', [8, 8]).view(':', ':').cast('B'),
          m.cast('B', [8, 8]).T,
          m.toreadonly(),
          memoryview(m),
          m.export().view,
        ];
        m.set(at, value);
        for (const d of derived) {
          expect(d.obj).toBe(bytes);
          expect([...d.tobytes('A')].sort()).toEqual([...bytes].sort());
        }
        const back = m.slice(undefined, undefined, -1);
        back.set(63 - at, (value + 1) & 0xff);
        expect(bytes[at]).toBe((value + 1) & 0xff);
      }),
      { numRuns: 50 },
    );
  });

  it('a slice of 8 MB of a 10 MB buffer costs O(1) memory', () => {
    const big = new Uint8Array(10_000_000);
    const m = memoryview(big);
    const before = process.memoryUsage().arrayBuffers;
    const slices = Array.from({ length: 50 }, () => m.slice(1_000_000, 9_000_000));
    const grew = process.memoryUsage().arrayBuffers - before;
    expect(slices[0]?.nbytes).toBe(8_000_000);
    expect(grew).toBeLessThan(1_000_000); // 50 copies would be 400 MB
  });
});
