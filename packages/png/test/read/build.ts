/** Small PNGs built for the tests, with the package's own writer (CRCs computed afresh). */
import { deflateSync } from 'node:zlib';
import { DecodeError } from '@stride/codec';
import { encodePng, type PngEvent, PngReader, type PngReadOptions } from '@stride/png';

export type Spec = [type: string, data?: Uint8Array | number[]];

export function ihdr(width = 2, height = 2, bitDepth = 8, colorType = 2, interlace = 0): Spec {
  const d = new Uint8Array(13);
  const dv = new DataView(d.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  d.set([bitDepth, colorType, 0, 0, interlace], 8);
  return ['IHDR', d];
}

/** Image data for a `width`x`height` image with `bytesPerRow` bytes per scanline (plus the filter byte). */
export function idat(height = 2, bytesPerRow = 6): Spec {
  return ['IDAT', deflateSync(new Uint8Array(height * (bytesPerRow + 1)))];
}

export const iend: Spec = ['IEND'];

export function u32s(...values: number[]): Uint8Array {
  const d = new Uint8Array(values.length * 4);
  values.forEach((v, i) => {
    new DataView(d.buffer).setUint32(i * 4, v);
  });
  return d;
}

export function png(...chunks: Spec[]): Uint8Array {
  return encodePng(chunks.map(([type, data]) => ({ type, data: Uint8Array.from(data ?? []) })));
}

/** The default test image: 2x2 truecolour, one IDAT. */
export function minimal(...extra: Spec[]): Uint8Array {
  return png(ihdr(), ...extra, idat(), iend);
}

/** Overwrites the big-endian u32 at `at` (to forge a length or a CRC). */
export function poke32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0);
  return bytes;
}

/** XORs the byte at `at` with `mask` (to damage a CRC or a field). */
export function flip(bytes: Uint8Array, at: number, mask = 1): Uint8Array {
  bytes[at] = (bytes[at] as number) ^ mask;
  return bytes;
}

/** An APNG frame control chunk: frame `seq`, w x h at (x, y), delay 1/10 s. */
export function fctl(seq: number, w = 2, h = 2, x = 0, y = 0): Spec {
  const d = new Uint8Array(26);
  d.set(u32s(seq, w, h, x, y));
  d.set([0, 1, 0, 10, 0, 0], 20);
  return ['fcTL', d];
}

/** Reads `pieces` with a PngReader: its events (chunks and warnings apart too) and the DecodeError it ended with. */
export function read(pieces: Uint8Array | Uint8Array[], options: PngReadOptions = {}) {
  const events: PngEvent[] = [];
  const emit = (e: PngEvent) => events.push(e);
  const reader = new PngReader(options);
  let error: DecodeError | undefined;
  try {
    for (const p of Array.isArray(pieces) ? pieces : [pieces]) reader.write(p, emit);
    reader.finish(emit);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    error = e;
  }
  const chunks = events.filter((e) => e.kind === 'chunk');
  const warnings = events.filter((e) => e.kind === 'warning');
  return { events, chunks, warnings, error, reader };
}
