/**
 * The one shape of a streaming parser: inputs in (byte chunks, for a reader), outputs out as they
 * complete. `StreamDecoder` is one; a protocol's reader is another. The front ends (an RxJS
 * operator, an AsyncIterable, a Node Transform) are written once against this shape.
 *
 * The rules every implementation keeps:
 * - `write` passes every output the input completes to `emit`, in order, and throws the first error
 *   only after emitting everything before it; after an error the parser is done.
 * - `finish` says the input is over: it emits what the end settles and throws if an output was cut
 *   short (an IncompleteError naming the offset and the bytes missing, for bytes).
 */
export interface StreamParser<I, O> {
  /** Takes one input, emitting each output it completes; throws the first error after emitting everything before it. */
  write(input: I, emit: (value: O) => void): void;
  /** The input is over: emits what is left, or throws (an output cut short). */
  finish(emit: (value: O) => void): void;
}

/** A parser of bytes, which also tells where it stands in the stream. */
export interface ByteStreamParser<T> extends StreamParser<Uint8Array, T> {
  /** Absolute stream offset of the next record (the bytes delivered as records so far). */
  readonly offset: number;
  /** Bytes held for a record not complete yet. */
  readonly buffered: number;
  /** The least number of bytes the pending record still needs (0 when none is pending). */
  readonly needed: number;
}
