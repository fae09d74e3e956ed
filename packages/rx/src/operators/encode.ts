import { type Codec, type EncodeOptions, encode as encodeValue } from '@stride/codec';
import { map, type OperatorFunction } from 'rxjs';

/**
 * Encodes each value into its own bytes: `replies$.pipe(encode(Message), toWritable(socket))`.
 * A value that does not fit its codec sends an EncodeError (with the field path) down the error
 * channel.
 */
export function encode<T>(codec: Codec<T>, options: EncodeOptions = {}): OperatorFunction<T, Uint8Array> {
  return map((value) => encodeValue(codec, value, options));
}
