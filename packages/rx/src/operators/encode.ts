import { type Codec, type Encodable, type EncodeOptions, encode as encodeValue } from '@stride/codec';
import { map, type OperatorFunction } from 'rxjs';

/**
 * Encodes each value into its own bytes: `replies$.pipe(encode(Message), toWritable(socket))`.
 * A value that does not fit its codec sends an EncodeError (with the field path) down the error
 * channel. Values built `as const` are accepted, as by the codec's own `encode`.
 */
export function encode<T>(
  codec: Codec<T>,
  options: EncodeOptions = {},
): OperatorFunction<Encodable<T>, Uint8Array> {
  return map((value) => encodeValue(codec, value, options));
}
