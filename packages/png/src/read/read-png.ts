import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { fromReadable } from '@stride/rx';
import { defer, type Observable, of } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import type { PngReadOptions } from './options.js';
import { pngChunks } from './png-chunks.js';

/** A file path, a Node Readable (a socket, stdin, an HTTP response), or the bytes themselves. */
export type PngSource = string | URL | Readable | Uint8Array;

/** The bytes of a PNG source as chunks; a path is opened only when subscribed, and closed when unsubscribed. */
export function pngBytes(source: PngSource): Observable<Uint8Array> {
  if (source instanceof Uint8Array) return of(source);
  if (typeof source === 'string' || source instanceof URL)
    return defer(() => fromReadable(createReadStream(source)));
  return fromReadable(source);
}

/**
 * Reads a PNG file or stream: `readPng('image.png').subscribe(...)`. The same events as
 * `pngChunks`; a file is read in 64 KiB pieces, never whole.
 */
export function readPng(source: PngSource, options: PngReadOptions = {}): Observable<PngEvent> {
  return pngBytes(source).pipe(pngChunks(options));
}
