import { Observable, type Observer, type OperatorFunction, Subscription } from 'rxjs';

/** What turns byte chunks into values: `decode`'s engine, a protocol's reader. */
export interface ChunkParser<T> {
  /** Parses what `chunk` completes, emitting each value; throws the first error after emitting everything before it. */
  write(chunk: Uint8Array, emit: (value: T) => void): void;
  /** The input is over: emits what is left, or throws (a record cut short). */
  finish(emit: (value: T) => void): void;
}

/**
 * The operator shape every parser of byte streams shares: one fresh parser per subscription,
 * values out as they complete, a parser error down the error channel after every value before
 * it, and a synchronous source stopped as soon as nobody listens (see ChunkSubscriber).
 * `decode` is built on it, and so are the protocol packages' readers.
 */
export function bytesOperator<T>(start: () => ChunkParser<T>): OperatorFunction<Uint8Array, T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const chunks = new ChunkSubscriber(start(), subscriber);
      subscriber.add(chunks);
      source.subscribe(chunks);
    });
}

/**
 * What the operator subscribes to its source with. RxJS hands an object that is both an Observer
 * and a Subscription to the source as its subscriber, as is; so when the values' subscriber goes
 * away (`take(1)`), this one is closed at once, and a synchronous source (`from(chunks)`) sees it
 * and stops, rather than emitting everything it has into a parser nobody listens to.
 */
class ChunkSubscriber<T> extends Subscription implements Observer<Uint8Array> {
  private readonly parser: ChunkParser<T>;
  private readonly out: Observer<T>;
  private readonly emit: (value: T) => void;

  constructor(parser: ChunkParser<T>, out: Observer<T>) {
    super();
    this.parser = parser;
    this.out = out;
    this.emit = (value) => out.next(value);
  }

  next(chunk: Uint8Array): void {
    if (this.closed) return;
    try {
      this.parser.write(chunk, this.emit);
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
      this.parser.finish(this.emit);
    } catch (e) {
      this.out.error(e);
      return;
    }
    this.out.complete();
  }
}
