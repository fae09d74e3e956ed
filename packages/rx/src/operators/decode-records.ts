import { type Codec, StreamDecoder, type StreamDecoderOptions } from '@stride/codec';
import type { OperatorFunction } from 'rxjs';
import { parse } from './parse.js';

/**
 * Decodes a stream of byte chunks into records: `fromReadable(socket).pipe(decodeRecords(Message))`,
 * a `StreamDecoder` per subscription (`parse(() => new StreamDecoder(codec, options))`).
 *
 * Each record is emitted as soon as its last byte arrives. A DecodeError goes down the error
 * channel, with its absolute stream offset, after every record before it; completing with a
 * record cut short is an IncompleteError. Unsubscribing unsubscribes from the source (which, for
 * this package's sources, closes it). For a protocol that changes framing mid-stream, pass a
 * `mode` hook and name the union of record types: `decodeRecords<Hello | Frame>(Hello, { mode })`.
 */
export function decodeRecords<T>(
  codec: Codec<T>,
  options: StreamDecoderOptions<T> = {},
): OperatorFunction<Uint8Array, T> {
  return parse(() => new StreamDecoder(codec, options));
}
