import { deflateSync } from 'node:zlib';
import { decode, LimitError } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { decodeChunkFields, encodeChunkFields, ZtxtSchema } from '../../src/fields/index.js';
import { ctx, decodeError, decodeFile } from './helpers.js';

const BASE = 300;
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf8 = (s: string) => new TextEncoder().encode(s);

function texts(name: string, type: string) {
  return decodeFile(name)
    .filter((c) => c.type === type)
    .map((c) => c.fields);
}

describe('tEXt', () => {
  it('decodes ct1n0g04', () => {
    expect(texts('ct1n0g04.png', 'tEXt').slice(0, 2)).toEqual([
      { keyword: 'Title', text: 'PngSuite' },
      { keyword: 'Author', text: 'Willem A.J. van Schaik\n(willem@schaik.com)' },
    ]);
  });
  it('reads Latin-1 both ways', () => {
    const f = { keyword: 'Comment ©', text: 'café ÿ' };
    const data = encodeChunkFields('tEXt', f);
    expect(data).toEqual(concat(latin1('Comment ©'), [0], latin1('café ÿ')));
    expect(decodeChunkFields('tEXt', data, 0, ctx())).toEqual(f);
    expect(() => encodeChunkFields('tEXt', { keyword: 'k', text: '€' })).toThrow(
      expect.objectContaining({ path: 'text' }),
    );
  });
});

describe('keywords', () => {
  const bad = (kw: number[]) =>
    decodeError(() => decodeChunkFields('tEXt', concat(kw, [0], latin1('x')), BASE, ctx()));

  it.each([
    ['empty', [], 0],
    ['leading space', [0x20, 0x41], 0],
    ['trailing space', [0x41, 0x20], 1],
    ['two spaces', [0x41, 0x20, 0x20, 0x42], 2],
    ['control byte', [0x41, 0x0a], 1],
    ['0x7F', [0x41, 0x7f], 1],
    ['0xA0 (no-break space)', [0x41, 0x42, 0xa0], 2],
    ['80 bytes', Array(80).fill(0x41), 79],
  ])('refuses a keyword with %s at the byte at fault', (_what, kw, at) => {
    expect(bad(kw)).toMatchObject({ code: 'BAD_CHUNK_DATA', offset: BASE + at, path: 'keyword' });
  });

  it('accepts 79 bytes and Latin-1 letters', () => {
    expect(decodeChunkFields('tEXt', concat(Array(79).fill(0x41), [0]), 0, ctx())).toMatchObject({
      text: '',
    });
    expect(decodeChunkFields('tEXt', concat(latin1('Größe ¡'), [0]), 0, ctx())).toMatchObject({
      keyword: 'Größe ¡',
    });
  });

  it('refuses a keyword with no NUL', () => {
    expect(decodeError(() => decodeChunkFields('tEXt', latin1('Title'), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE,
      path: 'keyword',
    });
  });

  it('refuses bad keywords when encoding', () => {
    expect(() => encodeChunkFields('tEXt', { keyword: ' x', text: '' })).toThrow(
      expect.objectContaining({ path: 'keyword' }),
    );
    expect(() =>
      encodeChunkFields('zTXt', { keyword: 'a\u0000b', compressionMethod: 0, text: '' }),
    ).toThrow();
  });
});

describe('zTXt', () => {
  it('inflates ctzn0g04', () => {
    const z = texts('ctzn0g04.png', 'zTXt');
    expect(z).toHaveLength(4);
    expect(z[0]).toEqual({
      keyword: 'Copyright',
      compressionMethod: 0,
      text: 'Copyright Willem van Schaik, Singapore 1995-96',
    });
    expect(z[3]).toEqual({ keyword: 'Disclaimer', compressionMethod: 0, text: 'Freeware.' });
  });

  const data = concat(latin1('Comment'), [0, 0], deflateSync(latin1('x'.repeat(1000))));

  it('refuses compression method 1 at its byte', () => {
    const bad = data.slice();
    bad[8] = 1;
    expect(decodeError(() => decodeChunkFields('zTXt', bad, BASE, ctx()))).toMatchObject({
      offset: BASE + 8,
      path: 'compressionMethod',
    });
  });

  it('refuses damaged zlib data and stops at maxInflatedBytes', () => {
    const damaged = concat(latin1('k'), [0, 0], [0x78, 0x9c, 0xff, 0xff]);
    expect(decodeError(() => decodeChunkFields('zTXt', damaged, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 3,
      path: 'text',
    });
    const e = decodeError(() =>
      decodeChunkFields('zTXt', data, BASE, ctx(undefined, undefined, { maxInflatedBytes: 999 })),
    );
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxInflatedBytes', offset: BASE + 9, path: 'text' });
  });

  it("the exported schema inflates up to codec's context's maxInflatedBytes, libpng's 8,000,000 without one", () => {
    const limited = { context: ctx(undefined, undefined, { maxInflatedBytes: 999 }) };
    expect(() => decode(ZtxtSchema, data, limited)).toThrow(LimitError);
    expect(
      decode(ZtxtSchema, data, { context: ctx(undefined, undefined, { maxInflatedBytes: 1000 }) }),
    ).toMatchObject({
      text: 'x'.repeat(1000),
    });
    const big = concat(latin1('k'), [0, 0], deflateSync(new Uint8Array(8_000_001)));
    expect(() => decode(ZtxtSchema, big)).toThrow(expect.objectContaining({ limit: 'maxInflatedBytes' }));
    expect(
      decode(ZtxtSchema, big, { context: ctx(undefined, undefined, { maxInflatedBytes: 8_000_001 }) }).text,
    ).toHaveLength(8_000_001);
  });

  it('a zlib bomb never allocates past the limit', () => {
    const bomb = concat(latin1('k'), [0, 0], deflateSync(new Uint8Array(50_000_000)));
    expect(bomb.length).toBeLessThan(60_000);
    expect(decodeError(() => decodeChunkFields('zTXt', bomb, 0, ctx()))).toMatchObject({
      limit: 'maxInflatedBytes',
    });
  });

  it('encodes by deflating the text', () => {
    const f = { keyword: 'k', compressionMethod: 0, text: 'Grüße' };
    expect(decodeChunkFields('zTXt', encodeChunkFields('zTXt', f), 0, ctx())).toEqual(f);
  });
});

describe('iTXt', () => {
  it('decodes cten/ctf/ctg/cth/ctj (uncompressed, several scripts)', () => {
    expect(texts('cten0g04.png', 'iTXt')[0]).toEqual({
      keyword: 'Title',
      compressed: false,
      compressionMethod: 0,
      languageTag: 'en',
      translatedKeyword: 'Title',
      text: 'PngSuite',
    });
    expect(texts('ctfn0g04.png', 'iTXt')[0]).toMatchObject({
      languageTag: 'fi',
      translatedKeyword: 'Otsikko',
    });
    expect(texts('ctgn0g04.png', 'iTXt')[0]).toMatchObject({
      languageTag: 'el',
      translatedKeyword: 'Τίτλος',
    });
    expect(texts('cthn0g04.png', 'iTXt')[0]).toMatchObject({ languageTag: 'hi', translatedKeyword: 'शीर्षक' });
    expect(texts('ctjn0g04.png', 'iTXt')[0]).toMatchObject({
      languageTag: 'ja',
      translatedKeyword: 'タイトル',
    });
    for (const name of ['cten0g04.png', 'ctfn0g04.png', 'ctgn0g04.png', 'cthn0g04.png', 'ctjn0g04.png'])
      expect(texts(name, 'iTXt')).toHaveLength(6);
  });

  it('inflates compressed text', () => {
    const data = concat(
      latin1('Title'),
      [0, 1, 0],
      latin1('ja'),
      [0],
      utf8('タイトル'),
      [0],
      deflateSync(utf8('日本語のテキスト')),
    );
    expect(decodeChunkFields('iTXt', data, 0, ctx())).toEqual({
      keyword: 'Title',
      compressed: true,
      compressionMethod: 0,
      languageTag: 'ja',
      translatedKeyword: 'タイトル',
      text: '日本語のテキスト',
    });
  });

  it('refuses a compression flag other than 0/1, and method ≠ 0 when compressed', () => {
    const flag2 = concat(latin1('k'), [0, 2, 0, 0, 0]);
    expect(decodeError(() => decodeChunkFields('iTXt', flag2, BASE, ctx()))).toMatchObject({
      offset: BASE + 2,
      path: 'compressed',
    });
    const method1 = concat(latin1('k'), [0, 1, 1, 0, 0], deflateSync(utf8('x')));
    expect(decodeError(() => decodeChunkFields('iTXt', method1, BASE, ctx()))).toMatchObject({
      offset: BASE + 3,
      path: 'compressionMethod',
    });
    // Uncompressed: the method byte is ignored.
    expect(decodeChunkFields('iTXt', concat(latin1('k'), [0, 0, 7, 0, 0]), 0, ctx())).toMatchObject({
      compressionMethod: 7,
      text: '',
    });
  });

  it('refuses malformed UTF-8 and a missing terminator', () => {
    const badUtf8 = concat(latin1('k'), [0, 0, 0, 0, 0], [0x41, 0xc3]);
    expect(decodeError(() => decodeChunkFields('iTXt', badUtf8, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 7,
      path: 'text',
    });
    const badCompressed = concat(latin1('k'), [0, 1, 0, 0, 0], deflateSync(Uint8Array.of(0xff)));
    expect(decodeError(() => decodeChunkFields('iTXt', badCompressed, BASE, ctx()))).toMatchObject({
      offset: BASE + 6,
      path: 'text',
    });
    const noTag = concat(latin1('k'), [0, 0, 0], latin1('en'));
    expect(decodeError(() => decodeChunkFields('iTXt', noTag, BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + 4,
      path: 'languageTag',
    });
  });

  it('encodes compressed and plain text', () => {
    for (const compressed of [false, true]) {
      const f = {
        keyword: 'k',
        compressed,
        compressionMethod: 0,
        languageTag: 'de',
        translatedKeyword: 'Schlüssel',
        text: 'Grüße 🌍',
      };
      expect(decodeChunkFields('iTXt', encodeChunkFields('iTXt', f), 0, ctx())).toEqual(f);
    }
    expect(() =>
      encodeChunkFields('iTXt', {
        keyword: 'k',
        compressed: 1,
        compressionMethod: 0,
        languageTag: '',
        translatedKeyword: '',
        text: '',
      }),
    ).toThrow(expect.objectContaining({ path: 'compressed' }));
  });
});
