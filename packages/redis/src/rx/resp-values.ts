import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import { type RespMessage, RespReader, type RespReaderOptions } from '../read/resp-reader.js';

/**
 * Reads one direction of a Redis connection from a stream of byte chunks:
 * `fromReadable(socket).pipe(respValues())` for a server's replies, `respValues({ from: 'client' })`
 * for a client's requests; a RespReader per subscription. Every value comes out as soon as its last
 * byte is in; a fault goes down the error channel after every value before it.
 */
export function respValues<O extends RespReaderOptions = Record<never, never>>(
  options?: O,
): OperatorFunction<Uint8Array, RespMessage<O>> {
  return parse(() => new RespReader<O>(options));
}
