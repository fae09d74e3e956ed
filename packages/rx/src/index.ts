/**
 * @stride/rx: byte sources as RxJS observables (Node streams and sockets, async iterables, web
 * streams), the `decode` and `encode` operators, a backpressure-aware writable sink, and pull-based
 * front ends (AsyncIterable, Node Transform) over the same decoding engine.
 */
export type { DecodeOptions, StreamLimits } from './engine/engine.js';
export { decode } from './operators/decode.js';
export { encode } from './operators/encode.js';
export { parserOperator, type StreamParser } from './operators/parser-operator.js';
export { type DecodeIterator, decodeAsyncIterable } from './pull/decode-async-iterable.js';
export { createDecodeStream, DecodeStream, type DecodeStreamOptions } from './pull/decode-stream.js';
export { type ToWritableOptions, toWritable } from './sinks/to-writable.js';
export { fromAsyncIterable } from './sources/from-async-iterable.js';
export { type FromReadableOptions, fromReadable } from './sources/from-readable.js';
export { fromWebStream, type WebReadableStream } from './sources/from-web-stream.js';
