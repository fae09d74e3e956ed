import { describe, expect, it } from 'vitest';
import { decodeChunkFields, encodeChunkFields, type PngChunkFields } from '../../src/fields/index.js';
import { chunksOf, ctx, decodeError, fieldsOf, suiteFile } from './helpers.js';

const BASE = 400;
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('tIME', () => {
  it('decodes cm0n0g04, cm7n0g04 (1970 is allowed) and cm9n0g04', () => {
    expect(fieldsOf('cm0n0g04.png', 'tIME')).toEqual({
      year: 2000,
      month: 1,
      day: 1,
      hour: 12,
      minute: 34,
      second: 56,
    });
    expect(fieldsOf('cm7n0g04.png', 'tIME')).toEqual({
      year: 1970,
      month: 1,
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
    });
    expect(fieldsOf('cm9n0g04.png', 'tIME')).toEqual({
      year: 1999,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
    });
  });

  it.each([
    [2, 13, 'month'],
    [2, 0, 'month'],
    [3, 32, 'day'],
    [4, 24, 'hour'],
    [5, 60, 'minute'],
    [6, 61, 'second'],
  ])('refuses byte %i = %i (%s)', (at, v, path) => {
    const data = Uint8Array.of(7, 208, 1, 1, 0, 0, 60);
    data[at] = v;
    expect(decodeError(() => decodeChunkFields('tIME', data, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + at,
      path,
    });
  });

  it('accepts a leap second and refuses a wrong size', () => {
    expect(decodeChunkFields('tIME', Uint8Array.of(7, 208, 12, 31, 23, 59, 60), 0, ctx())).toMatchObject({
      second: 60,
    });
    expect(decodeError(() => decodeChunkFields('tIME', new Uint8Array(8), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('pHYs', () => {
  it('decodes cdun2c08 (1000 px/m) and cdfn2c08 (aspect only)', () => {
    expect(fieldsOf('cdun2c08.png', 'pHYs')).toEqual({ pixelsPerUnitX: 1000, pixelsPerUnitY: 1000, unit: 1 });
    expect(fieldsOf('cdfn2c08.png', 'pHYs')).toEqual({ pixelsPerUnitX: 1, pixelsPerUnitY: 4, unit: 0 });
  });
  it('refuses unit 2, values past 2^31-1 and a wrong size', () => {
    expect(
      decodeError(() => decodeChunkFields('pHYs', Uint8Array.of(0, 0, 0, 1, 0, 0, 0, 1, 2), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 8,
      path: 'unit',
    });
    expect(
      decodeError(() => decodeChunkFields('pHYs', Uint8Array.of(0, 0, 0, 1, 0x80, 0, 0, 0, 1), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 4,
      path: 'pixelsPerUnitY',
    });
    expect(decodeError(() => decodeChunkFields('pHYs', new Uint8Array(10), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('sPLT', () => {
  it('decodes ps1n0g08 (depth 8) and ps2n0g08 (depth 16)', () => {
    const a = fieldsOf('ps1n0g08.png', 'sPLT') as PngChunkFields['sPLT'];
    expect(a).toMatchObject({ name: 'six-cube', sampleDepth: 8 });
    expect(a.entries).toHaveLength(216);
    expect(a.entries[1]).toEqual({ red: 0, green: 0, blue: 51, alpha: 255, frequency: 0 });
    const b = fieldsOf('ps2n0g08.png', 'sPLT') as PngChunkFields['sPLT'];
    expect(b).toMatchObject({ name: 'six-cube', sampleDepth: 16 });
    expect(b.entries).toHaveLength(216);
  });

  it('refuses a sample depth other than 8/16 and entries of the wrong size', () => {
    expect(
      decodeError(() => decodeChunkFields('sPLT', Uint8Array.of(0x70, 0, 4), BASE, ctx())),
    ).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 2,
      path: 'sampleDepth',
    });
    const e = decodeError(() =>
      decodeChunkFields('sPLT', Uint8Array.of(0x70, 0, 16, 1, 2, 3, 4, 5, 6), BASE, ctx()),
    );
    expect(e).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE - 8, path: 'entries' });
    expect(e.detail).toContain('multiple of 10');
  });

  it('refuses a bad palette name', () => {
    expect(
      decodeError(() => decodeChunkFields('sPLT', Uint8Array.of(0x70, 0x20, 0, 8), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 1,
      path: 'name',
    });
  });

  it('encodes 16-bit entries and refuses 8-bit values past 255', () => {
    const f = {
      name: 'p',
      sampleDepth: 16,
      entries: [{ red: 65535, green: 1, blue: 2, alpha: 3, frequency: 4 }],
    };
    expect(decodeChunkFields('sPLT', encodeChunkFields('sPLT', f), 0, ctx())).toEqual(f);
    expect(() => encodeChunkFields('sPLT', { ...f, sampleDepth: 8 })).toThrow(
      expect.objectContaining({ path: 'entries[0].red' }),
    );
  });
});

describe('eXIf', () => {
  it('decodes exif2c08 as a view of the chunk data', () => {
    const c = chunksOf(suiteFile('exif2c08.png')).find((x) => x.type === 'eXIf');
    if (c === undefined) throw new Error('no eXIf');
    const f = decodeChunkFields('eXIf', c.data, c.base, ctx()) as PngChunkFields['eXIf'];
    expect(f.byteOrder).toBe('MM');
    expect(f.data).toHaveLength(978);
    expect(f.data.buffer).toBe(c.data.buffer);
    expect(f.data.byteOffset).toBe(c.data.byteOffset);
  });

  it('names the byte order only for a TIFF header', () => {
    expect(decodeChunkFields('eXIf', Uint8Array.of(0x49, 0x49, 0x2a, 0), 0, ctx())).toMatchObject({
      byteOrder: 'II',
    });
    expect(decodeChunkFields('eXIf', latin1('Exif'), 0, ctx())).toMatchObject({ byteOrder: undefined });
    expect(decodeChunkFields('eXIf', new Uint8Array(0), 0, ctx())).toMatchObject({ byteOrder: undefined });
  });

  it('refuses to encode a byte order that does not match the data', () => {
    expect(() => encodeChunkFields('eXIf', { data: latin1('MM\0*'), byteOrder: 'II' })).toThrow(
      expect.objectContaining({ path: 'byteOrder' }),
    );
    expect(encodeChunkFields('eXIf', { data: latin1('MM\0*'), byteOrder: 'MM' })).toEqual(latin1('MM\0*'));
  });
});
