// The 64 KiB bucket index that narrows random-access lookups must stay right while chunks of every
// size are appended, consumed and compacted away (compaction renumbers chunk slots).
import { BufferChain } from '@stride/view';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { appendCut } from './chains.js';

/**
 * Counts the chunk bounds the chunk search reads while `probes.on`: the chain's bounds are
 * private, so the search functions (spans.ts) are wrapped to hand it a counting view of them.
 */
const probes = vi.hoisted(() => ({ on: false, count: 0 }));
vi.mock('../../src/chain/spans.js', async (importOriginal) => {
  const spans = await importOriginal<typeof import('../../src/chain/spans.js')>();
  const counted = (bounds: readonly number[]): readonly number[] =>
    probes.on
      ? new Proxy(bounds, {
          get(target, key, receiver) {
            if (typeof key === 'string' && /^\d+$/.test(key)) probes.count++;
            return Reflect.get(target, key, receiver);
          },
        })
      : bounds;
  return {
    nearHint: (bounds: readonly number[], hint: number, off: number) =>
      spans.nearHint(counted(bounds), hint, off),
    spanIn: (bounds: readonly number[], lo: number, hi: number, off: number) =>
      spans.spanIn(counted(bounds), lo, hi, off),
  };
});

function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Every u32 at a stride of `step` bytes from the chain's start equals the flat bytes'. */
function expectReads(chain: BufferChain, flat: DataView, step: number): void {
  for (let off = chain.start; off + 4 <= chain.end; off += step) {
    if (chain.u32le(off) !== flat.getUint32(off, true))
      expect(chain.u32le(off)).toBe(flat.getUint32(off, true));
  }
}

describe('random reads through the bucket index', () => {
  it('stay right after consume compacts thousands of small chunks away', () => {
    // 3000 chunks of 1..40 bytes, then large ones that span several buckets, then small ones again.
    const sizes = [
      ...Array.from({ length: 3000 }, (_, i) => 1 + ((i * 37) % 40)),
      ...Array.from({ length: 6 }, (_, i) => 70_000 + i * 9_999),
      ...Array.from({ length: 2000 }, (_, i) => 1 + ((i * 13) % 90)),
    ];
    const total = sizes.reduce((a, b) => a + b, 0);
    const bytes = noise(total, 7);
    const flat = new DataView(bytes.buffer);
    const chain = new BufferChain();
    appendCut(chain, bytes, sizes);
    expectReads(chain, flat, 97);
    chain.consume(sizes.slice(0, 2500).reduce((a, b) => a + b, 0) + 3); // 2500 of 5006 slots: compacts
    expect(chain.chunkCount).toBe(5006 - 2500);
    expectReads(chain, flat, 89);
    chain.consume(Math.floor(chain.length / 2));
    expectReads(chain, flat, 61);
  });

  it('match the flat bytes for any chunking and consumption', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 60_000, max: 140_000 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
        (sizes, percents) => {
          const total = sizes.reduce((a, b) => a + b, 0);
          const bytes = noise(total, total);
          const flat = new DataView(bytes.buffer);
          const chain = new BufferChain();
          appendCut(chain, bytes, sizes);
          for (const pc of percents) {
            chain.consume(Math.floor((chain.length * pc) / 200));
            expectReads(chain, flat, 4093);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random reads over 100k chunks probe O(log k) chunk bounds', () => {
    const chain = new BufferChain();
    for (let i = 0; i < 100_000; i++) chain.append(new Uint8Array([i & 0xff, (i >> 8) & 0xff, i >> 16]));
    let worst = 0;
    probes.on = true;
    let x = 12345;
    for (let r = 0; r < 2000; r++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const i = x % 100_000;
      probes.count = 0;
      expect(chain.u8(i * 3)).toBe(i & 0xff);
      worst = Math.max(worst, probes.count);
    }
    probes.on = false;
    // log2(100k) is about 17: a binary search plus a few checks, never a scan.
    expect(worst).toBeGreaterThan(0); // the search did run through the counting wrappers
    expect(worst).toBeLessThanOrEqual(2 * 17 + 8);
  });

  it('survives a chain emptied and refilled', () => {
    const chain = new BufferChain();
    chain.append(new Uint8Array(70_000).fill(1));
    chain.consume(70_000);
    chain.append(Uint8Array.from([9, 8, 7, 6]));
    chain.append(new Uint8Array(140_000).fill(2));
    expect(chain.u32be(70_000)).toBe(0x09080706);
    expect(chain.u8(70_000 + 4 + 139_999)).toBe(2);
    expect(chain.u8(70_000 + 4 + 65_000)).toBe(2);
  });
});
