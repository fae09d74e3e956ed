/**
 * @stride/rx: byte sources as RxJS observables (Node streams and sockets, async iterables, web
 * streams), a backpressure-aware writable sink, and the three front ends of any stream parser
 * (codec's `StreamParser` shape): the `parse` operator, `parseAsyncIterable` and the
 * `createParseStream` Transform; `decodeRecords` and `encodeRecords` for a codec's records.
 */
export { decodeRecords } from './operators/decode-records.js';
export { encodeRecords } from './operators/encode-records.js';
export { parse } from './operators/parse.js';
export { type ParseIterator, parseAsyncIterable } from './pull/parse-async-iterable.js';
export { createParseStream, ParseStream, type ParseStreamOptions } from './pull/parse-stream.js';
export { type ToWritableOptions, toWritable } from './sinks/to-writable.js';
export { fromAsyncIterable } from './sources/from-async-iterable.js';
export { type FromReadableOptions, fromReadable } from './sources/from-readable.js';
export { fromWebStream, type WebReadableStream } from './sources/from-web-stream.js';
