import type { Codec } from '@stride/codec';
import { Observable, type Observer, type OperatorFunction, Subscription } from 'rxjs';
import { DecodeEngine, type DecodeOptions } from '../engine/engine.js';

/**
 * Decodes a stream of byte chunks into records: `fromReadable(socket).pipe(decode(Message))`.
 *
 * Each record is emitted as soon as its last byte arrives. A DecodeError goes down the error
 * channel, with its absolute stream offset, after every record before it; completing with a
 * record cut short is an IncompleteError. Unsubscribing unsubscribes from the source (which, for
 * this package's sources, closes it). For a protocol that changes framing mid-stream, pass a
 * `mode` hook and name the union of record types: `decode<Hello | Frame>(Hello, { mode })`.
 */
export function decode<T>(codec: Codec<T>, options: DecodeOptions<T> = {}): OperatorFunction<Uint8Array, T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const chunks = new ChunkSubscriber(new DecodeEngine(codec, options), subscriber);
      subscriber.add(chunks);
      source.subscribe(chunks);
    });
}

/**
 * What `decode` subscribes to its source with. RxJS hands an object that is both an Observer and a
 * Subscription to the source as its subscriber, as is; so when the records' subscriber goes away
 * (`take(1)`), this one is closed at once, and a synchronous source (`from(chunks)`) sees it and
 * stops, rather than emitting everything it has into a decoder nobody listens to.
 */
class ChunkSubscriber<T> extends Subscription implements Observer<Uint8Array> {
  private readonly engine: DecodeEngine<T>;
  private readonly out: Observer<T>;
  private readonly emit: (record: T) => void;

  constructor(engine: DecodeEngine<T>, out: Observer<T>) {
    super();
    this.engine = engine;
    this.out = out;
    this.emit = (record) => out.next(record);
  }

  next(chunk: Uint8Array): void {
    if (this.closed) return;
    try {
      this.engine.write(chunk, this.emit);
    } catch (e) {
      this.error(e);
    }
  }

  error(e: unknown): void {
    if (this.closed) return;
    this.unsubscribe();
    this.out.error(e);
  }

  complete(): void {
    if (this.closed) return;
    this.unsubscribe();
    try {
      this.engine.finish(this.emit);
    } catch (e) {
      this.out.error(e);
      return;
    }
    this.out.complete();
  }
}
