import type { Codec } from '@stride/codec';
import { DecodeEngine, type DecodeOptions } from '../engine/engine.js';
import { asChunk } from '../sources/chunk.js';

/** The records of a byte source, pulled: `for await (const m of decodeAsyncIterable(Message, socket))`. */
export interface DecodeIterator<T> extends AsyncIterableIterator<T> {
  /** Bytes the decoder holds for a record not complete yet. */
  readonly buffered: number;
  /** Absolute stream offset of the next record the decoder will produce. */
  readonly offset: number;
  /**
   * Calls `fn` with every record, in order, and resolves at the end (or rejects with the error,
   * after `fn` saw every record before it). Pulls like the loop does, a chunk once `fn` has
   * returned for every record of the last, but with no promise per record: for small records it
   * runs at the bare decoder's speed, where `for await` spends more on each step than on decoding.
   */
  forEach(fn: (record: T) => void): Promise<void>;
}

/**
 * Decodes the chunks of `source` (a socket, a file stream, any (async) iterable of bytes) into
 * records, pulled one by one. A chunk is read from the source only once every record of the
 * previous one has been taken, so a slow consumer holds back the source (and, for a socket, the
 * peer, through TCP). Records before an error are returned first; then `next()` rejects with it.
 * Leaving the loop early (`break`, `return()`) returns the source's iterator, which for a Node
 * stream destroys it.
 */
export function decodeAsyncIterable<T>(
  codec: Codec<T>,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecodeOptions<T> = {},
): DecodeIterator<T> {
  return new RecordIterator(new DecodeEngine(codec, options), source);
}

type Source = AsyncIterator<Uint8Array> | Iterator<Uint8Array>;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

class RecordIterator<T> implements DecodeIterator<T> {
  private readonly engine: DecodeEngine<T>;
  private readonly source: Source;
  /** Records of the last chunk not taken yet: `queue[head..]`. */
  private queue: T[] = [];
  private head = 0;
  private readonly emit = (record: T) => {
    this.queue.push(record);
  };
  /** The failure to raise once the queue is empty. */
  private failure: { error: unknown } | undefined;
  private ended = false;
  private filling: Promise<void> | undefined;

  constructor(engine: DecodeEngine<T>, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.engine = engine;
    this.source = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  }

  get buffered(): number {
    return this.engine.buffered;
  }

  get offset(): number {
    return this.engine.offset;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    // The common case, a record already decoded, costs no async function call.
    if (this.head < this.queue.length) return Promise.resolve(this.take());
    return this.pull();
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.queue = [];
    this.head = 0;
    this.failure = undefined;
    await this.close();
    return DONE;
  }

  private take(): IteratorYieldResult<T> {
    const value = this.queue[this.head] as T;
    this.queue[this.head++] = undefined as T;
    return { done: false, value };
  }

  async forEach(fn: (record: T) => void): Promise<void> {
    try {
      while (this.head < this.queue.length) fn(this.take().value);
    } catch (error) {
      await this.close();
      throw error;
    }
    for (;;) {
      this.raise();
      if (this.ended) return;
      await this.readChunk(fn);
    }
  }

  private async pull(): Promise<IteratorResult<T, undefined>> {
    for (;;) {
      if (this.head < this.queue.length) return this.take();
      this.raise();
      if (this.ended) return DONE;
      // One fill at a time, even if next() is called again before the last one settled.
      this.filling ??= this.fill().finally(() => {
        this.filling = undefined;
      });
      await this.filling;
    }
  }

  /** Throws the failure waiting to be raised, if any (once). */
  private raise(): void {
    if (this.failure === undefined) return;
    const { error } = this.failure;
    this.failure = undefined;
    throw error;
  }

  /** Decodes the next chunk into the queue. */
  private fill(): Promise<void> {
    this.queue.length = 0;
    this.head = 0;
    return this.readChunk(this.emit);
  }

  /** Reads one chunk from the source and passes its records to `emit`; a failure is kept to be raised. */
  private async readChunk(emit: (record: T) => void): Promise<void> {
    let step: IteratorResult<Uint8Array>;
    try {
      step = await this.source.next();
    } catch (error) {
      if (this.ended) return;
      this.ended = true;
      this.failure = { error };
      return;
    }
    // return() was called while the chunk was on its way: the consumer wants nothing more.
    if (this.ended) return;
    try {
      if (step.done) {
        this.ended = true;
        this.engine.finish(emit);
      } else {
        this.engine.write(asChunk(step.value, 'decodeAsyncIterable'), emit);
      }
    } catch (error) {
      this.failure = { error };
      await this.close();
    }
  }

  private async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    try {
      await this.source.return?.();
    } catch {
      // The source failing while it is being closed changes nothing for the consumer.
    }
  }
}
