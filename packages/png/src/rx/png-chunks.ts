import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import type { PngEvent } from '../chunk/events.js';
import type { PngReadOptions } from '../read/options.js';
import { PngReader } from '../read/png-reader.js';

/**
 * Reads a PNG from a stream of byte chunks: `fromReadable(socket).pipe(pngChunks())`, a PngReader
 * per subscription (`parse(() => new PngReader(options))`). Every chunk comes out as soon as its
 * CRC is read (a chunk over `limits.maxChunkBytes` as `header`, `data` pieces and `end`), warnings
 * in their place among them; a broken rule goes down the error channel after everything before it.
 */
export function pngChunks(options: PngReadOptions = {}): OperatorFunction<Uint8Array, PngEvent> {
  return parse(() => new PngReader(options));
}
