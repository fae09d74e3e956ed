/**
 * The engine every front end drives: a StreamDecoder (whose `maxBuffered` limit bounds the bytes
 * held for a record not complete yet). The Observable operator, the AsyncIterable and the
 * Node Transform differ only in how chunks come in and records go out.
 */
import { type Codec, StreamDecoder, type StreamDecoderOptions, type StreamLimits } from '@stride/codec';

export type { StreamLimits };

export type DecodeOptions<T> = StreamDecoderOptions<T>;

export class DecodeEngine<T> {
  readonly decoder: StreamDecoder<T>;

  constructor(codec: Codec<T>, options: DecodeOptions<T> = {}) {
    this.decoder = new StreamDecoder(codec, options);
  }

  /** Bytes held for the record not complete yet. */
  get buffered(): number {
    return this.decoder.buffered;
  }

  /** Absolute stream offset of the next record. */
  get offset(): number {
    return this.decoder.offset;
  }

  /** Decodes what `chunk` completes into `emit`; throws (after emitting the records before) on a failure. */
  write(chunk: Uint8Array, emit: (record: T) => void): void {
    this.decoder.write(chunk, emit);
  }

  /** Ends the stream: emits what the end settles; IncompleteError if a record is cut short. */
  finish(emit: (record: T) => void): void {
    this.decoder.finish(emit);
  }
}
