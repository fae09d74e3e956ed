import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  encodeChunk,
  MAX_CHUNK_DATA,
  type PngChunkInput,
  PngEncodeErrorCode,
} from '../../src/write/index.js';
import { hex, readSuiteFile, thrown, walkChunks } from './png-file.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('encodeChunk', () => {
  it('writes IEND as 00 00 00 00 49 45 4E 44 AE 42 60 82', () => {
    expect(hex(encodeChunk({ type: 'IEND', data: new Uint8Array(0) }))).toBe('0000000049454e44ae426082');
  });

  it('writes length, type, data and the CRC over type and data', () => {
    // gAMA 1/2.2 (45455): the CRC is the usual 0BFC6105.
    const gama = encodeChunk({ type: 'gAMA', data: Uint8Array.of(0x00, 0x00, 0xb1, 0x8f) });
    expect(hex(gama)).toBe('00000004' + '67414d41' + '0000b18f' + '0bfc6105');
  });

  it('reproduces every chunk of a file from its type and data', () => {
    const file = readSuiteFile('ct1n0g04.png');
    for (const chunk of walkChunks(file)) {
      const encoded = encodeChunk({ type: chunk.type, data: chunk.data });
      expect(hex(encoded)).toBe(hex(file.subarray(chunk.offset, chunk.offset + 12 + chunk.data.length)));
    }
  });

  it('recomputes the CRC after the data is edited', () => {
    const file = readSuiteFile('ct1n0g04.png');
    const text = walkChunks(file).find((c) => c.type === 'tEXt');
    if (!text) throw new Error('no tEXt in ct1n0g04');
    const edited = bytes('Title\0Edited by the writer test');
    const out = encodeChunk({ type: 'tEXt', data: edited });
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    expect(view.getUint32(0)).toBe(edited.length);
    expect(Buffer.from(out.subarray(4, 8)).toString('latin1')).toBe('tEXt');
    expect(hex(out.subarray(8, 8 + edited.length))).toBe(hex(edited));
    const crc = view.getUint32(8 + edited.length);
    expect(crc).toBe(crc32(Buffer.concat([bytes('tEXt'), edited])));
    expect(crc).not.toBe(text.crc);
  });

  it('does not keep a reference to the data (the output is its own buffer)', () => {
    const data = Uint8Array.of(1, 2, 3);
    const out = encodeChunk({ type: 'abCd', data });
    data[0] = 9;
    expect(out[8]).toBe(1);
  });

  it('writes a chunk read by the reader from its data, not its fields', () => {
    const file = readSuiteFile('basn2c08.png');
    const ihdr = walkChunks(file)[0];
    if (ihdr?.type !== 'IHDR') throw new Error('IHDR is not first');
    const read = {
      kind: 'chunk' as const,
      type: 'IHDR' as const,
      data: ihdr.data,
      // Fields that disagree with the data: the data wins, bytes preserved exactly.
      fields: {
        width: 1,
        height: 1,
        bitDepth: 8,
        colorType: 0,
        compressionMethod: 0,
        filterMethod: 0,
        interlaceMethod: 0,
      },
    };
    expect(hex(encodeChunk(read))).toBe(hex(file.subarray(8, 8 + 25)));
  });

  describe('refuses', () => {
    it.each([
      ['too short', 'IHD'],
      ['too long', 'IHDRX'],
      ['a digit', 'IH1R'],
      ['a space', 'IHD '],
      ['a non-ASCII letter', 'IHDÄ'],
      ['a letter outside latin1', 'IHDŁ'],
      ['empty', ''],
    ])('a chunk type that is %s (BAD_CHUNK_TYPE)', (_, type) => {
      const e = thrown(() => encodeChunk({ type, data: new Uint8Array(0) }));
      expect(e.code).toBe(PngEncodeErrorCode.BAD_CHUNK_TYPE);
      expect(e.message).toContain(JSON.stringify(type));
    });

    it('a chunk type that is not a string (BAD_CHUNK_TYPE)', () => {
      const chunk = { type: 1234, data: new Uint8Array(0) } as unknown as PngChunkInput;
      expect(thrown(() => encodeChunk(chunk)).code).toBe(PngEncodeErrorCode.BAD_CHUNK_TYPE);
    });

    it('data longer than 2^31-1 bytes (LENGTH_OUT_OF_RANGE), before allocating anything', () => {
      // A small array claiming a huge length: the check reads only `.length`.
      const data = Object.defineProperty(new Uint8Array(4), 'length', { value: MAX_CHUNK_DATA + 1 });
      const e = thrown(() => encodeChunk({ type: 'IDAT', data }));
      expect(e.code).toBe(PngEncodeErrorCode.LENGTH_OUT_OF_RANGE);
      expect(e.message).toContain(String(MAX_CHUNK_DATA + 1));
    });

    it('a chunk with neither data nor fields, or data that is not bytes (BAD_CHUNK_INPUT)', () => {
      const none = { type: 'IHDR' } as unknown as PngChunkInput;
      expect(thrown(() => encodeChunk(none)).code).toBe(PngEncodeErrorCode.BAD_CHUNK_INPUT);
      const numbers = { type: 'tEXt', data: [1, 2, 3] } as unknown as PngChunkInput;
      expect(thrown(() => encodeChunk(numbers)).code).toBe(PngEncodeErrorCode.BAD_CHUNK_INPUT);
    });

    it('a bad type before looking at the fields', () => {
      const chunk = { type: 'IH?R', fields: {} } as unknown as PngChunkInput;
      expect(thrown(() => encodeChunk(chunk)).code).toBe(PngEncodeErrorCode.BAD_CHUNK_TYPE);
    });
  });
});
