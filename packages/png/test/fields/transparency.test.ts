import { describe, expect, it } from 'vitest';
import { decodeChunkFields, encodeChunkFields } from '../../src/fields/index.js';
import { ctx, decodeError, fieldsOf } from './helpers.js';

const BASE = 200;

describe('tRNS', () => {
  it('decodes PngSuite transparency by colour type', () => {
    expect(fieldsOf('tbbn0g04.png', 'tRNS')).toEqual({ kind: 'gray', gray: 15 });
    expect(fieldsOf('tbrn2c08.png', 'tRNS')).toEqual({ kind: 'rgb', red: 255, green: 255, blue: 255 });
    expect(fieldsOf('tm3n3p02.png', 'tRNS')).toEqual({ kind: 'palette', alphas: [0, 0x55, 0xaa] });
  });

  it.each([4, 6])('is not allowed for colour type %i', (colorType) => {
    const e = decodeError(() => decodeChunkFields('tRNS', Uint8Array.of(0, 1), BASE, ctx({ colorType })));
    expect(e).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE - 8, path: '' });
    expect(e.detail).toContain('alpha channel');
  });

  it('refuses sizes the colour type does not have', () => {
    expect(
      decodeError(() => decodeChunkFields('tRNS', new Uint8Array(6), BASE, ctx({ colorType: 0 }))),
    ).toMatchObject({ offset: BASE - 8 });
    expect(
      decodeError(() => decodeChunkFields('tRNS', new Uint8Array(2), BASE, ctx({ colorType: 2 }))),
    ).toMatchObject({ offset: BASE - 8 });
    expect(
      decodeError(() => decodeChunkFields('tRNS', new Uint8Array(0), BASE, ctx({ colorType: 3 }, 4))),
    ).toMatchObject({ offset: BASE - 8 });
  });

  it('refuses more alphas than palette entries', () => {
    const e = decodeError(() =>
      decodeChunkFields('tRNS', new Uint8Array(5), BASE, ctx({ colorType: 3, bitDepth: 2 }, 4)),
    );
    expect(e).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE - 8 });
    expect(e.detail).toBe('tRNS holds 5 alpha values but the palette has 4 entries');
    expect(decodeChunkFields('tRNS', new Uint8Array(4), BASE, ctx({ colorType: 3, bitDepth: 2 }, 4))).toEqual(
      {
        kind: 'palette',
        alphas: [0, 0, 0, 0],
      },
    );
  });

  it('without an IHDR, chooses the shape by length', () => {
    expect(decodeChunkFields('tRNS', Uint8Array.of(0, 7), 0, ctx())).toEqual({ kind: 'gray', gray: 7 });
    expect(decodeChunkFields('tRNS', new Uint8Array(6), 0, ctx())).toMatchObject({ kind: 'rgb' });
    expect(decodeChunkFields('tRNS', new Uint8Array(3), 0, ctx())).toMatchObject({ kind: 'palette' });
    expect(decodeChunkFields('tRNS', new Uint8Array(2), 0, ctx(undefined, 16))).toMatchObject({
      kind: 'palette',
    });
  });

  it('encodes each kind', () => {
    expect(encodeChunkFields('tRNS', { kind: 'gray', gray: 258 })).toEqual(Uint8Array.of(1, 2));
    expect(encodeChunkFields('tRNS', { kind: 'palette', alphas: [1, 2] })).toEqual(Uint8Array.of(1, 2));
    expect(() => encodeChunkFields('tRNS', { kind: 'palette', alphas: [] })).toThrow(
      expect.objectContaining({ path: 'alphas' }),
    );
  });
});

describe('bKGD', () => {
  it('decodes PngSuite backgrounds', () => {
    expect(fieldsOf('bggn4a16.png', 'bKGD')).toEqual({ kind: 'gray', gray: 43908 });
    expect(fieldsOf('bgyn6a16.png', 'bKGD')).toEqual({ kind: 'rgb', red: 65535, green: 65535, blue: 0 });
    expect(fieldsOf('tbbn3p08.png', 'bKGD')).toMatchObject({ kind: 'palette' });
  });

  it('refuses the wrong size for the colour type', () => {
    expect(
      decodeError(() => decodeChunkFields('bKGD', new Uint8Array(2), BASE, ctx({ colorType: 6 }))),
    ).toMatchObject({ offset: BASE - 8 });
    expect(decodeError(() => decodeChunkFields('bKGD', new Uint8Array(3), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });

  it('refuses a palette index past the palette', () => {
    expect(
      decodeError(() => decodeChunkFields('bKGD', Uint8Array.of(4), BASE, ctx({ colorType: 3 }, 4))),
    ).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE,
      path: 'paletteIndex',
    });
    expect(decodeChunkFields('bKGD', Uint8Array.of(3), BASE, ctx({ colorType: 3 }, 4))).toEqual({
      kind: 'palette',
      paletteIndex: 3,
    });
  });

  it('refuses samples that do not fit a bit depth below 16 (libpng)', () => {
    expect(
      decodeError(() =>
        decodeChunkFields('bKGD', Uint8Array.of(0, 16), BASE, ctx({ colorType: 0, bitDepth: 4 })),
      ),
    ).toMatchObject({
      offset: BASE,
      path: 'gray',
    });
    expect(
      decodeError(() =>
        decodeChunkFields('bKGD', Uint8Array.of(0, 1, 0, 2, 1, 0), BASE, ctx({ colorType: 2, bitDepth: 8 })),
      ),
    ).toMatchObject({ offset: BASE + 4, path: 'blue' });
    expect(decodeChunkFields('bKGD', Uint8Array.of(1, 0), 0, ctx({ colorType: 0, bitDepth: 16 }))).toEqual({
      kind: 'gray',
      gray: 256,
    });
  });
});

describe('hIST', () => {
  it('decodes ch1n3p04 (one frequency per palette entry)', () => {
    const h = fieldsOf('ch1n3p04.png', 'hIST') as { frequencies: number[] };
    expect(h.frequencies).toHaveLength(15);
    expect(h.frequencies.slice(0, 4)).toEqual([0x40, 0x70, 0x30, 0x60]);
  });

  it('refuses an odd length and a count other than the palette entries', () => {
    expect(decodeError(() => decodeChunkFields('hIST', new Uint8Array(3), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE - 8,
    });
    const e = decodeError(() => decodeChunkFields('hIST', new Uint8Array(6), BASE, ctx({ colorType: 3 }, 4)));
    expect(e).toMatchObject({ offset: BASE - 8 });
    expect(e.detail).toContain('4 frequencies, one per palette entry');
    expect(decodeError(() => decodeChunkFields('hIST', new Uint8Array(0), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
    expect(decodeError(() => decodeChunkFields('hIST', new Uint8Array(514), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});
