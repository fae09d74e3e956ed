/**
 * 4. Inverting the colours of an image in place.
 *
 * Python:
 *   pixels = bytearray([255, 0, 0,  0, 255, 0,  0, 0, 255])   # red, green, blue (RGB)
 *   mv = memoryview(pixels)
 *   for i in range(len(mv)):
 *       mv[i] = 255 - mv[i]
 *   list(pixels)     # [0, 255, 255,  255, 0, 255,  255, 255, 0]: cyan, magenta, yellow
 *
 * With RGBA pixels the alpha byte must be left alone. Python's memoryview can shape the
 * bytes as (pixels, 4), but cannot slice the channels out:
 *   px = memoryview(rgba).cast('B', (h * w, 4))
 *   px[:, 0:3]       # NotImplementedError: multi-dimensional slicing is not implemented
 * Stride can: px.view(':', '0:3') is an (h * w, 3) view with strides (4, 1) that skips
 * every fourth byte, over the same memory.
 *
 * Run: npx tsx --conditions=@stride/source examples/memoryview/invert-colors.ts
 */
import { type MemoryView, memoryview } from '@stride/view';
import { type Print, runIfMain, STRIDE_ONLY, show, tuple } from './repl.js';

export const title = 'Inverting colours in place (RGB, then RGBA with a strided view)';

/** Inverts every byte of packed RGB pixels, in place. */
export function invertRgb(pixels: Uint8Array): Uint8Array {
  const mv = memoryview(pixels);
  for (let i = 0; i < mv.length; i++) {
    mv.set(i, 255 - mv.get(i)); // mv[i] = 255 - mv[i]
  }
  return pixels;
}

/**
 * The R, G and B bytes of `width * height` RGBA pixels, without their alpha: a view of shape
 * (pixels, 3) and strides (4, 1) over `rgba` itself. Writing to it writes to `rgba`.
 */
export function rgbChannels(rgba: Uint8Array, width: number, height: number): MemoryView<'B'> {
  return memoryview(rgba)
    .cast('B', [width * height, 4])
    .view(':', '0:3');
  // The same view, spelt as NumPy's as_strided:
  //   memoryview(rgba).asStrided([width * height, 3], [4, 1])
}

/** Inverts R, G and B of every RGBA pixel in place; alpha is untouched. */
export function invertRgba(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const rgb = rgbChannels(rgba, width, height);
  const [pixels = 0, channels = 0] = rgb.shape;
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) {
      rgb.set(p, c, 255 - rgb.get(p, c));
    }
  }
  return rgba;
}

/** Four pixels, 2x2: opaque red, half-transparent green, blue, and transparent white. */
export function sampleRgba(): Uint8Array {
  // biome-ignore format: one pixel per line
  return Uint8Array.of(
    255, 0, 0, 255,
    0, 255, 0, 128,
    0, 0, 255, 255,
    255, 255, 255, 0,
  );
}

/** The pixels as rows of [R, G, B, A], for printing. */
const rows = (rgba: Uint8Array): number[][] =>
  memoryview(rgba)
    .cast('B', [rgba.length / 4, 4])
    .tolist() as number[][];

export function main(print: Print = console.log): void {
  const pixels = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255);
  show(
    print,
    'pixels = bytearray([255,0,0, 0,255,0, 0,0,255])',
    'pixels = Uint8Array.of(255,0,0, 0,255,0, 0,0,255)',
  );
  show(print, 'mv = memoryview(pixels)', 'mv = memoryview(pixels)');
  invertRgb(pixels);
  show(print, 'for i in range(len(mv)): mv[i] = 255 - mv[i]', 'for (…) mv.set(i, 255 - mv.get(i))');
  show(print, 'list(pixels)', '[...pixels]', [...pixels]);

  print('# RGBA pixels: invert the colour channels, keep alpha');
  const rgba = sampleRgba();
  show(print, "rgba = bytearray.fromhex('ff0000ff 00ff0080 0000ffff ffffff00')", 'rgba = sampleRgba()');
  show(print, "px = memoryview(rgba).cast('B', (4, 4))", "px = memoryview(rgba).cast('B', [4, 4])");
  show(print, 'px.tolist()', 'px.tolist()', rows(rgba));
  const rgb = rgbChannels(rgba, 2, 2);
  show(print, `rgb = px[:, 0:3]  ${STRIDE_ONLY}`, "rgb = px.view(':', '0:3')");
  show(
    print,
    'rgb.shape, rgb.strides',
    '[rgb.shape, rgb.strides]',
    tuple([tuple(rgb.shape), tuple(rgb.strides)]),
  );
  show(print, 'rgb.c_contiguous', 'rgb.cContiguous', rgb.cContiguous);
  invertRgba(rgba, 2, 2);
  show(print, 'rgb[p, c] = 255 - rgb[p, c]  # every p, c', 'for (…) rgb.set(p, c, 255 - rgb.get(p, c))');
  show(print, 'px.tolist()', 'px.tolist()', rows(rgba));
}

runIfMain(import.meta.url, title, main);
