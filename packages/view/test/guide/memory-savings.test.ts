// Guide example 5: a copied slice versus a view slice, measured in bytes of memory
// (examples/memoryview/memory-savings.ts). No timing is involved: only memory held.
import { describe, expect, it } from 'vitest';
import { bytesPerItem, findGc, measureSliceCosts } from '../../../../examples/memoryview/memory-savings.js';

const MB8 = 8_000_000;

describe('guide 5: what a slice costs', () => {
  it('a garbage collector can be found, so measurements are exact', () => {
    const gc = findGc();
    expect(typeof gc).toBe('function');
    gc?.(); // and calling it works
  });

  it('the measurement itself is sound: holding n arrays of k bytes costs k bytes of ArrayBuffer each', () => {
    const each = bytesPerItem(16, () => new Uint8Array(1_000_000));
    expect(each.arrayBuffers).toBe(1_000_000);
    // heapUsed moves by itself too (compiled code comes and goes), by up to a few hundred KB:
    // spread over 16 items that is within a few percent.
    expect(each.total).toBeGreaterThan(950_000);
    expect(each.total).toBeLessThan(1_050_000);
  });

  it('copying slices of 8 MB cost >= 8 MB each; view slices of 8 MB cost < 1 KB each', () => {
    const r = measureSliceCosts({ bufferSize: 10_000_000, sliceSize: MB8, copies: 8, views: 20_000 });
    // A copy owns 8 MB of ArrayBuffer contents (exactly: this number has no noise) ...
    expect(r.copy.arrayBuffers).toBeGreaterThanOrEqual(MB8);
    expect(r.copy.total).toBeGreaterThan(0.99 * MB8);
    // ... a view owns none: it is an object of a few hundred bytes over the same ArrayBuffer.
    expect(r.view.arrayBuffers).toBeLessThan(1);
    expect(r.view.total).toBeLessThan(1024);
    expect(r.view.heap).toBeGreaterThan(0); // the views really were held while measured
    expect(r.viewNbytes).toBe(MB8);
    expect(r.viewIsOverData).toBe(true);
  });

  it("a view's cost does not depend on its length (O(1)); a copy's does (O(n))", () => {
    const small = measureSliceCosts({ bufferSize: 10_000_000, sliceSize: 1_000, copies: 64, views: 20_000 });
    const large = measureSliceCosts({ bufferSize: 10_000_000, sliceSize: MB8, copies: 8, views: 20_000 });
    expect(large.view.total).toBeLessThan(small.view.total + 64);
    expect(large.view.arrayBuffers).toBe(small.view.arrayBuffers);
    expect(small.copy.arrayBuffers).toBe(1_000);
    expect(large.copy.arrayBuffers).toBe(MB8);
  });
});
