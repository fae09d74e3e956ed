import { finished, type Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { asChunk } from './chunk.js';

export interface FromReadableOptions {
  /**
   * Destroy the stream when the subscriber unsubscribes before it ended (default true: a socket
   * nobody reads is closed). With false the stream is paused instead and can be subscribed again.
   */
  destroyOnUnsubscribe?: boolean;
}

/**
 * The chunks of a Node Readable (a socket, a file stream, a child's stdout) as an Observable.
 *
 * Completes at the stream's end; an error, or the stream closing before its end, is the error.
 * Unsubscribing before the end destroys the stream (see `destroyOnUnsubscribe`); once the stream
 * has ended it is left alone, so a socket stays open for the replies still being written. Every
 * listener added is removed on teardown.
 */
export function fromReadable(
  readable: Readable | NodeJS.ReadableStream,
  options: FromReadableOptions = {},
): Observable<Uint8Array> {
  const destroy = options.destroyOnUnsubscribe ?? true;
  return new Observable<Uint8Array>((subscriber) => {
    let ended = false;
    const onData = (value: unknown) => {
      let chunk: Uint8Array;
      try {
        chunk = asChunk(value, 'fromReadable');
      } catch (e) {
        subscriber.error(e);
        return;
      }
      subscriber.next(chunk);
    };
    readable.on('data', onData);
    const stopWatching = finished(readable, { writable: false }, (err) => {
      ended = true;
      if (err) subscriber.error(err);
      else subscriber.complete();
    });
    readable.resume();
    return () => {
      readable.removeListener('data', onData);
      stopWatching();
      if (ended) return;
      if (destroy) (readable as Readable).destroy();
      else readable.pause();
    };
  });
}
