import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adam7Passes, imageDataSize, scanlineLayout } from '../../src/image-data/index.js';
import { concat, loadCorpusImage, validCorpusNames } from './png-helpers.js';

describe('imageDataSize on PngSuite', () => {
  const names = validCorpusNames();

  it('covers the 161 valid files, interlaced and odd sizes included', () => {
    expect(names).toHaveLength(161);
    for (let n = 1; n <= 9; n++) expect(names).toContain(`s0${n}i3p0${n <= 4 ? 1 : 2}.png`);
    for (let n = 32; n <= 40; n++) expect(names).toContain(`s${n}i3p04.png`);
    expect(names.filter((n) => loadCorpusImage(n).ihdr.interlaceMethod === 1).length).toBeGreaterThan(30);
  });

  it.each(names)('%s: equals the inflated length of its IDAT stream', (name) => {
    const { ihdr, idats } = loadCorpusImage(name);
    const inflated = zlib.inflateSync(concat(idats.map((c) => c.data)));
    expect(imageDataSize(ihdr)).toBe(inflated.length);
  });
});

describe('imageDataSize by hand', () => {
  const base = { bitDepth: 8, colorType: 0, interlaceMethod: 0 };

  it('counts one filter byte per scanline and rounds bits up to bytes', () => {
    expect(imageDataSize({ ...base, width: 10, height: 3 })).toBe(3 * 11);
    expect(imageDataSize({ ...base, width: 10, height: 3, colorType: 6, bitDepth: 16 })).toBe(3 * 81);
    expect(imageDataSize({ ...base, width: 10, height: 3, colorType: 2 })).toBe(3 * 31);
    expect(imageDataSize({ ...base, width: 10, height: 3, colorType: 4 })).toBe(3 * 21);
    expect(imageDataSize({ ...base, width: 9, height: 2, colorType: 3, bitDepth: 1 })).toBe(2 * 3);
    expect(imageDataSize({ ...base, width: 3, height: 1, bitDepth: 2 })).toBe(2);
    expect(imageDataSize({ ...base, width: 3, height: 1, bitDepth: 4 })).toBe(3);
  });

  it('Adam7: empty passes add no filter bytes', () => {
    const i = { ...base, interlaceMethod: 1 };
    // 1×1: only pass 1 (1 pixel).
    expect(imageDataSize({ ...i, width: 1, height: 1 })).toBe(2);
    expect(scanlineLayout({ ...i, width: 1, height: 1 })).toEqual([{ pass: 1, rows: 1, rowLength: 2 }]);
    // 2×1: pass 1 (x=0) and pass 6 (x=1).
    expect(scanlineLayout({ ...i, width: 2, height: 1 }).map((r) => r.pass)).toEqual([1, 6]);
    // 1×2: pass 1 (y=0) and pass 7 (y=1).
    expect(scanlineLayout({ ...i, width: 1, height: 2 }).map((r) => r.pass)).toEqual([1, 7]);
    // 8×8: 1+1+2+4+8+16+32 pixels in passes of widths 1,1,2,2,4,4,8 and heights 1,1,1,2,2,4,4.
    const layout = scanlineLayout({ ...i, width: 8, height: 8 });
    expect(layout).toEqual([
      { pass: 1, rows: 1, rowLength: 2 },
      { pass: 2, rows: 1, rowLength: 2 },
      { pass: 3, rows: 1, rowLength: 3 },
      { pass: 4, rows: 2, rowLength: 3 },
      { pass: 5, rows: 2, rowLength: 5 },
      { pass: 6, rows: 4, rowLength: 5 },
      { pass: 7, rows: 4, rowLength: 9 },
    ]);
    expect(imageDataSize({ ...i, width: 8, height: 8 })).toBe(64 + 15);
  });

  it('Adam7 passes cover every pixel once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (w, h) => {
        const passes = adam7Passes(w, h);
        expect(passes.reduce((n, p) => n + p.width * p.height, 0)).toBe(w * h);
        for (const p of passes) {
          let cols = 0;
          for (let x = p.xStart; x < w; x += p.xStep) cols++;
          let rows = 0;
          for (let y = p.yStart; y < h; y += p.yStep) rows++;
          expect([p.width, p.height]).toEqual([cols, rows]);
        }
      }),
    );
  });

  it('is exact beyond 2^32', () => {
    const big = { width: 1_000_000, height: 1_000_000, bitDepth: 16, colorType: 6, interlaceMethod: 0 };
    expect(imageDataSize(big)).toBe(8_000_001_000_000);
    const bigI = { ...big, interlaceMethod: 1 };
    let expected = 0n;
    for (const p of adam7Passes(big.width, big.height)) {
      if (p.width && p.height) expected += BigInt(p.height) * BigInt(1 + p.width * 8);
    }
    expect(imageDataSize(bigI)).toBe(Number(expected));
    expect(imageDataSize({ ...big, width: 0x7fffffff, height: 0x7fffffff })).toBe(
      Number(0x7fffffffn * (1n + 0x7fffffffn * 8n)),
    );
  });

  it('refuses IHDR fields the spec does not allow', () => {
    const ok = { width: 1, height: 1, bitDepth: 8, colorType: 0, interlaceMethod: 0 };
    expect(() => imageDataSize({ ...ok, colorType: 5 })).toThrow(RangeError);
    expect(() => imageDataSize({ ...ok, bitDepth: 3 })).toThrow(RangeError);
    expect(() => imageDataSize({ ...ok, interlaceMethod: 2 })).toThrow(RangeError);
    expect(() => imageDataSize({ ...ok, width: 0 })).toThrow(RangeError);
    expect(() => imageDataSize({ ...ok, height: 2 ** 31 })).toThrow(RangeError);
  });
});
