/**
 * Properties over every chunk type: decode(encode(f)) equals f for valid fields, and any bytes (random,
 * or a valid encoding with bytes changed) give fields or a DecodeError, never another exception.
 */
import { DecodeError } from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedBitDepths,
  decodeChunkFields,
  encodeChunkFields,
  type FieldContext,
  type KnownChunkType,
  type PngChunkFields,
  standardChunkTypes,
} from '../../src/fields/index.js';
import { ctx } from './helpers.js';

const U31 = 0x7fffffff;
const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u31 = fc.integer({ min: 0, max: U31 });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const pos31 = fc.integer({ min: 1, max: U31 });

const keywordChars = [
  ...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)),
  ...Array.from({ length: 0xff - 0xa1 + 1 }, (_, i) => String.fromCharCode(0xa1 + i)),
];
/** 1-79 printable Latin-1 characters with single interior spaces. */
const keyword = fc
  .tuple(
    fc.array(fc.constantFrom(...keywordChars), { minLength: 1, maxLength: 79 }),
    fc.array(fc.boolean(), { maxLength: 79 }),
  )
  .map(([chars, spaces]) =>
    chars
      .map((c, i) => (i > 0 && i < chars.length - 1 && spaces[i] && spaces[i - 1] !== true ? ' ' : c))
      .join(''),
  );
const latin1Text = fc.string({
  unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
  maxLength: 200,
});
const latin1NoNul = fc.string({
  unit: fc.integer({ min: 1, max: 255 }).map((c) => String.fromCharCode(c)),
  maxLength: 20,
});
const unicodeText = fc.string({ unit: 'grapheme', maxLength: 100 });
const unicodeNoNul = unicodeText.map((s) => s.replaceAll('\0', ''));
const byteArray = (maxLength: number) => fc.uint8Array({ maxLength });

/** Valid fields of each type, with a context they decode in. */
type Case<K extends KnownChunkType> = { fields: PngChunkFields[K]; ctx: FieldContext };
const none = ctx();
const withCtx = <K extends KnownChunkType>(fields: PngChunkFields[K], c: FieldContext = none): Case<K> => ({
  fields,
  ctx: c,
});

const ihdr = fc
  .record({
    width: pos31,
    height: pos31,
    colorType: fc.constantFrom(0, 2, 3, 4, 6),
    depthIndex: fc.nat(),
    interlaceMethod: fc.constantFrom(0, 1),
  })
  .map(({ depthIndex, ...h }) => {
    const depths = allowedBitDepths[h.colorType] as readonly number[];
    return {
      ...h,
      bitDepth: depths[depthIndex % depths.length] as number,
      compressionMethod: 0,
      filterMethod: 0,
    };
  })
  .map(({ width, height, bitDepth, colorType, compressionMethod, filterMethod, interlaceMethod }) => ({
    width,
    height,
    bitDepth,
    colorType,
    compressionMethod,
    filterMethod,
    interlaceMethod,
  }));

const rgb8 = fc.record({ red: u8, green: u8, blue: u8 });
const rgb16 = fc.record({ red: u16, green: u16, blue: u16 });
const sbitValue = fc.integer({ min: 1, max: 16 });

const cases: { [K in KnownChunkType]: fc.Arbitrary<Case<K>> } = {
  IHDR: ihdr.map((f) => withCtx<'IHDR'>(f, ctx(undefined, undefined, { maxWidth: U31, maxHeight: U31 }))),
  PLTE: fc
    .array(rgb8, { minLength: 1, maxLength: 256 })
    .map((entries) => withCtx<'PLTE'>({ entries }, ctx({ colorType: 2 }))),
  tRNS: fc.oneof(
    u16.map((gray) => withCtx<'tRNS'>({ kind: 'gray', gray }, ctx({ colorType: 0, bitDepth: 16 }))),
    rgb16.map((c) => withCtx<'tRNS'>({ kind: 'rgb', ...c }, ctx({ colorType: 2, bitDepth: 16 }))),
    fc
      .array(u8, { minLength: 1, maxLength: 256 })
      .map((alphas) => withCtx<'tRNS'>({ kind: 'palette', alphas }, ctx({ colorType: 3 }, 256))),
  ),
  cHRM: fc
    .tuple(u31, u31, u31, u31, u31, u31, u31, u31)
    .map(([whitePointX, whitePointY, redX, redY, greenX, greenY, blueX, blueY]) =>
      withCtx<'cHRM'>({ whitePointX, whitePointY, redX, redY, greenX, greenY, blueX, blueY }),
    ),
  gAMA: pos31.map((gamma) => withCtx<'gAMA'>({ gamma })),
  iCCP: fc
    .record({ name: keyword, profile: byteArray(300) })
    .map(({ name, profile }) => withCtx<'iCCP'>({ name, compressionMethod: 0, profile })),
  sBIT: fc.oneof(
    sbitValue.map((gray) => withCtx<'sBIT'>({ kind: 'gray', gray })),
    fc
      .tuple(sbitValue, sbitValue)
      .map(([gray, alpha]) => withCtx<'sBIT'>({ kind: 'grayAlpha', gray, alpha })),
    fc
      .tuple(sbitValue, sbitValue, sbitValue)
      .map(([red, green, blue]) => withCtx<'sBIT'>({ kind: 'rgb', red, green, blue })),
    fc
      .tuple(sbitValue, sbitValue, sbitValue, sbitValue)
      .map(([red, green, blue, alpha]) => withCtx<'sBIT'>({ kind: 'rgba', red, green, blue, alpha })),
  ),
  sRGB: fc.integer({ min: 0, max: 3 }).map((renderingIntent) => withCtx<'sRGB'>({ renderingIntent })),
  cICP: fc
    .tuple(u8, u8, fc.constantFrom(0, 1))
    .map(([colourPrimaries, transferFunction, videoFullRange]) =>
      withCtx<'cICP'>({ colourPrimaries, transferFunction, matrixCoefficients: 0, videoFullRange }),
    ),
  mDCV: fc
    .tuple(fc.array(u16, { minLength: 8, maxLength: 8 }), u32, u32)
    .map(
      ([[redX, redY, greenX, greenY, blueX, blueY, whitePointX, whitePointY], maxLuminance, minLuminance]) =>
        withCtx<'mDCV'>({
          redX: redX as number,
          redY: redY as number,
          greenX: greenX as number,
          greenY: greenY as number,
          blueX: blueX as number,
          blueY: blueY as number,
          whitePointX: whitePointX as number,
          whitePointY: whitePointY as number,
          maxLuminance,
          minLuminance,
        }),
    ),
  cLLI: fc.tuple(u32, u32).map(([maxCll, maxFall]) => withCtx<'cLLI'>({ maxCll, maxFall })),
  tEXt: fc.record({ keyword, text: latin1Text }).map((f) => withCtx<'tEXt'>(f)),
  zTXt: fc
    .record({ keyword, text: latin1Text })
    .map(({ keyword, text }) => withCtx<'zTXt'>({ keyword, compressionMethod: 0, text })),
  iTXt: fc
    .record({
      keyword,
      compressed: fc.boolean(),
      method: u8,
      languageTag: latin1NoNul,
      translatedKeyword: unicodeNoNul,
      text: unicodeText,
    })
    .map(({ keyword, compressed, method, languageTag, translatedKeyword, text }) =>
      withCtx<'iTXt'>({
        keyword,
        compressed,
        compressionMethod: compressed ? 0 : method,
        languageTag,
        translatedKeyword,
        text,
      }),
    ),
  bKGD: fc.oneof(
    u16.map((gray) => withCtx<'bKGD'>({ kind: 'gray', gray })),
    rgb16.map((c) => withCtx<'bKGD'>({ kind: 'rgb', ...c })),
    u8.map((paletteIndex) => withCtx<'bKGD'>({ kind: 'palette', paletteIndex })),
  ),
  hIST: fc
    .array(u16, { minLength: 1, maxLength: 256 })
    .map((frequencies) => withCtx<'hIST'>({ frequencies })),
  pHYs: fc
    .tuple(u31, u31, fc.constantFrom(0, 1))
    .map(([pixelsPerUnitX, pixelsPerUnitY, unit]) =>
      withCtx<'pHYs'>({ pixelsPerUnitX, pixelsPerUnitY, unit }),
    ),
  sPLT: fc.oneof(
    fc
      .record({
        name: keyword,
        entries: fc.array(fc.record({ red: u8, green: u8, blue: u8, alpha: u8, frequency: u16 }), {
          maxLength: 40,
        }),
      })
      .map(({ name, entries }) => withCtx<'sPLT'>({ name, sampleDepth: 8, entries })),
    fc
      .record({
        name: keyword,
        entries: fc.array(fc.record({ red: u16, green: u16, blue: u16, alpha: u16, frequency: u16 }), {
          maxLength: 40,
        }),
      })
      .map(({ name, entries }) => withCtx<'sPLT'>({ name, sampleDepth: 16, entries })),
  ),
  eXIf: fc
    .tuple(fc.constantFrom([], [0x49, 0x49, 0x2a, 0], [0x4d, 0x4d, 0, 0x2a], [0x49, 0x49]), byteArray(60))
    .map(([head, rest]) => {
      const data = Uint8Array.from([...head, ...rest]);
      const byteOrder =
        data[0] === 0x49 && data[1] === 0x49 && data[2] === 0x2a && data[3] === 0
          ? 'II'
          : data[0] === 0x4d && data[1] === 0x4d && data[2] === 0 && data[3] === 0x2a
            ? 'MM'
            : undefined;
      return withCtx<'eXIf'>({ data, byteOrder });
    }),
  tIME: fc
    .record({
      year: u16,
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 60 }),
    })
    .map((f) => withCtx<'tIME'>(f)),
  acTL: fc.tuple(pos31, u31).map(([numFrames, numPlays]) => withCtx<'acTL'>({ numFrames, numPlays })),
  fcTL: fc
    .record({
      sequenceNumber: u31,
      width: pos31,
      height: pos31,
      xOffset: u31,
      yOffset: u31,
      delayNum: u16,
      delayDen: u16,
      disposeOp: fc.constantFrom(0, 1, 2),
      blendOp: fc.constantFrom(0, 1),
    })
    .map((f) => withCtx<'fcTL'>(f)),
  fdAT: fc
    .tuple(u31, byteArray(60))
    .map(([sequenceNumber, frameData]) => withCtx<'fdAT'>({ sequenceNumber, frameData })),
};

const types = Object.keys(cases) as KnownChunkType[];

/** Decodes, expecting fields or a DecodeError (anything else fails the property). */
function decodesOrRefuses(type: string, data: Uint8Array, c: FieldContext): void {
  try {
    decodeChunkFields(type, data, 100, c);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    expect(Number.isInteger(e.offset)).toBe(true);
    expect(e.offset).toBeGreaterThanOrEqual(100 - 8);
    expect(e.offset).toBeLessThanOrEqual(100 + data.length);
  }
}

const anyCtx: fc.Arbitrary<FieldContext> = fc.oneof(
  fc.constant(ctx()),
  fc
    .record({
      ihdr,
      palette: fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
      inflate: fc.constantFrom(1, 100, 8_000_000),
    })
    .map(({ ihdr: h, palette, inflate }) =>
      ctx(h, palette, { maxInflatedBytes: inflate, maxWidth: U31, maxHeight: U31 }),
    ),
);

describe('every standard chunk type', () => {
  it('has a case here', () => {
    expect(new Set([...types, 'IDAT', 'IEND'])).toEqual(standardChunkTypes);
  });

  it.each(types)('%s: decode(encode(fields)) equals fields', (type) => {
    fc.assert(
      fc.property(cases[type] as fc.Arbitrary<Case<KnownChunkType>>, ({ fields, ctx: c }) => {
        const data = encodeChunkFields(type, fields);
        expect(decodeChunkFields(type, data, 0, c)).toEqual(fields);
      }),
      { numRuns: 150 },
    );
  });

  it.each([...standardChunkTypes])('%s: arbitrary bytes give fields or a DecodeError', (type) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), anyCtx, (data, c) => decodesOrRefuses(type, data, c)),
      { numRuns: 300 },
    );
  });

  it.each(types)('%s: a valid encoding with bytes changed or cut gives fields or a DecodeError', (type) => {
    fc.assert(
      fc.property(
        cases[type] as fc.Arbitrary<Case<KnownChunkType>>,
        fc.array(fc.tuple(fc.nat(), u8), { maxLength: 4 }),
        fc.nat(),
        anyCtx,
        ({ fields }, edits, cut, c) => {
          const data = encodeChunkFields(type, fields).slice();
          for (const [i, v] of edits) if (data.length > 0) data[i % data.length] = v;
          decodesOrRefuses(type, data.subarray(0, data.length - (cut % (data.length + 1))), c);
          decodesOrRefuses(type, data, c);
        },
      ),
      { numRuns: 150 },
    );
  });
});
