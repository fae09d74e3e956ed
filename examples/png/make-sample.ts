// Writes examples/png/sample.png, the file `pnpm demo` inspects: a 32x32 two-frame animated PNG
// carrying most kinds of metadata, every chunk given by its fields and encoded by @stride/png.
//   npx tsx --conditions=@stride/source examples/png/make-sample.ts [out.png]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { encodePng, type PngChunkInput } from '@stride/png';

const SIZE = 32;

/** RGBA scanlines, each with filter byte 0, coloured by `pixel`. */
function image(pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const row = 1 + SIZE * 4;
  const out = new Uint8Array(SIZE * row);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) out.set(pixel(x, y), y * row + 1 + x * 4);
  }
  return deflateSync(out);
}

const frame0 = image((x, y) => [x * 8, y * 8, 128, 255]);
const frame1 = image((x, y) => [255 - x * 8, 128, y * 8, x === y ? 0 : 255]);
const frame = (sequenceNumber: number) =>
  ({
    type: 'fcTL',
    fields: {
      sequenceNumber,
      width: SIZE,
      height: SIZE,
      xOffset: 0,
      yOffset: 0,
      delayNum: 1,
      delayDen: 2,
      disposeOp: 0,
      blendOp: 0,
    },
  }) as const;
// A minimal big-endian ("MM") TIFF header with an empty IFD: the smallest valid Exif profile.
const exif = Uint8Array.of(0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0);

const chunks: PngChunkInput[] = [
  {
    type: 'IHDR',
    fields: {
      width: SIZE,
      height: SIZE,
      bitDepth: 8,
      colorType: 6,
      compressionMethod: 0,
      filterMethod: 0,
      interlaceMethod: 0,
    },
  },
  { type: 'gAMA', fields: { gamma: 45455 } },
  {
    type: 'cHRM',
    fields: {
      whitePointX: 31270,
      whitePointY: 32900,
      redX: 64000,
      redY: 33000,
      greenX: 30000,
      greenY: 60000,
      blueX: 15000,
      blueY: 6000,
    },
  },
  { type: 'pHYs', fields: { pixelsPerUnitX: 2835, pixelsPerUnitY: 2835, unit: 1 } },
  { type: 'eXIf', fields: { data: exif, byteOrder: 'MM' } },
  { type: 'acTL', fields: { numFrames: 2, numPlays: 0 } },
  { type: 'tEXt', fields: { keyword: 'Title', text: 'Stride sample' } },
  {
    type: 'zTXt',
    fields: {
      keyword: 'Comment',
      compressionMethod: 0,
      text: 'Made by examples/png/make-sample.ts. '.repeat(8),
    },
  },
  {
    type: 'iTXt',
    fields: {
      keyword: 'Description',
      compressed: false,
      compressionMethod: 0,
      languageTag: 'fi',
      translatedKeyword: 'Kuvaus',
      text: 'Kaksi kuvaa',
    },
  },
  { type: 'tIME', fields: { year: 2026, month: 11, day: 25, hour: 12, minute: 0, second: 0 } },
  frame(0),
  { type: 'IDAT', data: frame0 },
  frame(1),
  { type: 'fdAT', fields: { sequenceNumber: 2, frameData: frame1 } },
  { type: 'IEND', data: new Uint8Array(0) },
];

const out = process.argv[2] ?? fileURLToPath(new URL('./sample.png', import.meta.url));
writeFileSync(out, encodePng(chunks));
console.log(`wrote ${out}`);
