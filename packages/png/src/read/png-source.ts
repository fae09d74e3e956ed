import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** A file path, a Node Readable (a socket, stdin, an HTTP response), or the bytes themselves. */
export type PngSource = string | URL | Readable | Uint8Array;

/**
 * Size of the pieces a path is read in by default. Reading a file costs per read call: with Node's
 * default 64 KiB, reading alone took longer here than listing the chunks.
 */
export const FILE_PIECE = 1 << 20;

/**
 * The bytes of a PNG source, for `for await`: a path is opened when iteration starts and read in
 * pieces of `highWaterMark` bytes; leaving the loop early closes it (and destroys a Readable).
 */
export function pngPieces(
  source: PngSource,
  highWaterMark = FILE_PIECE,
): AsyncIterable<unknown> | Iterable<unknown> {
  if (source instanceof Uint8Array) return [source];
  if (typeof source === 'string' || source instanceof URL) return createReadStream(source, { highWaterMark });
  return source;
}

/** A piece from a source, checked to be bytes (a Readable with `setEncoding` gives strings). */
export function asBytes(piece: unknown): Uint8Array {
  if (piece instanceof Uint8Array) return piece;
  throw new TypeError(`expected PNG bytes (Uint8Array or Buffer), got a ${typeof piece}`);
}
