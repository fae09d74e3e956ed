import { LimitError } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { PngError } from '../../src/errors.js';
import { decodeChunkFields, encodeChunkFields, type Ihdr } from '../../src/fields/index.js';
import { chunksOf, ctx, decodeError, fieldsOf, suiteFile } from './helpers.js';

const BASE = 1000;

function ihdrBytes(h: Partial<Ihdr> = {}): Uint8Array {
  const v = {
    width: 32,
    height: 16,
    bitDepth: 8,
    colorType: 2,
    compressionMethod: 0,
    filterMethod: 0,
    interlaceMethod: 0,
    ...h,
  };
  const b = new Uint8Array(13);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, v.width);
  dv.setUint32(4, v.height);
  b.set([v.bitDepth, v.colorType, v.compressionMethod, v.filterMethod, v.interlaceMethod], 8);
  return b;
}

function ihdrError(h: Partial<Ihdr>, limits?: Parameters<typeof ctx>[2]) {
  return decodeError(() => decodeChunkFields('IHDR', ihdrBytes(h), BASE, ctx(undefined, undefined, limits)));
}

describe('IHDR', () => {
  it('decodes PngSuite headers', () => {
    expect(fieldsOf('basi0g16.png', 'IHDR')).toEqual({
      width: 32,
      height: 32,
      bitDepth: 16,
      colorType: 0,
      compressionMethod: 0,
      filterMethod: 0,
      interlaceMethod: 1,
    });
    expect(fieldsOf('s35n3p04.png', 'IHDR')).toMatchObject({
      width: 35,
      height: 35,
      bitDepth: 4,
      colorType: 3,
    });
  });

  it('refuses a length other than 13 at the chunk start', () => {
    const e = decodeError(() => decodeChunkFields('IHDR', new Uint8Array(12), BASE, ctx()));
    expect(e).toBeInstanceOf(PngError);
    expect(e).toMatchObject({ code: 'IHDR_BAD_LENGTH', offset: BASE - 8, path: '' });
    // PngSuite xlfn0g04: CR LF turned into LF, so the walk finds an IHDR of the wrong length.
    const [first] = chunksOf(suiteFile('xlfn0g04.png'));
    if (first === undefined) throw new Error('xlfn0g04 has no chunks');
    expect(decodeError(() => decodeChunkFields(first.type, first.data, first.base, ctx()))).toMatchObject({
      code: 'IHDR_BAD_LENGTH',
      offset: 8,
    });
  });

  it.each([
    [{ width: 0 }, 'width', 0],
    [{ width: 0x80000000 }, 'width', 0],
    [{ height: 0 }, 'height', 4],
    [{ height: 0xffffffff }, 'height', 4],
  ])('IHDR_BAD_DIMENSIONS for %o', (h, path, at) => {
    expect(ihdrError(h)).toMatchObject({ code: 'IHDR_BAD_DIMENSIONS', offset: BASE + at, path });
  });

  it('holds width and height to maxWidth / maxHeight with a LimitError', () => {
    const w = ihdrError({ width: 2_000_000 });
    expect(w).toBeInstanceOf(LimitError);
    expect(w).toMatchObject({ limit: 'maxWidth', offset: BASE, path: 'width' });
    const h = ihdrError({ height: 501 }, { maxHeight: 500 });
    expect(h).toMatchObject({ limit: 'maxHeight', offset: BASE + 4, path: 'height' });
    expect(() =>
      decodeChunkFields('IHDR', ihdrBytes({ height: 500 }), 0, ctx(undefined, undefined, { maxHeight: 500 })),
    ).not.toThrow();
  });

  it('IHDR_BAD_COLOR_TYPE, reported before the bit depth it governs', () => {
    const e = ihdrError({ colorType: 5, bitDepth: 3 });
    expect(e).toMatchObject({ code: 'IHDR_BAD_COLOR_TYPE', offset: BASE + 9, path: 'colorType' });
    expect(e.message).toContain('colour type 5 is not defined');
  });

  it('IHDR_BAD_BIT_DEPTH with an actionable message', () => {
    const e = ihdrError({ colorType: 2, bitDepth: 3 });
    expect(e).toMatchObject({
      code: 'IHDR_BAD_BIT_DEPTH',
      offset: BASE + 8,
      path: 'bitDepth',
      expected: '8 or 16',
      actual: '3',
    });
    expect(e.detail).toBe('bit depth 3 is not allowed for colour type 2 (truecolour): use 8 or 16');
    expect(ihdrError({ colorType: 3, bitDepth: 16 }).detail).toContain('use 1, 2, 4 or 8');
    for (const [ct, depths] of [
      [0, [1, 2, 4, 8, 16]],
      [2, [8, 16]],
      [3, [1, 2, 4, 8]],
      [4, [8, 16]],
      [6, [8, 16]],
    ] as const) {
      for (let d = 0; d <= 32; d++) {
        const bytes = ihdrBytes({ colorType: ct, bitDepth: d });
        if ((depths as readonly number[]).includes(d))
          expect(() => decodeChunkFields('IHDR', bytes, 0, ctx())).not.toThrow();
        else
          expect(decodeError(() => decodeChunkFields('IHDR', bytes, 0, ctx())).code).toBe(
            'IHDR_BAD_BIT_DEPTH',
          );
      }
    }
  });

  it('PngSuite xd*/xc* files fail on their IHDR at the right byte', () => {
    for (const [name, code, at] of [
      ['xc1n0g08.png', 'IHDR_BAD_COLOR_TYPE', 25],
      ['xc9n2c08.png', 'IHDR_BAD_COLOR_TYPE', 25],
      ['xd0n2c08.png', 'IHDR_BAD_BIT_DEPTH', 24],
      ['xd3n2c08.png', 'IHDR_BAD_BIT_DEPTH', 24],
      ['xd9n2c08.png', 'IHDR_BAD_BIT_DEPTH', 24],
    ] as const) {
      const [c] = chunksOf(suiteFile(name));
      if (c === undefined) throw new Error(name);
      expect(decodeError(() => decodeChunkFields('IHDR', c.data, c.base, ctx()))).toMatchObject({
        code,
        offset: at,
      });
    }
  });

  it.each([
    [{ compressionMethod: 1 }, 'IHDR_BAD_COMPRESSION', 10, 'compressionMethod'],
    [{ filterMethod: 64 }, 'IHDR_BAD_FILTER', 11, 'filterMethod'],
    [{ interlaceMethod: 2 }, 'IHDR_BAD_INTERLACE', 12, 'interlaceMethod'],
  ])('%o gives %s', (h, code, at, path) => {
    expect(ihdrError(h)).toMatchObject({ code, offset: BASE + at, path });
  });

  it('encodes, and refuses values decoding would refuse', () => {
    const h = {
      width: 7,
      height: 9,
      bitDepth: 4,
      colorType: 3,
      compressionMethod: 0,
      filterMethod: 0,
      interlaceMethod: 1,
    };
    expect(encodeChunkFields('IHDR', h)).toEqual(ihdrBytes(h));
    expect(() => encodeChunkFields('IHDR', { ...h, bitDepth: 16 })).toThrow(/bit depth 16 is not allowed/);
    expect(() => encodeChunkFields('IHDR', { ...h, width: -1 })).toThrow(
      expect.objectContaining({ name: 'EncodeError' }),
    );
  });
});

describe('PLTE', () => {
  const palette = (n: number) => new Uint8Array(n * 3).map((_, i) => i);

  it('decodes PngSuite palettes', () => {
    const p = fieldsOf('tm3n3p02.png', 'PLTE') as { entries: unknown[] };
    expect(p.entries).toEqual(Array.from({ length: 4 }, () => ({ red: 0, green: 0, blue: 255 })));
    expect((fieldsOf('basn3p08.png', 'PLTE') as { entries: unknown[] }).entries).toHaveLength(256);
  });

  it.each([
    [0, 'empty'],
    [7, 'not a multiple of 3'],
    [257 * 3, 'over 256 entries'],
  ])('PLTE_BAD_LENGTH for %i bytes (%s)', (n) => {
    const e = decodeError(() => decodeChunkFields('PLTE', new Uint8Array(n), BASE, ctx({ colorType: 2 })));
    expect(e).toMatchObject({ code: 'PLTE_BAD_LENGTH', offset: BASE - 8 });
  });

  it('PLTE_BAD_LENGTH for more entries than the bit depth can index', () => {
    const e = decodeError(() =>
      decodeChunkFields('PLTE', palette(5), BASE, ctx({ colorType: 3, bitDepth: 2 })),
    );
    expect(e).toMatchObject({ code: 'PLTE_BAD_LENGTH', offset: BASE - 8 });
    expect(e.detail).toContain('at most 4');
    expect(decodeChunkFields('PLTE', palette(4), BASE, ctx({ colorType: 3, bitDepth: 2 }))).toBeDefined();
    // Truecolour images may carry a suggested palette of up to 256 entries whatever their depth.
    expect(decodeChunkFields('PLTE', palette(200), BASE, ctx({ colorType: 2, bitDepth: 8 }))).toBeDefined();
  });

  it.each([0, 4])('PLTE_NOT_ALLOWED for colour type %i', (colorType) => {
    const e = decodeError(() => decodeChunkFields('PLTE', palette(2), BASE, ctx({ colorType })));
    expect(e).toMatchObject({ code: 'PLTE_NOT_ALLOWED', offset: BASE - 8 });
  });

  it('decodes without an IHDR (no context-dependent checks)', () => {
    expect(decodeChunkFields('PLTE', palette(1), 0, ctx())).toEqual({
      entries: [{ red: 0, green: 1, blue: 2 }],
    });
  });

  it('encodes; refuses an empty or oversized palette', () => {
    const entries = [{ red: 1, green: 2, blue: 3 }];
    expect(encodeChunkFields('PLTE', { entries })).toEqual(Uint8Array.of(1, 2, 3));
    expect(() => encodeChunkFields('PLTE', { entries: [] })).toThrow(
      expect.objectContaining({ path: 'entries' }),
    );
    expect(() => encodeChunkFields('PLTE', { entries: Array(257).fill(entries[0]) })).toThrow();
    expect(() => encodeChunkFields('PLTE', { entries: [{ red: 256, green: 0, blue: 0 }] })).toThrow(
      expect.objectContaining({ path: 'entries[0].red' }),
    );
  });
});
