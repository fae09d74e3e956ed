import type { Writable } from 'node:stream';
import type { Observable, Subscription, UnaryFunction } from 'rxjs';

export interface ToWritableOptions {
  /** End the writable when the source completes (default true). */
  end?: boolean;
}

/**
 * Writes every chunk of the source to a Node Writable, respecting its backpressure: once
 * `write()` returns false nothing more is written until `drain`; chunks that arrive meanwhile wait
 * here, in order. `await bytes$.pipe(toWritable(socket))`.
 *
 * The promise resolves once everything is written: after `finish` when the writable is ended
 * (`end`, the default), else after the last write's callback. It rejects with the source's error
 * (and destroys the writable with it, like `stream.pipeline`), or with the writable's error or
 * early close (and unsubscribes from the source).
 */
export function toWritable(
  writable: Writable,
  options: ToWritableOptions = {},
): UnaryFunction<Observable<Uint8Array>, Promise<void>> {
  const end = options.end ?? true;
  return (source) =>
    new Promise<void>((resolve, reject) => {
      const queue: Uint8Array[] = [];
      let head = 0;
      let waiting = false;
      let sourceDone = false;
      let settled = false;
      let subscription: Subscription | undefined;

      const cleanup = () => {
        writable.removeListener('drain', onDrain);
        writable.removeListener('error', onError);
        writable.removeListener('close', onClose);
        writable.removeListener('finish', onFinish);
      };
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        subscription?.unsubscribe();
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => {
        waiting = false;
        pump();
      };
      const onError = (e: unknown) => settle(e);
      const onClose = () =>
        settle(new Error('toWritable: the writable closed before everything was written'));
      const onFinish = () => settle();

      // Writes not yet called back; with `end: false` the promise waits for them.
      let inFlight = 0;
      let ending = false;
      const written = (e?: Error | null) => {
        inFlight--;
        if (e) settle(e);
        else maybeDone();
      };
      const maybeDone = () => {
        if (!sourceDone || head < queue.length || waiting || settled) return;
        if (!end) {
          if (inFlight === 0) settle();
        } else if (!ending) {
          ending = true;
          writable.end();
        }
      };
      const pump = () => {
        while (head < queue.length && !waiting && !settled) {
          const chunk = queue[head] as Uint8Array;
          queue[head++] = EMPTY;
          inFlight++;
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
      subscription = source.subscribe({
        next(chunk) {
          queue.push(chunk);
          if (!waiting) pump();
        },
        error(e) {
          if (settled) return;
          writable.destroy(e instanceof Error ? e : new Error(String(e)));
          settle(e);
        },
        complete() {
          sourceDone = true;
          if (!waiting) pump();
        },
      });
      if (settled) subscription.unsubscribe();
    });
}

const EMPTY = new Uint8Array(0);
