/**
 * Test helpers: a tiny independent PNG chunk walker (signature, then length/type/data/CRC), the
 * PngSuite corpus, and builders of zlib streams over handmade scanlines.
 */
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import { concat, files, load, type RawChunk, suiteDir, walkChunks } from '../../../../test/png/corpus.js';
import type { ImageDataWarn, ImageGeometry } from '../../src/image-data/index.js';
import { ImageDataCheck } from '../../src/image-data/index.js';

export { concat, type RawChunk, walkChunks };

export const CORPUS_DIR = suiteDir;

export interface Ihdr extends ImageGeometry {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaceMethod: number;
}

export function parseIhdr(data: Uint8Array): Ihdr {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth: data[8] as number,
    colorType: data[9] as number,
    interlaceMethod: data[12] as number,
  };
}

export interface CorpusImage {
  name: string;
  ihdr: Ihdr;
  idats: RawChunk[];
  /** Offset of the chunk after the IDAT run. */
  afterIdat: number;
}

export function loadCorpusImage(name: string): CorpusImage {
  const chunks = walkChunks(load(name));
  const ihdr = parseIhdr((chunks[0] as RawChunk).data);
  const first = chunks.findIndex((c) => c.type === 'IDAT');
  let last = first;
  while (chunks[last + 1]?.type === 'IDAT') last++;
  const idats = chunks.slice(first, last + 1);
  const next = chunks[last + 1] as RawChunk;
  return { name, ihdr, idats, afterIdat: next.offset };
}

/** The valid (non-x) PngSuite files, by the corpus's expected.json. */
export function validCorpusNames(): string[] {
  const expected = JSON.parse(readFileSync(new URL('expected.json', CORPUS_DIR), 'utf8')) as Record<
    string,
    { expected: string }
  >;
  const names = [...files];
  return names.filter((n) => expected[n]?.expected === 'valid' && !n.startsWith('x')).sort();
}

/** What a check reported: warnings in order, then the error thrown (or none). */
export interface Outcome {
  warnings: [string, number, string][];
  error: { code: string; offset: number; message: string; name: string } | undefined;
  inflated: number;
}

/**
 * Feeds pieces to a check, each a [data, chunkOffset] pair, then ends it at `endOffset`, and
 * records everything reported. Rethrows anything that is not a PngError.
 */
export function runCheck(
  ihdr: ImageGeometry,
  pieces: readonly (readonly [Uint8Array, number])[],
  endOffset: number,
): Outcome {
  const check = new ImageDataCheck(ihdr);
  const warnings: [string, number, string][] = [];
  const warn: ImageDataWarn = (code, offset, message) => {
    warnings.push([code, offset, message]);
  };
  let error: Outcome['error'];
  try {
    for (const [data, offset] of pieces) check.write(data, offset, warn);
    check.end(endOffset, warn);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'PngError') throw e;
    const pe = e as Error & { code: string; offset: number };
    error = { code: pe.code, offset: pe.offset, message: pe.message, name: pe.name };
  }
  return { warnings, error, inflated: check.inflated };
}

/** Scanlines of `rows` rows of `rowBytes` bytes each, with the given filter bytes (default 0) and a byte pattern. */
export function scanlines(
  rows: number,
  rowBytes: number,
  filter: (row: number) => number = () => 0,
): Uint8Array {
  const out = new Uint8Array(rows * (rowBytes + 1));
  for (let r = 0; r < rows; r++) {
    const at = r * (rowBytes + 1);
    out[at] = filter(r);
    for (let i = 1; i <= rowBytes; i++) out[at + i] = (r * 31 + i * 7) & 0xff;
  }
  return out;
}

export function deflate(data: Uint8Array, level = 6): Uint8Array {
  return new Uint8Array(zlib.deflateSync(data, { level }));
}

/**
 * A zlib stream of `bytes` zero bytes built without holding them: one raw deflate segment of
 * `segmentBytes` zeros (sync-flushed, so byte-aligned and not final) repeated, then an empty final
 * block and the Adler-32 of the zeros.
 */
export function zeroStream(bytes: number, segmentBytes = 1 << 20): Uint8Array {
  if (bytes % segmentBytes !== 0) throw new Error('zeroStream takes whole segments');
  const segment = new Uint8Array(
    zlib.deflateRawSync(new Uint8Array(segmentBytes), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
  );
  const count = bytes / segmentBytes;
  const out = new Uint8Array(2 + segment.length * count + 2 + 4);
  out[0] = 0x78;
  out[1] = 0xda;
  for (let i = 0; i < count; i++) out.set(segment, 2 + i * segment.length);
  let at = 2 + segment.length * count;
  out[at++] = 0x03; // final fixed-Huffman block holding just end-of-block
  out[at++] = 0x00;
  const adler = ((bytes % 65521) * 65536 + 1) >>> 0; // a = 1, b = length: all bytes are 0
  new DataView(out.buffer).setUint32(at, adler);
  return out;
}
