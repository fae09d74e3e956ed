import type { StreamParser } from '@stride/codec';
import { Observable, type Observer, type OperatorFunction, Subscription } from 'rxjs';

/**
 * Any stream parser as an operator: `fromReadable(socket).pipe(parse(() => new PngReader()))`.
 * `start` is called once per subscription, for a fresh parser; its outputs go out as they
 * complete, its error down the error channel after every output before it, and a synchronous source
 * is stopped as soon as nobody listens (see InputSubscriber). `decodeRecords` is built on it, and so
 * are the protocol packages' operators.
 */
export function parse<I, O>(start: () => StreamParser<I, O>): OperatorFunction<I, O> {
  return (source) =>
    new Observable<O>((subscriber) => {
      const inputs = new InputSubscriber(start(), subscriber);
      subscriber.add(inputs);
      source.subscribe(inputs);
    });
}

/**
 * What the operator subscribes to its source with. RxJS hands an object that is both an Observer
 * and a Subscription to the source as its subscriber, as is; so when the values' subscriber goes
 * away (`take(1)`), this one is closed at once, and a synchronous source (`from(chunks)`) sees it
 * and stops, rather than emitting everything it has into a parser nobody listens to.
 */
class InputSubscriber<I, O> extends Subscription implements Observer<I> {
  readonly #parser: StreamParser<I, O>;
  readonly #out: Observer<O>;
  readonly #emit: (value: O) => void;

  constructor(parser: StreamParser<I, O>, out: Observer<O>) {
    super();
    this.#parser = parser;
    this.#out = out;
    this.#emit = (value) => out.next(value);
  }

  next(input: I): void {
    if (this.closed) return;
    try {
      this.#parser.write(input, this.#emit);
    } catch (e) {
      this.error(e);
    }
  }

  error(e: unknown): void {
    if (this.closed) return;
    this.unsubscribe();
    this.#out.error(e);
  }

  complete(): void {
    if (this.closed) return;
    this.unsubscribe();
    try {
      this.#parser.finish(this.#emit);
    } catch (e) {
      this.#out.error(e);
      return;
    }
    this.#out.complete();
  }
}
