import { createReadStream } from 'node:fs';
import { fromReadable } from '@stride/rx';
import { defer, type Observable, of } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import type { PngReadOptions } from '../read/options.js';
import { FILE_PIECE, type PngSource } from '../read/png-source.js';
import { pngChunks } from './png-chunks.js';

export interface ReadPngOptions extends PngReadOptions {
  /** Size of the pieces a path is read in (default 1 MiB; see FILE_PIECE). */
  highWaterMark?: number;
}

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
