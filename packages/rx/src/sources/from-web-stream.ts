import type { Observable } from 'rxjs';
import { pulled } from './pull-loop.js';

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
  return pulled('fromWebStream', () => {
    const reader = stream.getReader();
    return {
      read: () => reader.read(),
      cancel: () => {
        reader.cancel().catch(() => {});
      },
      release: () => reader.releaseLock(),
    };
  });
}
