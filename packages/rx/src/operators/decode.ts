import type { Codec } from '@stride/codec';
import type { OperatorFunction } from 'rxjs';
import { DecodeEngine, type DecodeOptions } from '../engine/engine.js';
import { parserOperator } from './parser-operator.js';

/**
 * Decodes a stream of byte chunks into records: `fromReadable(socket).pipe(decode(Message))`.
 *
 * Each record is emitted as soon as its last byte arrives. A DecodeError goes down the error
 * channel, with its absolute stream offset, after every record before it; completing with a
 * record cut short is an IncompleteError. Unsubscribing unsubscribes from the source (which, for
 * this package's sources, closes it). For a protocol that changes framing mid-stream, pass a
 * `mode` hook and name the union of record types: `decode<Hello | Frame>(Hello, { mode })`.
 */
export function decode<T>(codec: Codec<T>, options: DecodeOptions<T> = {}): OperatorFunction<Uint8Array, T> {
  return parserOperator(() => new DecodeEngine(codec, options));
}
