import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { fromReadable } from '@stride/rx';
import { defer, type Observable, of } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import type { PngReadOptions } from './options.js';
import { pngChunks } from './png-chunks.js';

/** A file path, a Node Readable (a socket, stdin, an HTTP response), or the bytes themselves. */
export type PngSource = string | URL | Readable | Uint8Array;

export interface ReadPngOptions extends PngReadOptions {
  /**
   * Size of the pieces a path is read in (default 1 MiB). Reading a file costs per read call:
   * with Node's default 64 KiB, reading alone took longer here than listing the chunks.
   */
  highWaterMark?: number;
}

const FILE_PIECE = 1 << 20;

/**
 * The bytes of a PNG source as chunks; a path is opened only when subscribed, read in pieces of
 * `highWaterMark` bytes, and closed when unsubscribed.
 */
export function pngBytes(source: PngSource, highWaterMark = FILE_PIECE): Observable<Uint8Array> {
  if (source instanceof Uint8Array) return of(source);
  if (typeof source === 'string' || source instanceof URL)
    return defer(() => fromReadable(createReadStream(source, { highWaterMark })));
  return fromReadable(source);
}

/**
 * Reads a PNG file or stream: `readPng('image.png').subscribe(...)`. The same events as
 * `pngChunks`; a file is read in pieces (1 MiB by default), never whole.
 */
export function readPng(source: PngSource, options: ReadPngOptions = {}): Observable<PngEvent> {
  const { highWaterMark, ...read } = options;
  return pngBytes(source, highWaterMark).pipe(pngChunks(read));
}
