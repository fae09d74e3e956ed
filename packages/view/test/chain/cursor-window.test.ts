import { BufferChain } from '@stride/view';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendCut } from './chains.js';

describe('ChainCursor.window / commit', () => {
  it('reads every item of any chunking exactly as a flat DataView does', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }),
        fc.constantFrom(1, 2, 4, 8),
        (bytes, sizes, size) => {
          const flat = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          const expected: number[] = [];
          for (let p = 0; p + size <= bytes.length; p += size) expected.push(read(flat, p, size));
          const c = appendCut(new BufferChain(), bytes, sizes).cursor();
          const got: number[] = [];
          while (c.remaining >= size) {
            const dv = c.window(size);
            let p = c.at;
            for (const end = c.limit - size; p <= end; p += size) got.push(read(dv, p, size));
            c.commit(p);
          }
          expect(got).toEqual(expected);
          expect(c.remaining).toBe(bytes.length % size);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('leaves the cursor in place until commit, and mixes with single reads', () => {
    const chain = appendCut(new BufferChain(), Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), [3, 3, 3]);
    const c = chain.cursor();
    const dv = c.window(2);
    expect([c.at, c.limit]).toEqual([0, 3]);
    expect(dv.getUint8(c.at)).toBe(1);
    expect(c.offset).toBe(0);
    c.commit(c.at + 2);
    expect(c.offset).toBe(2);
    const straddle = c.window(2); // bytes 2..3 straddle the first two chunks
    expect([c.limit - c.at, straddle.getUint16(c.at, false)]).toEqual([2, 0x0304]);
    expect(c.offset).toBe(2);
    c.commit(c.at); // no progress: still at byte 2
    expect(c.u8()).toBe(3);
    c.window(1);
    c.commit(c.limit);
    expect(c.offset).toBe(6);
    expect(c.u16be()).toBe(0x0708);
  });

  it('refuses a position outside the window', () => {
    const c = appendCut(new BufferChain(), new Uint8Array(8), [4, 4]).cursor();
    c.window(4);
    expect(() => c.commit(c.limit + 1)).toThrow(RangeError);
    expect(() => c.commit(c.at - 1)).toThrow(RangeError);
  });
});

function read(dv: DataView, p: number, size: number): number {
  switch (size) {
    case 1:
      return dv.getUint8(p);
    case 2:
      return dv.getUint16(p, true);
    case 4:
      return dv.getUint32(p, true);
    default:
      return dv.getFloat64(p, true);
  }
}
