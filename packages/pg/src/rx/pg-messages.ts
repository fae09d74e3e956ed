import { parse } from '@stride/rx';
import type { OperatorFunction } from 'rxjs';
import { PgReader, type PgReaderOptions, type PgReadMessage } from '../read/pg-reader.js';

/**
 * Reads one direction of a PostgreSQL connection from a stream of byte chunks:
 * `fromReadable(socket).pipe(pgMessages({ from: 'server' }))`, a PgReader per subscription. Every
 * message comes out as soon as it is complete; a fault goes down the error channel after every
 * message before it.
 */
export function pgMessages<F extends 'server' | 'client', C extends 'string' | 'bytes' = 'string'>(
  options: PgReaderOptions<F, C>,
): OperatorFunction<Uint8Array, PgReadMessage<F, C>> {
  return parse(() => new PgReader(options));
}
