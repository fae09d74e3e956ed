import { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { asChunk } from './chunk.js';
import { fromReadable } from './from-readable.js';

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
  return new Observable<Uint8Array>((subscriber) => {
    if (!(Symbol.asyncIterator in iterable)) {
      for (const value of iterable) {
        subscriber.next(asChunk(value, 'fromAsyncIterable'));
        if (subscriber.closed) return;
      }
      subscriber.complete();
      return;
    }
    const iterator = iterable[Symbol.asyncIterator]();
    let done = false;
    (async () => {
      try {
        for (;;) {
          const step = await iterator.next();
          if (done) return;
          if (step.done) break;
          subscriber.next(asChunk(step.value, 'fromAsyncIterable'));
          if (done) return;
        }
        done = true;
        subscriber.complete();
      } catch (e) {
        if (done) return;
        subscriber.error(e);
      }
    })();
    return () => {
      if (done) return;
      done = true;
      // A pending next() settles first; return()'s own outcome is of no interest any more.
      iterator.return?.().catch(() => {});
    };
  });
}
