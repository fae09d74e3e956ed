/** The PngSuite files and their expected outcomes (test/png/corpus/pngsuite, copied from ../shared). */
import { readdirSync, readFileSync } from 'node:fs';
import type { DecodeError } from '@stride/codec';
import { type PngEvent, PngReader } from '@stride/png';

export const suiteDir = new URL('./corpus/pngsuite/', import.meta.url);

export interface Expected {
  /** [type, offset, length, crcOk] as an independent reader lists them. */
  chunks: [string, number, number, boolean][];
  expected: 'valid' | 'invalid';
  reader_problems: string[];
  description: string;
}

export const expected: Record<string, Expected> = JSON.parse(
  readFileSync(new URL('expected.json', suiteDir), 'utf8'),
);

export const files: string[] = readdirSync(suiteDir)
  .filter((f) => f.endsWith('.png'))
  .sort();

export function load(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, suiteDir)));
}

export interface RawChunk {
  type: string;
  /** Offset of the chunk's length field. */
  offset: number;
  /** A view of the file's bytes. */
  data: Uint8Array;
  /** The stored CRC. */
  crc: number;
}

/**
 * The chunks of a PNG file walked by hand, independent of the package's reader: the 8-byte
 * signature, then length / type / data / CRC while 12 bytes remain. Nothing is checked: a chunk
 * that runs past the end (a damaged file) is listed with the data there is and `crc` -1, last.
 */
export function walkChunks(file: Uint8Array): RawChunk[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: RawChunk[] = [];
  for (let at = 8; at + 12 <= file.length; ) {
    const length = view.getUint32(at);
    const end = at + 8 + length;
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    const crc = end + 4 <= file.length ? view.getUint32(end) : -1;
    chunks.push({ type, offset: at, data: file.subarray(at + 8, end), crc });
    at = end + 4;
  }
  return chunks;
}

/** The parts joined into one new array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export interface Outcome {
  events: PngEvent[];
  error: DecodeError | undefined;
}

/** Reads `pieces` in order with a PngReader, collecting every event and the error, if any. */
export function readPieces(
  pieces: Iterable<Uint8Array>,
  options: ConstructorParameters<typeof PngReader>[0] = {},
): Outcome {
  const events: PngEvent[] = [];
  const emit = (e: PngEvent) => events.push(e);
  const reader = new PngReader(options);
  try {
    for (const piece of pieces) reader.write(piece, emit);
    reader.finish(emit);
  } catch (e) {
    return { events, error: e as DecodeError };
  }
  return { events, error: undefined };
}

/** `bytes` cut at the given sizes (cycled), as views. */
export function cut(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] as number);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/**
 * An outcome in a form that does not depend on how the input was cut: a streamed chunk's data
 * pieces joined into one (warnings noticed among them, such as the image-data check's, after it;
 * when the error comes inside the chunk, only where its data began), and the error as its code,
 * offset, path and message.
 */
export function normalize(outcome: Outcome): unknown {
  const events: unknown[] = [];
  let pending: { offset: number; parts: Uint8Array[]; warnings: unknown[] } | undefined;
  const flush = (last = false) => {
    if (pending === undefined) return;
    // A streamed chunk cut short by the error: how much of it came before depends on the cutting.
    const data = last && outcome.error !== undefined ? 'cut short' : Buffer.concat(pending.parts);
    events.push({ kind: 'data', offset: pending.offset, data }, ...pending.warnings);
    pending = undefined;
  };
  for (const e of outcome.events) {
    if (e.kind === 'data') {
      if (pending === undefined) pending = { offset: e.offset, parts: [], warnings: [] };
      pending.parts.push(e.data);
    } else if (e.kind === 'warning' && pending !== undefined) {
      pending.warnings.push(e);
    } else {
      flush();
      events.push(e.kind === 'chunk' ? { ...e, data: Buffer.from(e.data) } : e);
    }
  }
  flush(true);
  const e = outcome.error;
  return { events, error: e && { code: e.code, offset: e.offset, path: e.path, message: e.message } };
}
