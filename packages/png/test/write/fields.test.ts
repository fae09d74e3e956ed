// Chunks given by their decoded fields: these run through encodeChunkFields (../fields), so they
// pass once the fields encoder is in.
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PngChunk } from '../../src/chunk/events.js';
import { readPng } from '../../src/rx/read-png.js';
import { encodeChunk, encodePng, type PngChunkInput } from '../../src/write/index.js';
import { hex, readSuiteFile, suiteFiles, walkChunks } from './png-file.js';

const chunksOf = async (png: Uint8Array) =>
  (await lastValueFrom(readPng(png).pipe(toArray()))).filter((e): e is PngChunk => e.kind === 'chunk');

const ihdr = {
  width: 32,
  height: 32,
  bitDepth: 8,
  colorType: 2,
  compressionMethod: 0,
  filterMethod: 0,
  interlaceMethod: 0,
};

describe('chunks by fields (needs encodeChunkFields)', () => {
  it('encodes IHDR from its fields as the file has it', () => {
    const file = readSuiteFile('basn2c08.png');
    expect(hex(encodeChunk({ type: 'IHDR', fields: ihdr }))).toBe(hex(file.subarray(8, 8 + 25)));
  });

  it('mixes chunks by fields and by data in one file', () => {
    const file = readSuiteFile('basn2c08.png');
    const [, ...rest] = walkChunks(file);
    const out = encodePng([
      { type: 'IHDR', fields: ihdr },
      ...rest.map((c) => ({ type: c.type, data: c.data })),
    ]);
    expect(hex(out)).toBe(hex(file));
  });

  it('re-encodes every valid PngSuite file from the fields the reader decoded', async () => {
    for (const name of suiteFiles().filter((n) => !n.startsWith('x'))) {
      const file = readSuiteFile(name);
      const chunks = await chunksOf(file);
      // Every chunk with fields is given by its fields alone; the others by their data.
      const inputs = chunks.map((c) =>
        c.fields ? { type: c.type, fields: c.fields } : { type: c.type, data: c.data },
      );
      const out = encodePng(inputs as PngChunkInput[]);
      const again = await chunksOf(out);
      expect(
        again.map((c) => [c.type, c.fields]),
        name,
      ).toEqual(chunks.map((c) => [c.type, c.fields]));
      // zTXt is compressed again, with other zlib settings; everything else comes back byte for byte.
      if (!chunks.some((c) => c.type === 'zTXt')) expect(hex(out), name).toBe(hex(file));
    }
  });
});
