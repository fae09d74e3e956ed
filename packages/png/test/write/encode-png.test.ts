import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { PngEvent } from '../../src/chunk/events.js';
import { PNG_SIGNATURE } from '../../src/chunk/signature.js';
import { encodePng, PngEncodeErrorCode, type PngWriteInput } from '../../src/write/index.js';
import { chunkEvent, prng, randomCuts, streamedEvents, warning } from './events.js';
import { hex, readSuiteFile, suiteFiles, thrown, walkChunks } from './png-file.js';

/** Suite files whose signature and chunk layout are intact (every file but the six broken signatures). */
const walkable = suiteFiles().filter((name) => {
  const file = readSuiteFile(name);
  return hex(file.subarray(0, 8)) === hex(PNG_SIGNATURE);
});

/** `file` with every chunk's CRC set to the one computed over its type and data. */
function withCorrectCrcs(file: Uint8Array): Uint8Array {
  const out = file.slice();
  const view = new DataView(out.buffer);
  for (const c of walkChunks(file)) {
    view.setUint32(
      c.offset + 8 + c.data.length,
      crc32(file.subarray(c.offset + 4, c.offset + 8 + c.data.length)),
    );
  }
  return out;
}

describe('encodePng', () => {
  it('PNG_SIGNATURE is 89 50 4E 47 0D 0A 1A 0A', () => {
    expect(hex(PNG_SIGNATURE)).toBe('89504e470d0a1a0a');
  });

  it('walks the suite: 169 files with an intact signature', () => {
    expect(walkable.length).toBe(169);
  });

  it('reproduces every PngSuite file from its chunks, byte for byte (CRCs recomputed)', () => {
    const differing: string[] = [];
    for (const name of walkable) {
      const file = readSuiteFile(name);
      const out = encodePng(walkChunks(file).map((c) => ({ type: c.type, data: c.data })));
      expect(hex(out), name).toBe(hex(withCorrectCrcs(file)));
      if (hex(out) !== hex(file)) differing.push(name);
    }
    // Only the two files with a wrong stored CRC come out different: with the CRC corrected.
    expect(differing).toEqual(['xcsn0g01.png', 'xhdn0g08.png']);
  });

  it('takes the reader-shaped chunk events and skips warnings', () => {
    for (const name of ['basn0g01.png', 'ct1n0g04.png', 'exif2c08.png', 'oi9n2c16.png']) {
      const file = readSuiteFile(name);
      const events: PngEvent[] = [];
      for (const c of walkChunks(file)) events.push(warning(c.offset), chunkEvent(c));
      events.push(warning(file.length));
      expect(hex(encodePng(events)), name).toBe(hex(file));
    }
  });

  it('writes the chunks alone with signature: false, and only the signature for no chunks', () => {
    const file = readSuiteFile('basn2c08.png');
    const chunks = walkChunks(file).map(chunkEvent);
    expect(hex(encodePng(chunks, { signature: false }))).toBe(hex(file.subarray(8)));
    expect(hex(encodePng([]))).toBe(hex(PNG_SIGNATURE));
    expect(encodePng([], { signature: false }).length).toBe(0);
  });

  it('reads its input once (a generator)', () => {
    const file = readSuiteFile('basn0g08.png');
    function* chunks() {
      for (const c of walkChunks(file)) yield { type: c.type, data: c.data };
    }
    expect(hex(encodePng(chunks()))).toBe(hex(file));
  });

  describe('streamed chunks (header, data …, end)', () => {
    it('give the same bytes as the whole chunks, however the data is cut', () => {
      const random = prng(7);
      for (const name of ['basn2c08.png', 'oi1n0g16.png', 'ctzn0g04.png', 'z09n2c08.png', 'xcsn0g01.png']) {
        const file = readSuiteFile(name);
        const expected = hex(encodePng(walkChunks(file)));
        for (let round = 0; round < 20; round++) {
          const events: PngWriteInput[] = [];
          for (const c of walkChunks(file)) {
            if (random() < 0.5) events.push(...streamedEvents(c, randomCuts(c.data.length, 6, random)));
            else events.push(chunkEvent(c));
          }
          expect(hex(encodePng(events)), `${name} round ${round}`).toBe(expected);
        }
      }
    });

    it('take an empty streamed chunk, and empty pieces', () => {
      const iend = { type: 'IEND', offset: 0, data: new Uint8Array(0), crc: 0 };
      expect(hex(encodePng(streamedEvents(iend, [0, 0]), { signature: false }))).toBe(
        '0000000049454e44ae426082',
      );
    });

    const idat = { type: 'IDAT', offset: 8, data: Uint8Array.of(1, 2, 3, 4), crc: 0 };
    const [header, , first, end] = streamedEvents(idat, []) as [PngEvent, PngEvent, PngEvent, PngEvent];
    const cases: [string, PngWriteInput[], string][] = [
      ['an end without its header', [end], PngEncodeErrorCode.BAD_CHUNK_EVENT],
      ['a data piece without its header', [first, end], PngEncodeErrorCode.BAD_CHUNK_EVENT],
      [
        'a data piece of another type',
        [header, { ...first, type: 'fdAT' } as PngEvent],
        PngEncodeErrorCode.BAD_CHUNK_EVENT,
      ],
      [
        'an end of another type',
        [header, first, { ...end, type: 'fdAT' } as PngEvent],
        PngEncodeErrorCode.BAD_CHUNK_EVENT,
      ],
      [
        'a whole chunk inside a streamed one',
        [header, { type: 'tEXt', data: new Uint8Array(1) }],
        PngEncodeErrorCode.BAD_CHUNK_EVENT,
      ],
      ['a second header before the end', [header, header], PngEncodeErrorCode.BAD_CHUNK_EVENT],
      ['pieces past the header length', [header, first, first], PngEncodeErrorCode.LENGTH_MISMATCH],
      ['an end before all the data', [header, end], PngEncodeErrorCode.LENGTH_MISMATCH],
      [
        'an end whose length differs',
        [header, first, { ...end, length: 5 } as PngEvent],
        PngEncodeErrorCode.LENGTH_MISMATCH,
      ],
      ['an input that ends inside a streamed chunk', [header, first], PngEncodeErrorCode.UNFINISHED_CHUNK],
      [
        'a header with a bad type',
        [{ ...header, type: 'ID4T' } as PngEvent],
        PngEncodeErrorCode.BAD_CHUNK_TYPE,
      ],
      [
        'a header length past 2^31-1',
        [{ ...header, length: 2 ** 31 } as PngEvent],
        PngEncodeErrorCode.LENGTH_OUT_OF_RANGE,
      ],
      [
        'a header length that is not a whole number',
        [{ ...header, length: 1.5 } as PngEvent],
        PngEncodeErrorCode.LENGTH_OUT_OF_RANGE,
      ],
      [
        'an event of an unknown kind',
        [{ ...end, kind: 'finish' } as unknown as PngEvent],
        PngEncodeErrorCode.BAD_CHUNK_INPUT,
      ],
    ];
    it.each(cases)('refuse %s', (_, events, code) => {
      const e = thrown(() => encodePng(events));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(/IDAT|fdAT|ID4T|finish/);
    });
  });
});
