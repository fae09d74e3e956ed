import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PngError } from '../../src/errors.js';
import {
  adam7Passes,
  ImageDataCheck,
  type ImageDataWarn,
  imageDataSize,
  MAX_EXCESS_BYTES,
} from '../../src/image-data/index.js';
import {
  concat,
  deflate,
  type Ihdr,
  loadCorpusImage,
  type Outcome,
  runCheck,
  scanlines,
  validCorpusNames,
  zeroStream,
} from './png-helpers.js';

const gray8 = (width: number, height: number, interlaceMethod = 0): Ihdr => ({
  width,
  height,
  bitDepth: 8,
  colorType: 0,
  interlaceMethod,
});

/** Splits `data` at the given cut points into chunks at offsets 1000, 2000, 3000 … */
function chunksAt(data: Uint8Array, cuts: readonly number[]): [Uint8Array, number][] {
  const points = [...new Set([0, ...cuts.map((c) => Math.min(c, data.length)), data.length])].sort(
    (a, b) => a - b,
  );
  const out: [Uint8Array, number][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    out.push([data.subarray(points[i], points[i + 1]), (i + 1) * 1000]);
  }
  return out;
}

/** XORs one byte in place. */
function flip(bytes: Uint8Array, at: number, mask: number): void {
  bytes[at] = (bytes[at] as number) ^ mask;
}

const ok = (inflated: number): Outcome => ({ warnings: [], error: undefined, inflated });

describe('ImageDataCheck on PngSuite', () => {
  it.each(validCorpusNames())('%s: accepted when fed per IDAT chunk', (name) => {
    const { ihdr, idats, afterIdat } = loadCorpusImage(name);
    const check = new ImageDataCheck(ihdr);
    const warnings: unknown[] = [];
    const warn: ImageDataWarn = (...w) => warnings.push(w);
    for (const c of idats) check.write(c.data, c.offset, warn);
    check.end(afterIdat, warn);
    expect(warnings).toEqual([]);
    expect(check.streamEnded).toBe(true);
    expect(check.inflated).toBe(imageDataSize(ihdr));
    expect(check.inflated).toBe(check.expected);
  });

  it('oi9 files: one IDAT per compressed byte', () => {
    for (const name of ['oi9n0g16.png', 'oi9n2c16.png']) {
      const { idats } = loadCorpusImage(name);
      expect(idats.length).toBeGreaterThan(90);
      expect(idats.every((c) => c.data.length === 1)).toBe(true);
    }
  });

  it('gives the same outcome for any split of the corpus streams', () => {
    const images = ['basi6a16.png', 's35i3p04.png', 'basn4a16.png', 'z00n2c08.png'].map(loadCorpusImage);
    fc.assert(
      fc.property(
        fc.constantFrom(...images),
        fc.array(fc.nat({ max: 5000 }), { maxLength: 40 }),
        (img, cuts) => {
          const stream = concat(img.idats.map((c) => c.data));
          expect(runCheck(img.ihdr, chunksAt(stream, cuts), 99)).toEqual(ok(imageDataSize(img.ihdr)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ImageDataCheck errors', () => {
  const ihdr = gray8(10, 4);
  const good = scanlines(4, 10);
  const stream = deflate(good);

  it('accepts a handmade stream', () => {
    expect(runCheck(ihdr, [[stream, 50]], 77)).toEqual(ok(44));
  });

  it('NOT_ENOUGH_IMAGE_DATA: stream ends early (fewer rows)', () => {
    const r = runCheck(ihdr, [[deflate(scanlines(3, 10)), 50]], 77);
    expect(r.error).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA', offset: 77 });
    expect(r.error?.message).toContain('promises 44 bytes');
    expect(r.error?.message).toContain('inflates to 33');
  });

  it('NOT_ENOUGH_IMAGE_DATA: truncated zlib stream, at the offset given to end', () => {
    for (const cut of [0, 1, 2, 5, stream.length - 7]) {
      const r = runCheck(ihdr, [[stream.subarray(0, cut), 50]], 77);
      expect(r.error).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA', offset: 77 });
      expect(r.error?.message).toMatch(
        /truncated \(not enough image data\): IHDR promises 44 bytes of scanlines, \d+ were inflated/,
      );
    }
    // Everything but (part of) the Adler-32: all rows came, the stream still did not end.
    const r = runCheck(ihdr, [[stream.subarray(0, stream.length - 2), 50]], 77);
    expect(r.error).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA', offset: 77 });
    expect(r.error?.message).toContain('Adler-32 check is missing');
    expect(r.inflated).toBe(44);
  });

  it('NOT_ENOUGH_IMAGE_DATA with no IDAT data at all', () => {
    const r = runCheck(ihdr, [], 33);
    expect(r.error).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA', offset: 33 });
    expect(r.error?.message).toContain('0 were inflated');
  });

  it('BAD_IMAGE_DATA: bad zlib headers, at the offset of the IDAT fed', () => {
    /** A zlib header with a valid FCHECK for this CMF and FLG's upper bits. */
    const header = (cmf: number, flags = 0x80) =>
      Uint8Array.of(cmf, flags + (31 - ((cmf * 256 + flags) % 31)));
    const cases: [Uint8Array, string][] = [
      [concat([Uint8Array.of(0x79), stream.subarray(1)]), 'incorrect header check'],
      [new Uint8Array(zlib.gzipSync(good)), 'incorrect header check'],
      [new Uint8Array(zlib.deflateRawSync(good)), 'incorrect header check'],
      [concat([header(0x77), stream.subarray(2)]), 'unknown compression method'],
      [concat([header(0x88), stream.subarray(2)]), 'invalid window size'],
      [concat([header(0x78, 0xa0), Uint8Array.of(0, 0, 0, 1, 0x03, 0)]), 'preset dictionary'],
      [concat([header(0x78), Uint8Array.of(0x07)]), 'invalid block type'],
      [concat([header(0x78), Uint8Array.of(0x01, 0x05, 0x00, 0x00, 0x00)]), 'invalid stored block lengths'],
    ];
    for (const [bytes, msg] of cases) {
      const r = runCheck(ihdr, [[bytes, 123]], 999);
      expect(r.error, msg).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 123, name: 'PngError' });
      expect(r.error?.message).toContain(msg);
    }
  });

  it('BAD_IMAGE_DATA: invalid distance (a back-reference before the start)', () => {
    const dictionary = scanlines(4, 10);
    const raw = new Uint8Array(zlib.deflateRawSync(good, { dictionary }));
    const r = runCheck(ihdr, [[concat([Uint8Array.of(0x78, 0x9c), raw]), 5]], 9);
    expect(r.error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 5 });
    expect(r.error?.message).toContain('invalid distance too far back');
  });

  it('BAD_IMAGE_DATA: corrupted Adler-32, at the IDAT holding its last byte', () => {
    const bad = stream.slice();
    flip(bad, bad.length - 1, 0x40);
    const r = runCheck(ihdr, chunksAt(bad, [3, bad.length - 2]), 99);
    expect(r.error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 3000 });
    expect(r.error?.message).toContain('incorrect data check');
    expect(r.inflated).toBe(44);
  });

  it('BAD_IMAGE_DATA: a corrupted compressed byte', () => {
    const bigger = scanlines(50, 40);
    const s = deflate(bigger, 9);
    const bad = s.slice();
    flip(bad, 10, 0xff);
    const r = runCheck(gray8(40, 50), [[bad, 7]], 9);
    expect(r.error?.code).toBe('BAD_IMAGE_DATA');
    expect(r.error?.offset).toBe(7);
  });

  it('BAD_IMAGE_DATA: a filter type above 4 names the row', () => {
    for (const f of [5, 6, 0x80, 0xff]) {
      const data = scanlines(4, 10, (row) => (row === 2 ? f : row));
      const r = runCheck(ihdr, [[deflate(data), 40]], 99);
      expect(r.error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 40 });
      expect(r.error?.message).toContain(`row 2 (counting from 0) has filter type ${f}`);
    }
    // Filter types 0-4 all pass.
    expect(runCheck(gray8(10, 5), [[deflate(scanlines(5, 10, (r) => r)), 1]], 2)).toEqual(ok(55));
  });

  it('BAD_IMAGE_DATA: filter bytes follow the Adam7 pass geometry', () => {
    const w = 37;
    const h = 23;
    const passes = adam7Passes(w, h).filter((p) => p.width > 0 && p.height > 0);
    const build = (badPass: number, badRow: number) =>
      concat(
        passes.map((p) =>
          scanlines(p.height, p.width, (row) =>
            p.pass === badPass && row === badRow ? 7 : (row + p.pass) % 5,
          ),
        ),
      );
    const geometry = gray8(w, h, 1);
    const clean = build(0, 0);
    expect(clean.length).toBe(imageDataSize(geometry));
    expect(runCheck(geometry, [[deflate(clean), 1]], 2)).toEqual(ok(clean.length));
    for (const p of passes) {
      for (const row of [0, p.height - 1]) {
        const r = runCheck(geometry, [[deflate(build(p.pass, row)), 1]], 2);
        expect(r.error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 1 });
        expect(r.error?.message).toContain(`pass ${p.pass} row ${row} (counting from 0) has filter type 7`);
      }
    }
    // A non-filter byte of 7 is fine: the check only looks where a scanline starts.
    const shifted = clean.slice();
    shifted[1] = 7;
    expect(runCheck(geometry, [[deflate(shifted), 1]], 2)).toEqual(ok(clean.length));
  });

  it('BAD_IMAGE_DATA: filter bytes tracked across 64 KiB output pieces and rows longer than them', () => {
    // Rows of 301 bytes: row 700 starts at byte 210700, in the fourth output piece.
    const a = scanlines(1000, 300, (r) => (r === 700 ? 9 : 0));
    let r = runCheck(gray8(300, 1000), [[deflate(a), 1]], 2);
    expect(r.error?.message).toContain('row 700 (counting from 0) has filter type 9');
    // 16-bit grey, width 20000: rows of 40001 bytes, several per piece boundary.
    const wide = { width: 20000, height: 12, bitDepth: 16, colorType: 0, interlaceMethod: 0 };
    const b = scanlines(12, 40000, (row) => (row === 11 ? 5 : row % 5));
    r = runCheck(wide, [[deflate(b), 1]], 2);
    expect(r.error?.message).toContain('row 11 (counting from 0) has filter type 5');
    const c = scanlines(12, 40000, (row) => row % 5);
    expect(runCheck(wide, [[deflate(c), 1]], 2)).toEqual(ok(c.length));
  });

  it('reports a bad filter byte at the chunk whose data produced it (stored blocks)', () => {
    const data = scanlines(20, 10, (r) => (r === 10 ? 6 : 0)); // row 10 starts at byte 110
    const s = deflate(data, 0); // 2-byte header + 5-byte stored header, then the bytes as they are
    expect(runCheck(gray8(10, 20), chunksAt(s, [7 + 110]), 9).error).toMatchObject({ offset: 2000 });
    expect(runCheck(gray8(10, 20), chunksAt(s, [7 + 111]), 9).error).toMatchObject({ offset: 1000 });
  });
});

describe('ImageDataCheck warnings', () => {
  const ihdr = gray8(10, 4);

  it('EXTRA_IMAGE_DATA: more scanlines than IHDR promises, once, at the chunk where noticed', () => {
    const data = scanlines(6, 10, (r) => (r >= 4 ? 99 : 0)); // extra rows are not checked for filters
    const s = deflate(data, 0);
    const r = runCheck(ihdr, chunksAt(s, [20, 7 + 44, 7 + 50]), 9);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([['EXTRA_IMAGE_DATA', 3000, expect.stringContaining('too much image data')]]);
    expect(r.warnings[0]?.[2]).toContain('44 bytes');
    expect(r.inflated).toBe(66);
  });

  it('EXTRA_IMAGE_DATA: compressed bytes after the end of the zlib stream', () => {
    const s = deflate(scanlines(4, 10));
    // In the same chunk.
    let r = runCheck(ihdr, [[concat([s, Uint8Array.of(1, 2, 3)]), 10]], 20);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([['EXTRA_IMAGE_DATA', 10, expect.stringContaining('extra compressed data')]]);
    // In a later chunk, reported once; empty chunks are no data.
    r = runCheck(
      ihdr,
      [
        [s, 10],
        [new Uint8Array(0), 30],
        [Uint8Array.of(0), 40],
        [Uint8Array.of(0), 50],
      ],
      60,
    );
    expect(r.warnings).toEqual([['EXTRA_IMAGE_DATA', 40, expect.stringContaining('extra compressed data')]]);
    expect(
      runCheck(
        ihdr,
        [
          [s, 10],
          [new Uint8Array(0), 30],
        ],
        60,
      ),
    ).toEqual(ok(44));
  });

  it('both warnings for extra rows then trailing bytes; an Adler error after extra rows still counts', () => {
    const s = deflate(scanlines(5, 10));
    let r = runCheck(ihdr, [[concat([s, Uint8Array.of(9)]), 10]], 20);
    expect(r.warnings.map((w) => w[2].slice(0, 14))).toEqual(['too much image', 'extra compress']);
    const bad = s.slice();
    flip(bad, bad.length - 1, 1);
    r = runCheck(ihdr, [[bad, 10]], 20);
    expect(r.warnings).toHaveLength(1);
    expect(r.error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: 10 });
  });

  it('a zlib bomb is cut off after MAX_EXCESS_BYTES past the image', () => {
    const bomb = zeroStream(2 * 1024 * 1024 * 1024); // 2 GiB of zeros from ~2 MB
    expect(bomb.length).toBeLessThan(4_000_000);
    const small = gray8(16, 16);
    const started = performance.now();
    const r = runCheck(small, chunksAt(bomb, [2, 5000, 100_000]), 1);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual([['EXTRA_IMAGE_DATA', 2000, expect.stringContaining('too much image data')]]);
    expect(r.inflated).toBe(imageDataSize(small) + MAX_EXCESS_BYTES + 1);
    // Exactly expected + MAX_EXCESS_BYTES bytes is still followed to the end and checked.
    const edge = { width: 1023, height: 1, bitDepth: 8, colorType: 0, interlaceMethod: 0 };
    const s = zeroStream(1024 * 1024 + 1024, 1024);
    expect(runCheck(edge, [[s, 1]], 2)).toEqual({
      warnings: [['EXTRA_IMAGE_DATA', 1, expect.stringContaining('too much')]],
      error: undefined,
      inflated: 1024 + MAX_EXCESS_BYTES,
    });
    const badAdler = s.slice();
    flip(badAdler, badAdler.length - 1, 1);
    expect(runCheck(edge, [[badAdler, 1]], 2).error?.message).toContain('incorrect data check');
    // One byte more and the stream is cut off before its end: no error, whatever follows.
    const over = { ...edge, width: 1022 };
    expect(runCheck(over, [[badAdler, 1]], 2)).toEqual({
      warnings: [['EXTRA_IMAGE_DATA', 1, expect.stringContaining('too much')]],
      error: undefined,
      inflated: 1023 + MAX_EXCESS_BYTES + 1,
    });
  });

  it('a big legitimate image is inflated in full with bounded memory', () => {
    // 4095 × 32768 8-bit grey: rows of 4096 bytes, 128 MiB of scanlines (all zero: filter 0).
    const big = gray8(4095, 32768);
    const s = zeroStream(128 * 1024 * 1024);
    const check = new ImageDataCheck(big);
    const warn: ImageDataWarn = () => {
      throw new Error('no warning expected');
    };
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    for (let at = 0; at < s.length; at += 8192) {
      check.write(s.subarray(at, at + 8192), 100, warn);
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
    }
    check.end(200, warn);
    expect(check.inflated).toBe(128 * 1024 * 1024);
    expect(peak).toBeLessThan(48 * 1024 * 1024);
  });
});

describe('ImageDataCheck robustness', () => {
  const ihdr = gray8(10, 6);
  const streams = [
    deflate(scanlines(6, 10)),
    deflate(scanlines(6, 10), 0),
    deflate(scanlines(6, 10, (r) => (r === 4 ? 8 : 0))),
    deflate(scanlines(8, 10)),
    deflate(scanlines(5, 10)),
    concat([deflate(scanlines(6, 10)), Uint8Array.of(1, 2)]),
    deflate(scanlines(6, 10)).subarray(0, 30),
  ];

  it('the same outcome for any sub-split of the same chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...streams),
        fc.array(fc.nat({ max: 120 }), { maxLength: 4 }),
        fc.array(fc.nat({ max: 120 }), { maxLength: 30 }),
        fc.nat({ max: 8 }),
        fc.nat({ max: 0xff }),
        (base, chunkCuts, pieceCuts, flips, flipSeed) => {
          // Optionally corrupt a few bytes, deterministically from the seed.
          const s = base.slice();
          for (let i = 0; i < flips % 3; i++) flip(s, (flipSeed * (i + 7) * 13) % s.length, flipSeed | 1);
          const chunks = chunksAt(s, chunkCuts);
          const reference = runCheck(ihdr, chunks, 5);
          const cuts = new Set(pieceCuts);
          const pieces: [Uint8Array, number][] = [];
          let at = 0;
          for (const [data, offset] of chunks) {
            let start = 0;
            for (let i = 1; i < data.length; i++) {
              if (cuts.has(at + i)) {
                pieces.push([data.subarray(start, i), offset]);
                start = i;
              }
            }
            pieces.push([data.subarray(start), offset]);
            at += data.length;
          }
          expect(runCheck(ihdr, pieces, 5)).toEqual(reference);
          // Byte at a time, too.
          const bytes = chunks.flatMap(([d, o]) =>
            Array.from(d, (b) => [Uint8Array.of(b), o] as [Uint8Array, number]),
          );
          expect(runCheck(ihdr, bytes, 5)).toEqual(reference);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });

  it('throws only PngError, whatever the bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => concat([Uint8Array.of(0x78, 0x9c), b])),
          fc.tuple(fc.constantFrom(...streams), fc.nat(), fc.nat({ max: 255 })).map(([s, i, v]) => {
            const c = s.slice();
            c[i % c.length] = v;
            return c;
          }),
        ),
        fc.constantFrom(gray8(10, 6), gray8(3, 3, 1), {
          width: 5,
          height: 2,
          bitDepth: 1,
          colorType: 3,
          interlaceMethod: 1,
        }),
        (bytes, geometry) => {
          const check = new ImageDataCheck(geometry);
          try {
            check.write(bytes, 0, () => {});
            check.end(bytes.length, () => {});
          } catch (e) {
            expect(e).toBeInstanceOf(PngError);
          }
          // Once failed or ended, further calls do nothing.
          check.write(Uint8Array.of(1, 2, 3), 9, () => {});
        },
      ),
      { numRuns: 1000 },
    );
  });
});
