import { Observable } from 'rxjs';
import { asChunk } from './chunk.js';

/** A source read by awaiting one step after another: an async iterator, a web stream's reader. */
export interface Puller {
  read(): Promise<{ done?: boolean | undefined; value?: unknown }>;
  /** Stops the source early (the subscriber went away before its end). */
  cancel(): void;
  /** Called once the source has ended. */
  release?(): void;
}

/**
 * An Observable that reads `open()`'s puller step by step, asking for the next chunk only after
 * emitting the last, and cancels it when unsubscribed before its end. `name` is for error messages.
 */
export function pulled(name: string, open: () => Puller): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const puller = open();
    let done = false;
    (async () => {
      try {
        for (;;) {
          const step = await puller.read();
          if (done) return;
          if (step.done) break;
          subscriber.next(asChunk(step.value, name));
          if (done) return;
        }
        done = true;
        puller.release?.();
        subscriber.complete();
      } catch (e) {
        // Not marked done: the teardown this error runs cancels the source (a no-op if it failed).
        if (done) return;
        subscriber.error(e);
      }
    })();
    return () => {
      if (done) return;
      done = true;
      puller.cancel();
    };
  });
}
