import { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { asChunk } from './chunk.js';
import { fromReadable } from './from-readable.js';
import { pulled } from './pull-loop.js';

/**
 * The chunks of an AsyncIterable (or a plain Iterable, emitted synchronously) as an Observable.
 * The next chunk is asked for only after the previous one was emitted. Unsubscribing calls the
 * iterator's `return()`, so a generator runs its `finally`; an error thrown by the iterator is the
 * observable's error.
 *
 * An async generator waiting in `await` cannot be interrupted: its `return()` takes effect when
 * the pending step settles. A Node Readable (a socket) is therefore read with `fromReadable`,
 * which destroys it at once.
 */
export function fromAsyncIterable(
  iterable: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Observable<Uint8Array> {
  if (iterable instanceof Readable) return fromReadable(iterable);
  if (Symbol.asyncIterator in iterable) {
    const asyncIterable = iterable;
    return pulled('fromAsyncIterable', () => {
      const iterator = asyncIterable[Symbol.asyncIterator]();
      return {
        read: () => iterator.next(),
        // A pending next() settles first; return()'s own outcome is of no interest any more.
        cancel: () => {
          iterator.return?.().catch(() => {});
        },
      };
    });
  }
  return new Observable<Uint8Array>((subscriber) => {
    for (const value of iterable) {
      subscriber.next(asChunk(value, 'fromAsyncIterable'));
      if (subscriber.closed) return;
    }
    subscriber.complete();
  });
}
