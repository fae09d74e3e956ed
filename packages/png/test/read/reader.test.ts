import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { IncompleteError } from '@stride/codec';
import { type PngEvent, PngReader, type PngReadOptions } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { fctl, flip, idat, iend, ihdr, minimal, png, poke32, read, type Spec, u32s } from './build.js';

const suite = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../../test/png/corpus/pngsuite/${name}`, import.meta.url)));

const actl = (frames: number): Spec => ['acTL', u32s(frames, 0)];
const fdat = (seq: number): Spec => ['fdAT', [...u32s(seq), ...(idat()[1] as Uint8Array)]];

describe('PngReader: chunks', () => {
  it('emits each chunk with offset, length, CRC verdict, property bits and fields', () => {
    const { chunks, error } = read(minimal(['tEXt', [...Buffer.from('Title\0Hi')]]));
    expect(error).toBeUndefined();
    expect(chunks.map((c) => [c.type, c.offset, c.length])).toEqual([
      ['IHDR', 8, 13],
      ['tEXt', 33, 8],
      ['IDAT', 53, expect.any(Number)],
      ['IEND', expect.any(Number), 0],
    ]);
    const [head, text] = chunks;
    expect(head).toMatchObject({
      crcOk: true,
      critical: true,
      private: false,
      reserved: false,
      safeToCopy: false,
    });
    expect(head?.type === 'IHDR' && head.fields).toMatchObject({
      width: 2,
      height: 2,
      bitDepth: 8,
      colorType: 2,
    });
    expect(text).toMatchObject({
      critical: false,
      safeToCopy: true,
      fields: { keyword: 'Title', text: 'Hi' },
    });
  });

  it('hands out data as a view of the input when a chunk lies in one piece, a copy only when it straddles', () => {
    const bytes = minimal();
    const whole = read(bytes).chunks[1];
    expect(whole?.data.buffer).toBe(bytes.buffer);
    const cutAt = 33 + 8 + 3; // inside IDAT's data
    const split = read([bytes.subarray(0, cutAt), bytes.subarray(cutAt)]).chunks[1];
    expect(split?.data.buffer).not.toBe(bytes.buffer);
    expect(split?.data).toEqual(whole?.data);
  });

  it('lists unknown ancillary chunks without fields or warnings, and warns about the reserved bit', () => {
    const { chunks, warnings } = read(minimal(['prVt', [1, 2]], ['abxd', []]));
    expect(chunks[1]).toMatchObject({ type: 'prVt', private: true, fields: undefined });
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'RESERVED_BIT_SET', offset: 47, chunk: 'abxd' }),
    ]);
  });
});

describe('PngReader: signature', () => {
  it.each([
    ['xs1n0g01.png', 0, 'high bit'],
    ['xs2n0g01.png', 1, ''],
    ['xs4n0g01.png', 3, ''],
    ['xs7n0g01.png', 6, ''],
    ['xcrn0g04.png', 5, 'every LF became CR'],
    ['xlfn0g04.png', 4, 'every CR became LF'],
  ])('%s: BAD_SIGNATURE at byte %i', (name, offset, hint) => {
    const { error, events } = read(suite(name));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'BAD_SIGNATURE', offset, path: 'signature' });
    expect(error?.message).toContain(`signature byte ${offset} is`);
    if (hint !== '') expect(error?.message).toContain(hint);
  });

  it('recognises DOS and Unix text-mode damage to CR LF', () => {
    const good = minimal();
    const unix = Uint8Array.from([...good.subarray(0, 4), 0x0a, 0x1a, 0x0a, ...good.subarray(8)]);
    expect(read(unix).error?.message).toContain('the CR LF pair became LF');
    const dos = Uint8Array.from([
      ...good.subarray(0, 5),
      0x0d,
      ...good.subarray(5, 7),
      0x0d,
      ...good.subarray(7),
    ]);
    expect(read(dos).error?.message).toContain('every LF became CR LF');
  });

  it('names the first wrong byte of a short input that is not a PNG', () => {
    const reader = new PngReader();
    reader.write(Buffer.from('GIF'), () => {});
    expect(() => reader.finish(() => {})).toThrow(
      expect.objectContaining({ code: 'BAD_SIGNATURE', offset: 0 }),
    );
  });

  it('calls an input that ends inside a correct signature truncated', () => {
    const { error } = read(minimal().subarray(0, 5));
    expect(error).toBeInstanceOf(IncompleteError);
    expect(error).toMatchObject({ offset: 0, needed: 3 });
    expect(read(new Uint8Array(0)).error).toMatchObject({ code: 'INCOMPLETE', needed: 8 });
  });
});

describe('PngReader: framing', () => {
  it('refuses a length above 2^31-1 at its header, before reading on', () => {
    const bytes = poke32(minimal(), 33, 0x80000000);
    const events: PngEvent[] = [];
    const reader = new PngReader();
    expect(() => reader.write(bytes.subarray(0, 41), (e) => events.push(e))).toThrow(
      expect.objectContaining({ code: 'LENGTH_OUT_OF_RANGE', offset: 33, path: 'chunks[1].length' }),
    );
    expect(events.map((e) => e.kind === 'chunk' && e.type)).toEqual(['IHDR']);
  });

  it('streams a legal 2^31-1 length instead of allocating it, and calls the end of input truncation', () => {
    const head = png(ihdr()).subarray(0, 33);
    const hostile = Uint8Array.from([
      ...head,
      ...u32s(0x7fffffff),
      ...Buffer.from('IDAT'),
      ...new Uint8Array(5000),
    ]);
    const { events, error, reader } = read(hostile);
    expect(events[1]).toMatchObject({ kind: 'header', type: 'IDAT', offset: 33, length: 0x7fffffff });
    expect(events.slice(2).every((e) => e.kind === 'data')).toBe(true);
    expect(reader.buffered).toBe(0);
    expect(error).toBeInstanceOf(IncompleteError);
    expect(error).toMatchObject({ offset: 33, needed: 0x7fffffff - 5000 + 4, path: 'chunks[1]' });
  });

  it('needed is what finish would report missing, wherever the input stops (0 between chunks)', () => {
    const bytes = minimal(['tEXt', [...Buffer.from('Title\0Hi')]]);
    for (const limits of [{}, { maxChunkBytes: 4 }]) {
      for (let k = 1; k < bytes.length; k++) {
        const reader = new PngReader({ limits });
        const emit = () => {};
        reader.write(bytes.subarray(0, k >> 1), emit);
        reader.write(bytes.subarray(k >> 1, k), emit);
        let missing = 0;
        try {
          reader.finish(emit);
        } catch (e) {
          if (e instanceof IncompleteError) missing = e.needed;
          else expect(e).toMatchObject({ code: 'MISSING_IEND' });
        }
        expect(reader.needed, `${k} bytes, ${JSON.stringify(limits)}`).toBe(missing);
      }
    }
  });

  it('rejects a type byte that is not a letter, at that byte', () => {
    const bytes = minimal();
    bytes[33 + 6] = 0x31;
    expect(read(bytes).error).toMatchObject({ code: 'BAD_CHUNK_TYPE', offset: 39, path: 'chunks[1].type' });
    expect(read(bytes).error?.message).toContain("chunk type byte 2 is 0x31 ('1')");
  });

  it('names the bytes missing when the input ends inside a chunk', () => {
    const bytes = minimal();
    const { chunks, error } = read(bytes.subarray(0, 33 + 10));
    expect(chunks).toHaveLength(1);
    const idatLength = new DataView(bytes.buffer).getUint32(33);
    expect(error).toMatchObject({
      code: 'INCOMPLETE',
      offset: 33,
      needed: idatLength + 12 - 10,
      path: 'chunks[1]',
    });
    expect(read(bytes.subarray(0, 37)).error).toMatchObject({ code: 'INCOMPLETE', offset: 33, needed: 4 });
  });

  it('requires IEND, and warns about (and counts) bytes after it', () => {
    const bytes = minimal();
    expect(read(bytes.subarray(0, bytes.length - 12)).error).toMatchObject({
      code: 'MISSING_IEND',
      offset: bytes.length - 12,
    });
    const trailing = read([bytes, new Uint8Array(7), new Uint8Array(3)]);
    expect(trailing.error).toBeUndefined();
    expect(trailing.warnings).toEqual([
      expect.objectContaining({
        code: 'DATA_AFTER_IEND',
        offset: bytes.length,
        message: '10 bytes after IEND (ignored)',
      }),
    ]);
  });
});

describe('PngReader: CRC', () => {
  const bad = () => {
    const bytes = minimal(['gAMA', u32s(45455)]);
    return flip(bytes, 33 + 12 + 3); // gAMA's CRC
  };

  it('is strict by default: a mismatch is an error at the CRC field', () => {
    const { chunks, error } = read(bad());
    expect(chunks.map((c) => c.type)).toEqual(['IHDR']);
    expect(error).toMatchObject({ code: 'CRC_MISMATCH', offset: 45, path: 'chunks[1].crc' });
    expect(error?.message).toMatch(/gAMA's CRC is 0x[0-9a-f]{8}, but its type and data give 0x[0-9a-f]{8}/);
  });

  it('lenient: an ancillary chunk is delivered with crcOk false and no fields, a critical one still fails', () => {
    const { chunks, warnings, error } = read(bad(), { crc: 'lenient' });
    expect(error).toBeUndefined();
    expect(chunks[1]).toMatchObject({ type: 'gAMA', crcOk: false, fields: undefined });
    expect(warnings).toEqual([expect.objectContaining({ code: 'CRC_MISMATCH', offset: 45 })]);
    expect(read(suite('xcsn0g01.png'), { crc: 'lenient' }).error).toMatchObject({ code: 'CRC_MISMATCH' });
  });

  it('ignore: every chunk is delivered, crcOk tells', () => {
    const { chunks, error } = read(suite('xhdn0g08.png'), { crc: 'ignore' });
    expect(error).toBeUndefined();
    expect(chunks.map((c) => c.crcOk)).toEqual([false, true, true, true]);
  });
});

describe('PngReader: structure', () => {
  const code = (bytes: Uint8Array, options?: PngReadOptions) => {
    const e = read(bytes, options).error;
    return e && { code: e.code, offset: e.offset };
  };

  it('requires IHDR first and once', () => {
    expect(code(png(['gAMA', u32s(1)], ihdr(), idat(), iend))).toEqual({ code: 'IHDR_NOT_FIRST', offset: 8 });
    expect(code(png(ihdr(), ihdr(), idat(), iend))).toEqual({ code: 'DUPLICATE_CRITICAL_CHUNK', offset: 33 });
  });

  it('checks IHDR values, with the field path', () => {
    const e = read(png(ihdr(2, 2, 3, 2), idat(), iend)).error;
    expect(e).toMatchObject({ code: 'IHDR_BAD_BIT_DEPTH', offset: 24, path: 'chunks[0].fields.bitDepth' });
  });

  it('applies the PLTE rules by colour type', () => {
    const plte: Spec = ['PLTE', [0, 0, 0, 255, 255, 255]];
    expect(code(png(ihdr(2, 2, 8, 0), plte, idat(2, 2), iend))).toEqual({
      code: 'PLTE_NOT_ALLOWED',
      offset: 33,
    });
    expect(code(png(ihdr(2, 2, 8, 3), idat(2, 2), iend))).toEqual({ code: 'MISSING_PLTE', offset: 33 });
    expect(code(png(ihdr(2, 2, 8, 3), plte, plte, idat(2, 2), iend))).toEqual({
      code: 'DUPLICATE_CRITICAL_CHUNK',
      offset: 51,
    });
    expect(code(png(ihdr(2, 2, 1, 3), ['PLTE', new Uint8Array(9)], idat(2, 1), iend))).toEqual({
      code: 'PLTE_BAD_LENGTH',
      offset: 33,
    });
    const afterIdat = png(ihdr(), idat(), plte, iend);
    expect(code(afterIdat)?.code).toBe('PLTE_AFTER_IDAT');
    expect(read(png(ihdr(), plte, idat(), iend)).error).toBeUndefined(); // optional in truecolour
  });

  it('requires IDAT, in one run', () => {
    expect(code(png(ihdr(), iend))).toEqual({ code: 'MISSING_IDAT', offset: 33 });
    const split = png(ihdr(), idat(), ['tEXt', [...Buffer.from('a\0b')]], idat(), iend);
    expect(code(split)?.code).toBe('IDAT_NOT_CONSECUTIVE');
  });

  it('stops at an unknown critical chunk, or lists it with a warning when asked', () => {
    const bytes = minimal(['CUST', [1]]);
    expect(code(bytes)).toEqual({ code: 'UNKNOWN_CRITICAL_CHUNK', offset: 33 });
    const listed = read(bytes, { unknownCritical: 'warn' });
    expect(listed.error).toBeUndefined();
    expect(listed.chunks[1]).toMatchObject({ type: 'CUST', critical: true });
    expect(listed.warnings.map((w) => w.code)).toEqual(['UNKNOWN_CRITICAL_CHUNK']);
  });

  it('warns about duplicate and misplaced ancillary chunks and bad ancillary data, and goes on', () => {
    const plte: Spec = ['PLTE', [0, 0, 0]];
    const gama: Spec = ['gAMA', u32s(45455)];
    const { warnings, error, chunks } = read(
      png(
        ihdr(),
        gama,
        gama,
        ['sRGB', [9]],
        plte,
        ['cHRM', new Uint8Array(32)],
        idat(),
        ['pHYs', new Uint8Array(9)],
        iend,
      ),
    );
    expect(error).toBeUndefined();
    expect(warnings.map((w) => [w.code, w.chunk])).toEqual([
      ['DUPLICATE_CHUNK', 'gAMA'],
      ['BAD_CHUNK_DATA', 'sRGB'],
      ['MISPLACED_CHUNK', 'cHRM'],
      ['MISPLACED_CHUNK', 'pHYs'],
    ]);
    expect(chunks.find((c) => c.type === 'sRGB')?.fields).toBeUndefined();
  });
});

describe('PngReader: colour chunks', () => {
  const srgb: Spec = ['sRGB', [0]];
  const iccp: Spec = ['iCCP', [...Buffer.from('icc\0'), 0, ...deflateSync(new Uint8Array(16))]];
  const cicp: Spec = ['cICP', [1, 13, 0, 1]];
  const mdcv: Spec = ['mDCV', u32s(0, 0, 0, 0, 0, 0)];

  it('warns about iCCP with sRGB, and mDCV without cICP', () => {
    const codes = (bytes: Uint8Array) => read(bytes).warnings.map((w) => [w.code, w.chunk, w.offset]);
    expect(codes(minimal(iccp, srgb))).toEqual([
      ['COLOUR_CHUNK_CONFLICT', 'sRGB', 33 + 12 + (iccp[1] as number[]).length],
    ]);
    expect(codes(minimal(mdcv))).toEqual([['COLOUR_CHUNK_CONFLICT', 'mDCV', 33]]);
    expect(codes(minimal(cicp, mdcv))).toEqual([]);
  });
});

describe('PngReader: sPLT names', () => {
  it('warns about a second palette of the same name', () => {
    const splt = (name: string): Spec => ['sPLT', [...Buffer.from(`${name}\0`), 8, 1, 2, 3, 4, 0, 1]];
    const { warnings, error } = read(minimal(splt('six'), splt('cube'), splt('six')));
    expect(error).toBeUndefined();
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      ['DUPLICATE_CHUNK', 'a second sPLT named "six": names must be distinct'],
    ]);
  });
});

describe('PngReader: APNG', () => {
  const animated = (...frames: Spec[]) => png(ihdr(), actl(2), fctl(0), idat(), ...frames, iend);

  it('accepts frames in sequence', () => {
    const { error, chunks } = read(animated(fctl(1), fdat(2)));
    expect(error).toBeUndefined();
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'acTL', 'fcTL', 'IDAT', 'fcTL', 'fdAT', 'IEND']);
  });

  it('checks sequence numbers, frame count and order', () => {
    expect(read(animated(fctl(1), fdat(3))).error).toMatchObject({
      code: 'APNG_BAD_SEQUENCE',
      path: 'chunks[5]',
    });
    expect(read(animated(fctl(2), fdat(3))).error?.message).toContain(
      'fcTL has sequence number 2, expected 1',
    );
    expect(read(animated()).error).toMatchObject({ code: 'APNG_FRAME_COUNT' });
    expect(read(animated(fdat(1))).error).toMatchObject({ code: 'APNG_BAD_ORDER' });
    expect(read(animated(fctl(1, 3, 3))).error?.message).toContain('outside the 2x2 image');
    expect(read(png(ihdr(), actl(1), fctl(0), fdat(1), idat(), iend)).error).toMatchObject({
      code: 'APNG_BAD_ORDER',
    });
  });
});

describe('PngReader: APNG frame data (imageData: true)', () => {
  // 20x20 truecolour, stored (level 0) so a frame's data is ~1.2 KB: over maxChunkBytes 100 it streams.
  const frameData = (rows: number, bytesPerRow = 60) =>
    deflateSync(new Uint8Array(rows * (bytesPerRow + 1)), { level: 0 });
  const fdatOf = (seq: number, data: Uint8Array): Spec => ['fdAT', [...u32s(seq), ...data]];
  const animated = (...frames: Spec[]) =>
    png(ihdr(20, 20), actl(2), fctl(0, 20, 20), ['IDAT', frameData(20)], ...frames, iend);
  const streamed = { maxChunkBytes: 100 };

  it('checks each frame against its fcTL size, whole or streamed', () => {
    const good = animated(fctl(1, 10, 5, 3, 4), fdatOf(2, frameData(5, 30)));
    expect(read(good, { imageData: true }).error).toBeUndefined();
    expect(read(good, { imageData: true, limits: streamed }).error).toBeUndefined();
    const short = animated(fctl(1, 20, 20), fdatOf(2, frameData(19)));
    for (const limits of [{}, streamed]) {
      const e = read(short, { imageData: true, limits }).error;
      expect(e).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA', offset: short.length - 12 });
      expect(e?.message).toContain('fcTL promises 1220 bytes of scanlines, the frame 1 (fdAT) zlib stream');
    }
    expect(read(short).error).toBeUndefined();
  });

  it('reports bad frame data at the fdAT', () => {
    const data = frameData(20);
    const broken = animated(
      fctl(1, 20, 20),
      fdatOf(
        2,
        data.map((b, i) => (i === 0 ? 0x78 ^ 0x10 : b)),
      ),
    );
    const fdatAt = broken.length - 12 - (12 + 4 + data.length);
    expect(read(broken, { imageData: true }).error).toMatchObject({ code: 'BAD_IMAGE_DATA', offset: fdatAt });
  });
});

describe('PngReader: chunks over maxChunkBytes', () => {
  const big: Spec = ['IDAT', deflateSync(new Uint8Array(200 * 51), { level: 0 })];
  const bytes = png(ihdr(50, 200, 8, 0), big, iend);
  const length = (big[1] as Uint8Array).length;

  it('streams them as header, data pieces (views of the input) and end, with the CRC checked', () => {
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 37) pieces.push(bytes.slice(at, at + 37));
    const { events, error } = read(pieces, { limits: { maxChunkBytes: 100 }, imageData: true });
    expect(error).toBeUndefined();
    expect(events[1]).toMatchObject({ kind: 'header', type: 'IDAT', offset: 33, length, critical: true });
    const data = events.filter((e) => e.kind === 'data');
    expect(data.length).toBeGreaterThan(length / 37);
    expect(data.every((d) => pieces.some((p) => p.buffer === d.data.buffer))).toBe(true);
    expect(Buffer.concat(data.map((d) => d.data))).toEqual(Buffer.from(big[1] as Uint8Array));
    expect(events.at(-2)).toEqual({ kind: 'end', type: 'IDAT', offset: 33, length, crcOk: true });
  });

  it('reports a CRC mismatch after the pieces', () => {
    const broken = bytes.slice();
    flip(broken, 33 + 8 + length, 0xff);
    const { events, error } = read(broken, { limits: { maxChunkBytes: 100 } });
    expect(events.some((e) => e.kind === 'data')).toBe(true);
    expect(error).toMatchObject({ code: 'CRC_MISMATCH', offset: 33 + 8 + length });
  });
});

describe('PngReader: image data (imageData: true)', () => {
  it('accepts scanlines that match IHDR and rejects too few', () => {
    expect(read(minimal(), { imageData: true }).error).toBeUndefined();
    const short = png(ihdr(), idat(1), iend);
    expect(read(short).error).toBeUndefined();
    expect(read(short, { imageData: true }).error).toMatchObject({ code: 'NOT_ENOUGH_IMAGE_DATA' });
  });
});
