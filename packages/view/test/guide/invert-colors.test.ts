// Guide example 4: inverting colours in place (examples/memoryview/invert-colors.ts).
import { memoryview } from '@stride/view';
import { describe, expect, it } from 'vitest';
import {
  invertRgb,
  invertRgba,
  rgbChannels,
  sampleRgba,
} from '../../../../examples/memoryview/invert-colors.js';

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
function noise(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('guide 4: inverting colours in place', () => {
  it('RGB: 255 - v for every byte, written into the same buffer', () => {
    const pixels = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255);
    expect(invertRgb(pixels)).toBe(pixels);
    expect([...pixels]).toEqual([0, 255, 255, 255, 0, 255, 255, 255, 0]);
  });

  it('RGB: a larger image, byte by byte', () => {
    const original = noise(3 * 37 * 23);
    const pixels = original.slice();
    invertRgb(pixels);
    expect([...pixels]).toEqual([...original].map((v) => 255 - v));
  });

  it('RGBA: the sample pixels get their colours inverted and keep their alpha', () => {
    const rgba = sampleRgba();
    expect(invertRgba(rgba, 2, 2)).toBe(rgba);
    // biome-ignore format: one pixel per line
    expect([...rgba]).toEqual([
      0, 255, 255, 255,
      255, 0, 255, 128,
      255, 255, 0, 255,
      0, 0, 0, 0,
    ]);
  });

  it('RGBA: on a larger image every R, G, B byte is inverted and every alpha byte is unchanged', () => {
    const [width, height] = [41, 29];
    const original = noise(width * height * 4, 12345);
    const rgba = original.slice();
    invertRgba(rgba, width, height);
    for (let i = 0; i < rgba.length; i++) {
      const expected = i % 4 === 3 ? original[i] : 255 - (original[i] as number);
      if (rgba[i] !== expected) expect.fail(`byte ${i} (channel ${i % 4}): ${rgba[i]} !== ${expected}`);
    }
    invertRgba(rgba, width, height);
    expect(rgba).toEqual(original); // inverting twice restores the image
  });

  it('the RGB view is strided, not contiguous: shape (pixels, 3), strides (4, 1)', () => {
    const rgb = rgbChannels(sampleRgba(), 2, 2);
    expect(rgb.shape).toEqual([4, 3]);
    expect(rgb.strides).toEqual([4, 1]);
    expect(rgb.ndim).toBe(2);
    expect(rgb.format).toBe('B');
    expect(rgb.nbytes).toBe(12);
    expect(rgb.cContiguous).toBe(false);
    expect(rgb.contiguous).toBe(false);
    expect(rgb.tolist()).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [255, 255, 255],
    ]);
  });

  it('the RGB view shares memory with the pixels: no copy, in either direction', () => {
    const rgba = sampleRgba();
    const rgb = rgbChannels(rgba, 2, 2);
    rgba[4 * 2 + 1] = 77; // pixel 2, green, written to the array
    expect(rgb.get(2, 1)).toBe(77); // ... is seen through the view
    rgb.set(3, 2, 9); // pixel 3, blue, written through the view
    expect(rgba[4 * 3 + 2]).toBe(9); // ... lands in the array
    expect(rgba[4 * 3 + 3]).toBe(0); // and the alpha next to it is untouched
    expect(rgb.obj).toBe(rgba);
  });

  it('asStrided([pixels, 3], [4, 1]) addresses the same bytes as view(":", "0:3")', () => {
    const rgba = noise(4 * 10);
    const viaView = rgbChannels(rgba, 5, 2);
    const viaStrides = memoryview(rgba).asStrided([10, 3], [4, 1]);
    expect(viaStrides.tolist()).toEqual(viaView.tolist());
    viaStrides.set(7, 0, 1);
    expect(viaView.get(7, 0)).toBe(1);
  });
});
