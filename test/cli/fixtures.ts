/** PNGs built for the CLI tests: every chunk type with fields, an APNG, warnings, a broken CRC. */
import { deflateSync } from 'node:zlib';
import { encodePng, type PngChunkInput } from '@stride/png';

const enc = new TextEncoder();

/** The IDAT of a 2x2 8-bit image with `channels` samples a pixel (filter 0 on each row, white). */
function idat(channels = 4): PngChunkInput {
  const row = 1 + 2 * channels;
  const rows = new Uint8Array(2 * row).fill(0xff);
  rows[0] = 0;
  rows[row] = 0;
  return { type: 'IDAT', data: deflateSync(rows) };
}

function header(colorType: 2 | 6): PngChunkInput {
  return {
    type: 'IHDR',
    fields: {
      width: 2,
      height: 2,
      bitDepth: 8,
      colorType,
      compressionMethod: 0,
      filterMethod: 0,
      interlaceMethod: 0,
    },
  };
}

/** A 2x2 truecolour+alpha image's IHDR. */
const ihdr = header(6);

/**
 * Every chunk type with fields that fits a truecolour image (all but PLTE, hIST and APNG's),
 * plus an unknown ancillary chunk.
 */
export function everyChunk(): Uint8Array {
  return encodePng([
    header(2),
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
    { type: 'gAMA', fields: { gamma: 45455 } },
    {
      type: 'iCCP',
      fields: { name: 'Test profile', compressionMethod: 0, profile: new Uint8Array(300).fill(7) },
    },
    { type: 'sBIT', fields: { kind: 'rgb', red: 5, green: 6, blue: 5 } },
    {
      type: 'cICP',
      fields: { colourPrimaries: 9, transferFunction: 16, matrixCoefficients: 0, videoFullRange: 1 },
    },
    {
      type: 'mDCV',
      fields: {
        redX: 35400,
        redY: 14600,
        greenX: 8500,
        greenY: 39850,
        blueX: 6550,
        blueY: 2300,
        whitePointX: 15635,
        whitePointY: 16450,
        maxLuminance: 10000000,
        minLuminance: 50,
      },
    },
    { type: 'cLLI', fields: { maxCll: 10000000, maxFall: 4000000 } },
    { type: 'bKGD', fields: { kind: 'rgb', red: 255, green: 128, blue: 0 } },
    { type: 'tRNS', fields: { kind: 'rgb', red: 1, green: 2, blue: 3 } },
    { type: 'pHYs', fields: { pixelsPerUnitX: 2835, pixelsPerUnitY: 2835, unit: 1 } },
    {
      type: 'sPLT',
      fields: {
        name: 'four',
        sampleDepth: 16,
        entries: Array.from({ length: 4 }, (_, i) => ({
          red: i,
          green: i,
          blue: i,
          alpha: 65535,
          frequency: i,
        })),
      },
    },
    {
      type: 'eXIf',
      fields: { data: new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 0, 0]), byteOrder: 'II' },
    },
    { type: 'tIME', fields: { year: 2024, month: 2, day: 29, hour: 23, minute: 5, second: 9 } },
    {
      type: 'tEXt',
      fields: {
        keyword: 'Title',
        text: 'Line one\nline two\u001b[31m and a very long tail that will not fit in sixty characters',
      },
    },
    { type: 'zTXt', fields: { keyword: 'Comment', compressionMethod: 0, text: 'squeezed' } },
    {
      type: 'iTXt',
      fields: {
        keyword: 'Title',
        compressed: true,
        compressionMethod: 0,
        languageTag: 'fr',
        translatedKeyword: 'Titre',
        text: 'Bonjour',
      },
    },
    { type: 'prVt', data: enc.encode('private') },
    idat(3),
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}

/** An APNG of two frames (the default image is the first, the second is in fdAT), with sRGB. */
export function apng(): Uint8Array {
  const frame = (sequenceNumber: number) => ({
    type: 'fcTL' as const,
    fields: {
      sequenceNumber,
      width: 2,
      height: 2,
      xOffset: 0,
      yOffset: 0,
      delayNum: 1,
      delayDen: 10,
      disposeOp: 1,
      blendOp: 0,
    },
  });
  const image = idat().data as Uint8Array;
  return encodePng([
    ihdr,
    { type: 'sRGB', fields: { renderingIntent: 0 } },
    { type: 'acTL', fields: { numFrames: 2, numPlays: 0 } },
    frame(0),
    idat(),
    frame(1),
    { type: 'fdAT', fields: { sequenceNumber: 2, frameData: image } },
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
}

/** A valid image followed by bytes after IEND (a DATA_AFTER_IEND warning). */
export function trailingBytes(): Uint8Array {
  const png = encodePng([ihdr, idat(), { type: 'IEND', data: new Uint8Array(0) }]);
  const out = new Uint8Array(png.length + 3);
  out.set(png);
  out.set([1, 2, 3], png.length);
  return out;
}

/** An image whose tEXt chunk has a wrong CRC (an ancillary chunk: a warning with --lenient-crc). */
export function badTextCrc(): Uint8Array {
  const png = encodePng([
    ihdr,
    { type: 'tEXt', fields: { keyword: 'Title', text: 'x' } },
    idat(),
    { type: 'IEND', data: new Uint8Array(0) },
  ]);
  const textEnd = 8 + 25 + 8 + 7; // signature, IHDR, tEXt's length and type, its 7 data bytes
  (png as Uint8Array)[textEnd] = (png[textEnd] as number) ^ 0xff;
  return png;
}

/**
 * A valid 2x2 image with `n` pHYs chunks before its IDAT (a DUPLICATE_CHUNK warning for each but
 * the first): 21 bytes a chunk, for the tests of output in bounded memory.
 */
export function manyChunks(n: number): Uint8Array {
  const head = encodePng([
    header(2),
    { type: 'pHYs', fields: { pixelsPerUnitX: 2835, pixelsPerUnitY: 2835, unit: 1 } },
  ]);
  const phys = head.subarray(33); // the pHYs chunk after the signature and IHDR
  const tail = encodePng([idat(3), { type: 'IEND', data: new Uint8Array(0) }]).subarray(8);
  const out = new Uint8Array(33 + n * phys.length + tail.length);
  out.set(head.subarray(0, 33));
  for (let i = 0; i < n; i++) out.set(phys, 33 + i * phys.length);
  out.set(tail, 33 + n * phys.length);
  return out;
}
