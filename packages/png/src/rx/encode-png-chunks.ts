import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import { ChunkSequencer, type EncodePngOptions, type PngWriteInput } from '../write/sequencer.js';

/**
 * Writes a PNG as a stream: `readPng(file).pipe(filter(keep), encodePngChunks(), toWritable(out))`.
 * Takes what `encodePng` takes and emits the same bytes, in pieces (see ChunkSequencer: the
 * signature before the first chunk, a buffer per whole chunk, a streamed chunk's `data` pieces
 * passed through without a copy). The concatenated output always equals `encodePng` of the same
 * values.
 *
 * An EncodeError (see `PngEncodeErrorCode`: a bad type, a length out of range, `data` or `end`
 * without its `header`, a source that completes inside a streamed chunk) goes down the error
 * channel and unsubscribes from the source. Unsubscribing unsubscribes from the source.
 */
export function encodePngChunks(options: EncodePngOptions = {}): OperatorFunction<PngWriteInput, Uint8Array> {
  return parse(() => new ChunkSequencer(options));
}
