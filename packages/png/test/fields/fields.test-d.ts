import { describe, expectTypeOf, it } from 'vitest';
import type { Ihdr, KnownChunkType, PngChunkFields } from '../../src/fields/index.js';

describe('PngChunkFields', () => {
  it('IHDR', () => {
    expectTypeOf<PngChunkFields['IHDR']>().toEqualTypeOf<Ihdr>();
    expectTypeOf<Ihdr>().toEqualTypeOf<{
      width: number;
      height: number;
      bitDepth: number;
      colorType: number;
      compressionMethod: number;
      filterMethod: number;
      interlaceMethod: number;
    }>();
  });

  it('context-shaped chunks are discriminated by kind', () => {
    expectTypeOf<PngChunkFields['tRNS']>().toEqualTypeOf<
      | { kind: 'gray'; gray: number }
      | { kind: 'rgb'; red: number; green: number; blue: number }
      | { kind: 'palette'; alphas: number[] }
    >();
    expectTypeOf<PngChunkFields['bKGD']>().toEqualTypeOf<
      | { kind: 'gray'; gray: number }
      | { kind: 'rgb'; red: number; green: number; blue: number }
      | { kind: 'palette'; paletteIndex: number }
    >();
    expectTypeOf<PngChunkFields['sBIT']['kind']>().toEqualTypeOf<'gray' | 'rgb' | 'grayAlpha' | 'rgba'>();
  });

  it('text chunks', () => {
    expectTypeOf<PngChunkFields['tEXt']>().toEqualTypeOf<{ keyword: string; text: string }>();
    expectTypeOf<PngChunkFields['zTXt']>().toEqualTypeOf<{
      keyword: string;
      compressionMethod: number;
      text: string;
    }>();
    expectTypeOf<PngChunkFields['iTXt']>().toEqualTypeOf<{
      keyword: string;
      compressed: boolean;
      compressionMethod: number;
      languageTag: string;
      translatedKeyword: string;
      text: string;
    }>();
    expectTypeOf<PngChunkFields['iCCP']>().toEqualTypeOf<{
      name: string;
      compressionMethod: number;
      profile: Uint8Array;
    }>();
  });

  it('byte views and the rest', () => {
    expectTypeOf<PngChunkFields['eXIf']>().toEqualTypeOf<{
      data: Uint8Array;
      byteOrder: 'II' | 'MM' | undefined;
    }>();
    expectTypeOf<PngChunkFields['fdAT']>().toEqualTypeOf<{ sequenceNumber: number; frameData: Uint8Array }>();
    expectTypeOf<PngChunkFields['PLTE']>().toEqualTypeOf<{
      entries: { red: number; green: number; blue: number }[];
    }>();
    expectTypeOf<PngChunkFields['hIST']>().toEqualTypeOf<{ frequencies: number[] }>();
    expectTypeOf<PngChunkFields['sPLT']['entries'][number]>().toEqualTypeOf<{
      red: number;
      green: number;
      blue: number;
      alpha: number;
      frequency: number;
    }>();
    expectTypeOf<PngChunkFields['tIME']>().toEqualTypeOf<{
      year: number;
      month: number;
      day: number;
      hour: number;
      minute: number;
      second: number;
    }>();
    expectTypeOf<PngChunkFields['acTL']>().toEqualTypeOf<{ numFrames: number; numPlays: number }>();
    expectTypeOf<PngChunkFields['cLLI']>().toEqualTypeOf<{ maxCll: number; maxFall: number }>();
    expectTypeOf<PngChunkFields['sRGB']>().toEqualTypeOf<{ renderingIntent: number }>();
  });

  it('KnownChunkType has the 23 types with fields, not IDAT or IEND', () => {
    expectTypeOf<'IDAT'>().not.toExtend<KnownChunkType>();
    expectTypeOf<'IEND'>().not.toExtend<KnownChunkType>();
    expectTypeOf<'fcTL'>().toExtend<KnownChunkType>();
  });
});
