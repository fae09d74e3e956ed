import type { ByteStreamParser } from '@stride/codec';
import { asChunk } from '../sources/chunk.js';

/** The outputs of a parser over a byte source, pulled: `for await (const m of parseAsyncIterable(parser, socket))`. */
export interface ParseIterator<T> extends AsyncIterableIterator<T> {
  /** Absolute stream offset of the next output the parser will produce. */
  readonly offset: number;
  /** Bytes the parser holds for an output not complete yet. */
  readonly buffered: number;
  /** The least number of bytes the pending output still needs (0 when none is pending). */
  readonly needed: number;
  /**
   * Calls `fn` with every output, in order, and resolves at the end (or rejects with the error,
   * after `fn` saw every output before it). Pulls like the loop does, a chunk once `fn` has
   * returned for every output of the last, but with no promise per output: for small records it
   * runs at the bare parser's speed, where `for await` spends more on each step than on parsing.
   */
  forEach(fn: (value: T) => void): Promise<void>;
}

/**
 * Feeds the chunks of `source` (a socket, a file stream, any (async) iterable of bytes) to `parser`
 * (a `new StreamDecoder(codec)`, a protocol's reader) and hands out its outputs, pulled one by one.
 * A chunk is read from the source only once every output of the previous one has been taken, so a
 * slow consumer holds back the source (and, for a socket, the peer, through TCP). Outputs before an
 * error are returned first; then `next()` rejects with it. Leaving the loop early (`break`,
 * `return()`) returns the source's iterator, which for a Node stream destroys it. The parser is
 * used up: one iteration per parser.
 */
export function parseAsyncIterable<T>(
  parser: ByteStreamParser<T>,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): ParseIterator<T> {
  return new PullIterator(parser, source);
}

type Source = AsyncIterator<Uint8Array> | Iterator<Uint8Array>;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class PullIterator<T> implements ParseIterator<T> {
  readonly #parser: ByteStreamParser<T>;
  readonly #source: Source;
  /** Outputs of the last chunk not taken yet: `queue[head..]`. */
  #queue: T[] = [];
  #head = 0;
  readonly #emit = (value: T) => {
    this.#queue.push(value);
  };
  /** The failure to raise once the queue is empty. */
  #failure: { error: unknown } | undefined;
  #ended = false;
  #filling: Promise<void> | undefined;

  constructor(parser: ByteStreamParser<T>, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.#parser = parser;
    this.#source =
      Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  }

  get offset(): number {
    return this.#parser.offset;
  }

  get buffered(): number {
    return this.#parser.buffered;
  }

  get needed(): number {
    return this.#parser.needed;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    // The common case, an output already parsed, costs no async function call.
    if (this.#head < this.#queue.length) return Promise.resolve(this.#take());
    return this.#pull();
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#queue = [];
    this.#head = 0;
    this.#failure = undefined;
    await this.#close();
    return DONE;
  }

  #take(): IteratorYieldResult<T> {
    const value = this.#queue[this.#head] as T;
    this.#queue[this.#head++] = undefined as T;
    return { done: false, value };
  }

  async forEach(fn: (value: T) => void): Promise<void> {
    try {
      while (this.#head < this.#queue.length) fn(this.#take().value);
    } catch (error) {
      await this.#close();
      throw error;
    }
    for (;;) {
      this.#raise();
      if (this.#ended) return;
      await this.#readChunk(fn);
    }
  }

  async #pull(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.#head < this.#queue.length) return this.#take();
      this.#raise();
      if (this.#ended) return DONE;
      // One fill at a time, even if next() is called again before the last one settled.
      this.#filling ??= this.#fill().finally(() => {
        this.#filling = undefined;
      });
      await this.#filling;
    }
  }

  /** Throws the failure waiting to be raised, if any (once). */
  #raise(): void {
    if (this.#failure === undefined) return;
    const { error } = this.#failure;
    this.#failure = undefined;
    throw error;
  }

  /** Parses the next chunk into the queue. */
  #fill(): Promise<void> {
    this.#queue.length = 0;
    this.#head = 0;
    return this.#readChunk(this.#emit);
  }

  /** Reads one chunk from the source and passes its outputs to `emit`; a failure is kept to be raised. */
  async #readChunk(emit: (value: T) => void): Promise<void> {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await this.#source.next();
    } catch (error) {
      if (this.#ended) return;
      this.#ended = true;
      this.#failure = { error };
      return;
    }
    // return() was called while the chunk was on its way: the consumer wants nothing more.
    if (this.#ended) return;
    try {
      if (step.done) {
        this.#ended = true;
        this.#parser.finish(emit);
      } else {
        this.#parser.write(asChunk(step.value, 'parseAsyncIterable'), emit);
      }
    } catch (error) {
      this.#failure = { error };
      await this.#close();
    }
  }

  async #close(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    try {
      await this.#source.return?.();
    } catch {
      // The source failing while it is being closed changes nothing for the consumer.
    }
  }
}
