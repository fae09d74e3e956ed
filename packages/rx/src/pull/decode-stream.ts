import { Transform, type TransformCallback } from 'node:stream';
import type { Codec } from '@stride/codec';
import { DecodeEngine, type DecodeOptions } from '../engine/engine.js';

export interface DecodeStreamOptions<T> extends DecodeOptions<T> {
  /** Records the readable side buffers before it stops taking bytes (default 16). */
  highWaterMark?: number;
}

/**
 * A Node Transform from bytes to records: `pipeline(socket, createDecodeStream(Message), sink)`.
 *
 * Backpressure is Node's: while `highWaterMark` records wait to be read, no more bytes are taken,
 * so a slow consumer holds back the source. On a decode error the records before it are still
 * read out first; the stream is destroyed with the error once they have been.
 */
export class DecodeStream<T> extends Transform {
  private readonly engine: DecodeEngine<T>;
  private readonly pushRecord = (record: T) => {
    this.push(record);
  };
  /** A failure waiting for the records before it to be read. */
  private failure: Error | undefined;

  constructor(codec: Codec<T>, options: DecodeStreamOptions<T> = {}) {
    super({ readableObjectMode: true, readableHighWaterMark: options.highWaterMark ?? 16 });
    this.engine = new DecodeEngine(codec, options);
  }

  /** Bytes the decoder holds for a record not complete yet. */
  get buffered(): number {
    return this.engine.buffered;
  }

  /** Absolute stream offset of the next record the decoder will produce. */
  get offset(): number {
    return this.engine.offset;
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      if (!(chunk instanceof Uint8Array))
        throw new TypeError('DecodeStream: write bytes (Buffer or Uint8Array)');
      this.engine.write(chunk, this.pushRecord);
    } catch (e) {
      this.fail(e as Error, callback);
      return;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.engine.finish(this.pushRecord);
    } catch (e) {
      this.fail(e as Error, callback);
      return;
    }
    callback();
  }

  // Every consumer (flowing mode, pipe, async iteration) takes records through read(): the one
  // that takes the last record before a failure raises it.
  override read(size?: number): T | null {
    const record = super.read(size) as T | null;
    if (this.failure !== undefined && this.readableLength === 0) this.destroy(this.failure);
    return record;
  }

  /** Fails now if every record was read, else once they have been (see `read`). */
  private fail(error: Error, callback: TransformCallback): void {
    if (this.readableLength === 0) {
      callback(error);
      return;
    }
    // The write's callback is dropped: the stream takes no more bytes and ends by destroy().
    this.failure = error;
  }
}

/** A Transform decoding bytes into records of `codec` (see DecodeStream). */
export function createDecodeStream<T>(
  codec: Codec<T>,
  options: DecodeStreamOptions<T> = {},
): DecodeStream<T> {
  return new DecodeStream(codec, options);
}
