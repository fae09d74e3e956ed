// bench/workloads/png-file.ts: the png suite's inputs, generated from a fixed seed at suite start
// (in memory, and written to os.tmpdir() for the streaming workload; never committed).
//
//   pngFiles()     one valid ~34.5 MB PNG, 3464 x 3464 RGB 8-bit (raw scanlines 36.0 MB: a filter
//                  byte 0 and 10,392 pixel bytes per row), pixel data with structure (gradients plus
//                  4-5 bits of noise, so level-1 deflate shrinks it to ~96%), compressed once with
//                  zlib (a real zlib stream: the file decodes), in two layouts:
//                    split    IDAT data cut into 8 KiB IDAT chunks (~4,200 of them)
//                    one      the same data in ONE IDAT chunk (over the reader's 8 MB maxChunkBytes)
//                  both with IHDR, gAMA, pHYs and tEXt before the image data, tIME and a second tEXt
//                  after it, and IEND. CRCs from zlib.crc32.
//   hostilePng()   a small file: signature, a valid IHDR, then an IDAT whose length field says
//                  `length` (0x7FFFFFFF by default) followed by 4 KiB of pseudo-random bytes, and
//                  nothing else: a file that promises 2 GB and holds 4 KB.
//
// Each generated file comes with its chunk list (type, offset, length), which the suite checks
// every contestant's output against. The chunks are written here by hand, not with @stride/png's
// writer, on purpose: the reference the contestants are checked against does not trust the code
// under test.

import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { fillRandom, mulberry32 } from '../prng.js';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export const WIDTH = 3464;
export const HEIGHT = 3464;
export const IDAT_PIECE = 8 * 1024;
export const SEED = 0x504e47; // 'PNG'

/** One chunk of a generated file: where it is and what it holds. */
export interface ChunkInfo {
  readonly type: string;
  /** Absolute offset of the chunk's length field. */
  readonly offset: number;
  /** Length of the data field. */
  readonly length: number;
}

export interface GeneratedPng {
  readonly bytes: Buffer;
  readonly chunks: readonly ChunkInfo[];
  /** Sum of every chunk's data length. */
  readonly dataBytes: number;
}

/** Length, type, data and CRC (zlib.crc32 over type and data) of one chunk. */
export function chunkBytes(type: string, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function ihdr(width: number, height: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 8; // bit depth
  d[9] = 2; // colour type: RGB
  // compression 0, filter 0, interlace 0
  return d;
}

function u32s(...values: number[]): Buffer {
  const d = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => {
    d.writeUInt32BE(v, i * 4);
  });
  return d;
}

/** The raw scanlines (filter byte 0 each row) of a `width` x `height` RGB 8-bit image. */
export function scanlines(width: number, height: number, seed: number): Uint8Array {
  const rowBytes = 1 + width * 3;
  const raw = new Uint8Array(rowBytes * height);
  const rng = mulberry32(seed);
  const noise = new Uint8Array(width * 3);
  for (let y = 0; y < height; y++) {
    fillRandom(noise, rng);
    let o = y * rowBytes;
    raw[o++] = 0;
    for (let x = 0, n = 0; x < width; x++, n += 3) {
      raw[o++] = ((x + y) >> 2) + ((noise[n] as number) & 15);
      raw[o++] = ((x >> 3) ^ (y >> 3)) + ((noise[n + 1] as number) & 15);
      raw[o++] = (y >> 1) + ((noise[n + 2] as number) & 31);
    }
  }
  return raw;
}

/** Builds the file from its chunks, recording where each one lands. */
function assemble(parts: readonly [string, Uint8Array][]): GeneratedPng {
  const chunks: ChunkInfo[] = [];
  const buffers: Buffer[] = [Buffer.from(PNG_SIGNATURE)];
  let offset = PNG_SIGNATURE.length;
  let dataBytes = 0;
  for (const [type, data] of parts) {
    chunks.push({ type, offset, length: data.length });
    buffers.push(chunkBytes(type, data));
    offset += 12 + data.length;
    dataBytes += data.length;
  }
  return { bytes: Buffer.concat(buffers, offset), chunks, dataBytes };
}

/** The chunks of a file holding `zdata` (the zlib stream) as IDATs of `piece` bytes (0: one IDAT). */
function layout(zdata: Uint8Array, piece: number): GeneratedPng {
  const parts: [string, Uint8Array][] = [
    ['IHDR', ihdr(WIDTH, HEIGHT)],
    ['gAMA', u32s(45455)],
    ['pHYs', Buffer.concat([u32s(2835, 2835), Buffer.of(1)])],
    ['tEXt', Buffer.from('Software\0stride bench/workloads/png-file.ts', 'latin1')],
  ];
  const step = piece === 0 ? zdata.length : piece;
  for (let at = 0; at < zdata.length; at += step) parts.push(['IDAT', zdata.subarray(at, at + step)]);
  parts.push(['tIME', Buffer.of(0x07, 0xea, 1, 2, 3, 4, 5)]); // 2026-01-02 03:04:05
  parts.push(['tEXt', Buffer.from('Comment\0generated from a fixed seed; not a photograph', 'latin1')]);
  parts.push(['IEND', new Uint8Array(0)]);
  return assemble(parts);
}

export interface PngFiles {
  /** IDAT data in 8 KiB chunks. */
  readonly split: GeneratedPng;
  /** The same IDAT data in one chunk. */
  readonly one: GeneratedPng;
  /** Raw scanline bytes the image decodes to. */
  readonly rawBytes: number;
}

let cached: PngFiles | undefined;

/** The two layouts of the bench image (built once per process, ~1.5 s: level-1 deflate of 36 MB). */
export function pngFiles(): PngFiles {
  if (cached) return cached;
  const raw = scanlines(WIDTH, HEIGHT, SEED);
  const zdata = deflateSync(raw, { level: 1 });
  cached = { split: layout(zdata, IDAT_PIECE), one: layout(zdata, 0), rawBytes: raw.length };
  return cached;
}

/**
 * The hostile file: signature, IHDR (100 x 100 RGB), then an IDAT header whose length field says
 * `length`, followed by `tail` pseudo-random bytes and the end of the file.
 */
export function hostilePng(length = 0x7fffffff, tail = 4096, seed = SEED): Buffer {
  const head = assemble([['IHDR', ihdr(100, 100)]]).bytes;
  const idat = Buffer.alloc(8);
  idat.writeUInt32BE(length >>> 0, 0);
  idat.write('IDAT', 4, 'latin1');
  const rest = fillRandom(new Uint8Array(tail), mulberry32(seed));
  return Buffer.concat([head, idat, rest]);
}

/** Offset of the hostile file's IDAT (its length field): after the signature and IHDR. */
export const HOSTILE_IDAT_OFFSET = 8 + 12 + 13;

const written: string[] = [];

/** Writes `bytes` to a fresh file in os.tmpdir() (removed by removeTempFiles, and at exit). */
export function writeTemp(name: string, bytes: Uint8Array): string {
  const path = join(tmpdir(), `stride-bench-${process.pid}-${name}`);
  writeFileSync(path, bytes);
  if (written.length === 0) process.on('exit', removeTempFiles);
  written.push(path);
  return path;
}

export function removeTempFiles(): void {
  for (const path of written.splice(0)) rmSync(path, { force: true });
}
