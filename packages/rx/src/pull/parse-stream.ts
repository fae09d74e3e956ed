import { Transform, type TransformCallback } from 'node:stream';
import type { ByteStreamParser } from '@stride/codec';

export interface ParseStreamOptions {
  /** Outputs the readable side buffers before it stops taking bytes (default 16). */
  highWaterMark?: number;
}

/**
 * A Node Transform from bytes to a parser's outputs:
 * `pipeline(socket, createParseStream(new StreamDecoder(Message)), sink)`.
 *
 * Backpressure is Node's: while `highWaterMark` outputs wait to be read, no more bytes are taken,
 * so a slow consumer holds back the source. On a parse error the outputs before it are still
 * read out first; the stream is destroyed with the error once they have been.
 */
export class ParseStream<T> extends Transform {
  readonly #parser: ByteStreamParser<T>;
  readonly #emit = (value: T) => {
    this.push(value);
  };
  /** A failure waiting for the outputs before it to be read. */
  #failure: Error | undefined;

  constructor(parser: ByteStreamParser<T>, options: ParseStreamOptions = {}) {
    super({ readableObjectMode: true, readableHighWaterMark: options.highWaterMark ?? 16 });
    this.#parser = parser;
  }

  /** Absolute stream offset of the next output the parser will produce. */
  get offset(): number {
    return this.#parser.offset;
  }

  /** Bytes the parser holds for an output not complete yet. */
  get buffered(): number {
    return this.#parser.buffered;
  }

  /** The least number of bytes the pending output still needs (0 when none is pending). */
  get needed(): number {
    return this.#parser.needed;
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (!(chunk instanceof Uint8Array))
        throw new TypeError('ParseStream: write bytes (Buffer or Uint8Array)');
      this.#parser.write(chunk, this.#emit);
    } catch (e) {
      this.#fail(e as Error, callback);
      return;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#parser.finish(this.#emit);
    } catch (e) {
      this.#fail(e as Error, callback);
      return;
    }
    callback();
  }

  // Every consumer (flowing mode, pipe, async iteration) takes outputs through read(): the one
  // that takes the last output before a failure raises it.
  override read(size?: number): T | null {
    const value = super.read(size) as T | null;
    if (this.#failure !== undefined && this.readableLength === 0) this.destroy(this.#failure);
    return value;
  }

  /** Fails now if every output was read, else once they have been (see `read`). */
  #fail(error: Error, callback: TransformCallback): void {
    if (this.readableLength === 0) {
      callback(error);
      return;
    }
    // The write's callback is dropped: the stream takes no more bytes and ends by destroy().
    this.#failure = error;
  }
}

/** A Transform feeding bytes to `parser` and passing on its outputs (see ParseStream). */
export function createParseStream<T>(
  parser: ByteStreamParser<T>,
  options: ParseStreamOptions = {},
): ParseStream<T> {
  return new ParseStream(parser, options);
}
