import type { Writable } from 'node:stream';
import { Observable, type OperatorFunction } from 'rxjs';

export interface ToWritableOptions {
  /** End the writable when the source completes (default true). */
  end?: boolean;
}

/**
 * Writes every chunk of the source to a Node Writable, respecting its backpressure: once
 * `write()` returns false nothing more is written until `drain`; chunks that arrive meanwhile wait
 * here, in order. `const n = await lastValueFrom(replies$.pipe(encode(Message), toWritable(socket)))`.
 *
 * Emits the number of bytes written, once, when everything is written: after `finish` when the
 * writable is ended (`end`, the default), else after the last write's callback. Errors with the
 * source's error (destroying the writable with it, like `stream.pipeline`), or with the
 * writable's error or early close (unsubscribing from the source). Unsubscribing stops writing and
 * leaves the writable as it is.
 */
export function toWritable(
  writable: Writable,
  options: ToWritableOptions = {},
): OperatorFunction<Uint8Array, number> {
  const end = options.end ?? true;
  return (source) =>
    new Observable<number>((subscriber) => {
      const queue: Uint8Array[] = [];
      let head = 0;
      let waiting = false;
      let sourceDone = false;
      let failed = false;
      let bytes = 0;
      // Writes not yet called back; with `end: false` completion waits for them.
      let inFlight = 0;
      let ending = false;

      const fail = (error: unknown) => {
        if (failed || subscriber.closed) return;
        failed = true;
        subscriber.error(error);
      };
      const done = () => {
        subscriber.next(bytes);
        subscriber.complete();
      };
      const onDrain = () => {
        waiting = false;
        pump();
      };
      const onError = (e: unknown) => fail(e);
      const onClose = () => fail(new Error('toWritable: the writable closed before everything was written'));
      const onFinish = () => done();
      const written = (e?: Error | null) => {
        inFlight--;
        if (e) fail(e);
        else maybeDone();
      };
      const maybeDone = () => {
        if (!sourceDone || head < queue.length || waiting || subscriber.closed) return;
        if (!end) {
          if (inFlight === 0) done();
        } else if (!ending) {
          ending = true;
          writable.end();
        }
      };
      const pump = () => {
        while (head < queue.length && !waiting && !subscriber.closed) {
          const chunk = queue[head] as Uint8Array;
          queue[head++] = EMPTY;
          inFlight++;
          bytes += chunk.byteLength;
          if (!writable.write(chunk, written)) waiting = true;
        }
        if (head === queue.length) {
          queue.length = 0;
          head = 0;
        }
        maybeDone();
      };

      writable.on('drain', onDrain);
      writable.on('error', onError);
      writable.on('close', onClose);
      writable.on('finish', onFinish);
      const subscription = source.subscribe({
        next(chunk) {
          queue.push(chunk);
          if (!waiting) pump();
        },
        error(e) {
          // Like stream.pipeline: a failed source destroys the writable, with the error.
          writable.destroy(e instanceof Error ? e : new Error(String(e)));
          fail(e);
        },
        complete() {
          sourceDone = true;
          if (!waiting) pump();
        },
      });
      return () => {
        subscription.unsubscribe();
        writable.removeListener('drain', onDrain);
        writable.removeListener('close', onClose);
        writable.removeListener('finish', onFinish);
        // After a failure our (now inert) error listener stays: the writable may still emit the
        // error already delivered, and nobody else may be listening.
        if (!failed) writable.removeListener('error', onError);
      };
    });
}

const EMPTY = new Uint8Array(0);
