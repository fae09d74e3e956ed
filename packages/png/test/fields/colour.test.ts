import { deflateSync } from 'node:zlib';
import { LimitError } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { PngError } from '../../src/errors.js';
import { decodeChunkFields, encodeChunkFields } from '../../src/fields/index.js';
import { ctx, decodeError, fieldsOf } from './helpers.js';

const BASE = 500;
const be32 = (...v: number[]) => {
  const b = new Uint8Array(v.length * 4);
  v.forEach((x, i) => {
    new DataView(b.buffer).setUint32(i * 4, x);
  });
  return b;
};
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('cHRM', () => {
  it('decodes ccwn2c08 (raw × 100000)', () => {
    expect(fieldsOf('ccwn2c08.png', 'cHRM')).toEqual({
      whitePointX: 31270,
      whitePointY: 32900,
      redX: 64000,
      redY: 33000,
      greenX: 30000,
      greenY: 60000,
      blueX: 15000,
      blueY: 6000,
    });
  });

  it('refuses a wrong size at the chunk start, and values past 2^31-1 at their byte', () => {
    expect(decodeError(() => decodeChunkFields('cHRM', new Uint8Array(31), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE - 8,
    });
    const e = decodeError(() =>
      decodeChunkFields('cHRM', be32(1, 2, 3, 0x80000000, 5, 6, 7, 8), BASE, ctx()),
    );
    expect(e).toBeInstanceOf(PngError);
    expect(e).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE + 12, path: 'redY' });
  });
});

describe('gAMA', () => {
  it('decodes the PngSuite gamma 1.0 and the g*-files', () => {
    expect(fieldsOf('basn0g08.png', 'gAMA')).toEqual({ gamma: 100000 });
    expect(fieldsOf('g03n0g16.png', 'gAMA')).toEqual({ gamma: 35000 });
  });
  it('refuses gamma 0 and a wrong size', () => {
    expect(decodeError(() => decodeChunkFields('gAMA', be32(0), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE,
      path: 'gamma',
    });
    expect(decodeError(() => decodeChunkFields('gAMA', new Uint8Array(5), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('sRGB', () => {
  it('decodes intents 0-3 and refuses 4', () => {
    for (let i = 0; i < 4; i++)
      expect(decodeChunkFields('sRGB', Uint8Array.of(i), 0, ctx())).toEqual({ renderingIntent: i });
    const e = decodeError(() => decodeChunkFields('sRGB', Uint8Array.of(4), BASE, ctx()));
    expect(e).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE, path: 'renderingIntent', actual: '4' });
    expect(() => encodeChunkFields('sRGB', { renderingIntent: 4 })).toThrow(
      expect.objectContaining({ path: 'renderingIntent' }),
    );
  });
});

describe('cICP', () => {
  it('decodes BT.2100 PQ (9, 16, 0, 1)', () => {
    expect(decodeChunkFields('cICP', Uint8Array.of(9, 16, 0, 1), 0, ctx())).toEqual({
      colourPrimaries: 9,
      transferFunction: 16,
      matrixCoefficients: 0,
      videoFullRange: 1,
    });
  });
  it('refuses non-RGB matrix coefficients and a full-range flag other than 0/1', () => {
    expect(
      decodeError(() => decodeChunkFields('cICP', Uint8Array.of(9, 16, 1, 1), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 2,
      path: 'matrixCoefficients',
    });
    expect(
      decodeError(() => decodeChunkFields('cICP', Uint8Array.of(9, 16, 0, 2), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 3,
      path: 'videoFullRange',
    });
    expect(decodeError(() => decodeChunkFields('cICP', Uint8Array.of(9, 16, 0), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('mDCV', () => {
  it('decodes raw values that match the spec formula (chromaticity / 0.00002, luminance / 0.0001)', () => {
    // BT.2020 primaries, D65 white, 1000 cd/m² peak, 0.0001 cd/m² black (computed, not the spec's example bytes).
    const xy = [0.708, 0.292, 0.17, 0.797, 0.131, 0.046, 0.3127, 0.329].map((v) => Math.round(v / 0.00002));
    const lum = [1000, 0.0001].map((v) => Math.round(v / 0.0001));
    const data = new Uint8Array(24);
    const dv = new DataView(data.buffer);
    xy.forEach((v, i) => {
      dv.setUint16(i * 2, v);
    });
    dv.setUint32(16, lum[0] as number);
    dv.setUint32(20, lum[1] as number);
    const f = decodeChunkFields('mDCV', data, 0, ctx());
    expect(f).toEqual({
      redX: 35400,
      redY: 14600,
      greenX: 8500,
      greenY: 39850,
      blueX: 6550,
      blueY: 2300,
      whitePointX: 15635, // the erratum's value (3D 13), not the Recommendation's 3C 05
      whitePointY: 16450,
      maxLuminance: 10_000_000,
      minLuminance: 1,
    });
    expect(encodeChunkFields('mDCV', f)).toEqual(data);
    expect(decodeError(() => decodeChunkFields('mDCV', new Uint8Array(23), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('cLLI', () => {
  it('decodes MaxCLL and MaxFALL', () => {
    expect(decodeChunkFields('cLLI', be32(10_000_000, 4_000_000), 0, ctx())).toEqual({
      maxCll: 10_000_000,
      maxFall: 4_000_000,
    });
    expect(decodeError(() => decodeChunkFields('cLLI', new Uint8Array(9), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('iCCP', () => {
  const profile = new Uint8Array(600).map((_, i) => (i * 7) & 0xff);
  const data = concat(latin1('ICC profile'), [0, 0], deflateSync(profile));

  it('inflates the profile', () => {
    expect(decodeChunkFields('iCCP', data, 0, ctx())).toEqual({
      name: 'ICC profile',
      compressionMethod: 0,
      profile,
    });
  });
  it('refuses a compression method other than 0 at its byte', () => {
    const bad = data.slice();
    bad[12] = 1;
    expect(decodeError(() => decodeChunkFields('iCCP', bad, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 12,
      path: 'compressionMethod',
    });
  });
  it('refuses damaged zlib data at its first byte', () => {
    const bad = concat(latin1('p'), [0, 0], [1, 2, 3, 4]);
    expect(decodeError(() => decodeChunkFields('iCCP', bad, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 3,
      path: 'profile',
    });
  });
  it('stops inflating at maxInflatedBytes with a LimitError', () => {
    const e = decodeError(() =>
      decodeChunkFields('iCCP', data, BASE, ctx(undefined, undefined, { maxInflatedBytes: 599 })),
    );
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxInflatedBytes', offset: BASE + 13, path: 'profile' });
    expect(
      decodeChunkFields('iCCP', data, BASE, ctx(undefined, undefined, { maxInflatedBytes: 600 })),
    ).toBeDefined();
  });
  it('encodes by deflating the profile', () => {
    const f = { name: 'x', compressionMethod: 0, profile };
    expect(decodeChunkFields('iCCP', encodeChunkFields('iCCP', f), 0, ctx())).toEqual(f);
  });
});

describe('sBIT', () => {
  it('decodes PngSuite cs*-files by colour type', () => {
    expect(fieldsOf('cs3n2c16.png', 'sBIT')).toEqual({ kind: 'rgb', red: 13, green: 13, blue: 13 });
    expect(fieldsOf('cs3n3p08.png', 'sBIT')).toEqual({ kind: 'rgb', red: 3, green: 3, blue: 3 });
  });
  it('takes its shape from the colour type, or from its length without an IHDR', () => {
    expect(decodeChunkFields('sBIT', Uint8Array.of(3), 0, ctx({ colorType: 0, bitDepth: 4 }))).toEqual({
      kind: 'gray',
      gray: 3,
    });
    expect(decodeChunkFields('sBIT', Uint8Array.of(3, 5), 0, ctx({ colorType: 4 }))).toEqual({
      kind: 'grayAlpha',
      gray: 3,
      alpha: 5,
    });
    expect(decodeChunkFields('sBIT', Uint8Array.of(1, 2, 3, 4), 0, ctx({ colorType: 6 }))).toEqual({
      kind: 'rgba',
      red: 1,
      green: 2,
      blue: 3,
      alpha: 4,
    });
    expect(decodeChunkFields('sBIT', Uint8Array.of(9, 9), 0, ctx())).toEqual({
      kind: 'grayAlpha',
      gray: 9,
      alpha: 9,
    });
  });
  it('refuses a size the colour type does not have', () => {
    expect(
      decodeError(() => decodeChunkFields('sBIT', Uint8Array.of(8), BASE, ctx({ colorType: 2 }))),
    ).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE - 8,
    });
    expect(decodeError(() => decodeChunkFields('sBIT', new Uint8Array(5), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
  it('refuses 0 and values past the sample depth (8 for indexed colour)', () => {
    expect(
      decodeError(() =>
        decodeChunkFields('sBIT', Uint8Array.of(8, 9, 8), BASE, ctx({ colorType: 3, bitDepth: 4 })),
      ),
    ).toMatchObject({
      offset: BASE + 1,
      path: 'green',
    });
    expect(
      decodeError(() =>
        decodeChunkFields('sBIT', Uint8Array.of(5, 0), BASE, ctx({ colorType: 4, bitDepth: 8 })),
      ),
    ).toMatchObject({
      offset: BASE + 1,
      path: 'alpha',
    });
    expect(
      decodeError(() =>
        decodeChunkFields('sBIT', Uint8Array.of(9), BASE, ctx({ colorType: 0, bitDepth: 8 })),
      ),
    ).toMatchObject({
      offset: BASE,
      path: 'gray',
    });
  });
  it('encodes by kind', () => {
    expect(encodeChunkFields('sBIT', { kind: 'rgb', red: 5, green: 6, blue: 5 })).toEqual(
      Uint8Array.of(5, 6, 5),
    );
    expect(() => encodeChunkFields('sBIT', { kind: 'cmyk' })).toThrow(
      expect.objectContaining({ path: 'kind' }),
    );
  });
});
