/**
 * The engine every front end drives: a StreamDecoder plus the `maxBuffered` limit, which bounds
 * the bytes held for a record not complete yet. The Observable operator, the AsyncIterable and the
 * Node Transform differ only in how chunks come in and records go out.
 */
import {
  type Codec,
  defaultLimits,
  LimitError,
  type Limits,
  StreamDecoder,
  type StreamDecoderOptions,
} from '@stride/codec';

export interface StreamLimits extends Limits {
  /**
   * The most bytes held for one record that is not complete yet (default: `maxRecordBytes`). Past
   * it the stream fails with a LimitError (`limit: 'maxBuffered'`) at the record's offset.
   */
  maxBuffered: number;
}

export interface DecodeOptions<T> extends Omit<StreamDecoderOptions<T>, 'limits'> {
  limits?: Partial<StreamLimits>;
}

export class DecodeEngine<T> {
  readonly decoder: StreamDecoder<T>;
  private readonly maxBuffered: number;

  constructor(codec: Codec<T>, options: DecodeOptions<T> = {}) {
    const { maxBuffered, ...limits } = options.limits ?? {};
    this.decoder = new StreamDecoder(codec, { ...options, limits });
    this.maxBuffered = maxBuffered ?? limits.maxRecordBytes ?? defaultLimits.maxRecordBytes;
    if (!(this.maxBuffered >= 0)) throw new RangeError(`maxBuffered must be >= 0, got ${maxBuffered}`);
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
    const held = this.decoder.buffered;
    if (held > this.maxBuffered) {
      const offset = this.decoder.offset;
      throw new LimitError(
        'maxBuffered',
        `${held} bytes held for the record at offset ${offset} exceed maxBuffered (${this.maxBuffered}); raise the limit if records this large are legitimate`,
        { offset, expected: `at most ${this.maxBuffered} bytes held`, actual: `${held} bytes` },
      );
    }
  }

  /** Ends the stream: emits what the end settles; IncompleteError if a record is cut short. */
  finish(emit: (record: T) => void): void {
    this.decoder.finish(emit);
  }
}
