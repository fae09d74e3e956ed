import { type Codec, type Encodable, type EncodeOptions, encode } from '@stride/codec';
import { map, type OperatorFunction } from 'rxjs';

/**
 * Encodes each value into its own bytes: `replies$.pipe(encodeRecords(Message), toWritable(socket))`.
 * A value that does not fit its codec sends an EncodeError (with the field path) down the error
 * channel. Values built `as const` are accepted, as by the codec's own `encode`.
 */
export function encodeRecords<T>(
  codec: Codec<T>,
  options: EncodeOptions = {},
): OperatorFunction<Encodable<T>, Uint8Array> {
  return map((value) => encode(codec, value, options));
}
