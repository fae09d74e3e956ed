/**
 * Any chunking gives the events and errors of a one-piece read: in-place reads, held bytes (copied
 * when small, kept by reference when large) and the switches between them must not show. A chunk
 * lying in one piece is handed out as a view of that piece, and streamed IDAT data always is.
 */
import { deflateSync } from 'node:zlib';
import { DecodeError, IncompleteError } from '@stride/codec';
import { type PngEvent, PngReader, type PngReadOptions } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { cut } from '../../../../test/support/pieces.js';
import { fctl, flip, iend, ihdr, png, u32s } from './build.js';

// 50x200 greyscale, stored (level 0): each frame's data is ~10 KB, over 4096 and over maxChunkBytes 5000.
const frame = deflateSync(new Uint8Array(200 * 51), { level: 0 });
const apng = png(
  ihdr(50, 200, 8, 0),
  ['acTL', u32s(2, 0)],
  fctl(0, 50, 200),
  ['tEXt', [...Buffer.from('Title\0pieces')]],
  ['IDAT', frame.subarray(0, 3000)],
  ['IDAT', frame.subarray(3000)],
  fctl(1, 50, 200),
  ['fdAT', [...u32s(2), ...frame]],
  iend,
);
const input = Uint8Array.from([...apng, 1, 2, 3]);

/** Offset of the first chunk of `type` in `apng`, walking the lengths. */
function chunkAt(type: string): { at: number; length: number } {
  const dv = new DataView(apng.buffer, apng.byteOffset);
  for (let at = 8; at < apng.length; at += dv.getUint32(at) + 12) {
    if (Buffer.from(apng.subarray(at + 4, at + 8)).toString('latin1') === type)
      return { at, length: dv.getUint32(at) };
  }
  throw new Error(`no ${type}`);
}

/** Cuts `bytes` into pieces of the given sizes (cycled), each a copy with its own buffer. */
const cutCopies = (bytes: Uint8Array, sizes: number[]): Uint8Array[] =>
  cut(bytes, sizes).map((p) => p.slice());

/** Piece sizes from a small LCG: mostly small, now and then at or over 4096. */
function mixed(seed: number, count: number): number[] {
  const out: number[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const r = x % 100;
    out.push(r < 60 ? 1 + (x % 13) : r < 85 ? 100 + (x % 900) : 4090 + (x % 9000));
  }
  return out;
}

interface Outcome {
  events: PngEvent[];
  error: DecodeError | undefined;
}

function read(pieces: Uint8Array[], options: PngReadOptions): Outcome & { maxHeld: number } {
  const events: PngEvent[] = [];
  const emit = (e: PngEvent) => events.push(e);
  const reader = new PngReader(options);
  let error: DecodeError | undefined;
  let maxHeld = 0;
  try {
    for (const p of pieces) {
      reader.write(p, emit);
      maxHeld = Math.max(maxHeld, reader.buffered);
    }
    reader.finish(emit);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    error = e;
  }
  return { events, error, maxHeld };
}

/** Events with each run of `data` merged (their cuts follow the input's) and errors as plain data. */
function normal({ events, error }: Outcome): unknown {
  const out: unknown[] = [];
  for (const e of events) {
    const last = out.at(-1) as { kind: string; data: number[] } | undefined;
    if (e.kind === 'data' && last?.kind === 'data') last.data.push(...e.data);
    else if (e.kind === 'data' || e.kind === 'chunk') out.push({ ...e, data: [...e.data] });
    else out.push(e);
  }
  const err =
    error === undefined
      ? undefined
      : {
          name: error.name,
          message: error.message,
          offset: error.offset,
          path: error.path,
          needed: error instanceof IncompleteError ? error.needed : undefined,
        };
  return { events: out, error: err };
}

/** Which piece holds bytes [a, b), if one does. */
function pieceOf(pieces: Uint8Array[], a: number, b: number): Uint8Array | undefined {
  let at = 0;
  for (const p of pieces) {
    if (a >= at && b <= at + p.length) return p;
    at += p.length;
  }
  return undefined;
}

const cuts: [string, number[]][] = [
  ['1', [1]],
  ['2', [2]],
  ['3', [3]],
  ['7', [7]],
  ['64', [64]],
  ['4095', [4095]],
  ['4096', [4096]],
  ['5000', [5000]],
  ['1, 4100', [1, 4100]],
  ['mixed a', mixed(1, 97)],
  ['mixed b', mixed(7, 89)],
  ['mixed c', mixed(42, 101)],
];

const modes: [string, PngReadOptions][] = [
  ['held whole', { imageData: true }],
  ['streamed', { imageData: true, limits: { maxChunkBytes: 5000 } }],
];

describe.each(modes)('PngReader in any chunking (%s)', (_, options) => {
  const whole = read([input], options);

  it('reads the test file cleanly in one piece', () => {
    expect(whole.error).toBeUndefined();
    const kinds = whole.events.map((e) => (e.kind === 'warning' ? e.code : e.kind));
    expect(kinds.at(-1)).toBe('DATA_AFTER_IEND');
  });

  it.each(cuts)(
    'pieces of %s: the same events, views of the input where a chunk lies in one piece',
    (_, sizes) => {
      const pieces = cutCopies(input, sizes);
      const got = read(pieces, options);
      expect(normal(got)).toEqual(normal(whole));
      const buffers = new Set(pieces.map((p) => p.buffer));
      for (const e of got.events) {
        // (empty data is a fresh empty array, whatever the cuts)
        if (e.kind === 'chunk' && e.length > 0) {
          const piece = pieceOf(pieces, e.offset, e.offset + e.length + 12);
          if (piece !== undefined) expect(e.data.buffer).toBe(piece.buffer);
        } else if (e.kind === 'data' && e.type === 'IDAT') {
          expect(buffers.has(e.data.buffer)).toBe(true);
        }
      }
      // held: at most the largest chunk held whole (the fdAT, or over maxChunkBytes the first IDAT)
      expect(got.maxHeld).toBeLessThanOrEqual(
        options.limits === undefined ? 4 + frame.length + 12 : 3000 + 12,
      );
    },
  );

  it.each(cuts)('pieces of %s: the errors of a one-piece read', (_, sizes) => {
    const fdat = chunkAt('fdAT');
    const idat = chunkAt('IDAT');
    const truncated = input.slice(0, fdat.at + 100);
    const badCrc = flip(input.slice(), fdat.at + 8 + fdat.length + 1);
    const badIdatCrc = flip(input.slice(), idat.at + 8 + idat.length + 2);
    const badType = flip(input.slice(), chunkAt('tEXt').at + 5, 0x40);
    for (const bytes of [truncated, badCrc, badIdatCrc, badType]) {
      const one = read([bytes], options);
      expect(one.error).toBeDefined();
      expect(normal(read(cutCopies(bytes, sizes), options))).toEqual(normal(one));
    }
  });
});
