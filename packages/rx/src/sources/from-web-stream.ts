import { Observable } from 'rxjs';
import { asChunk } from './chunk.js';

/** What fromWebStream needs of a WHATWG ReadableStream (Node's `stream/web` or a browser's). */
export interface WebReadableStream<R = Uint8Array> {
  getReader(): {
    read(): Promise<{ done: boolean; value?: R | undefined }>;
    cancel(reason?: unknown): Promise<void>;
    releaseLock(): void;
  };
}

/**
 * The chunks of a web ReadableStream (`fetch(...).body`, `Readable.toWeb(...)`) as an Observable.
 * Unsubscribing before the end cancels the stream; at its end the reader's lock is released.
 */
export function fromWebStream(stream: WebReadableStream<Uint8Array>): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const reader = stream.getReader();
    let done = false;
    (async () => {
      try {
        for (;;) {
          const step = await reader.read();
          if (done) return;
          if (step.done) break;
          subscriber.next(asChunk(step.value, 'fromWebStream'));
          if (done) return;
        }
        done = true;
        reader.releaseLock();
        subscriber.complete();
      } catch (e) {
        // Not marked done: the teardown this error runs cancels the stream (a no-op if it failed).
        if (done) return;
        subscriber.error(e);
      }
    })();
    return () => {
      if (done) return;
      done = true;
      reader.cancel().catch(() => {});
    };
  });
}
