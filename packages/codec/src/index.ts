/**
 * @stride/codec: one schema decodes, encodes and infers its type; compiled to straight-line code,
 * with an identical interpreter; incremental over chunk streams.
 */
export { configure } from './api/compile.js';
export { type DecodeOptions, Decoder, decode } from './api/decode.js';
export {
  type DeepReadonly,
  type Encodable,
  type EncodeOptions,
  Encoder,
  encode,
  sizeOf,
} from './api/encode.js';
export { ArrayCodec, type ArrayLength, array } from './array/array.js';
export * from './bits/index.js';
export * from './bytes/index.js';
export * from './checksum/index.js';
export { type AnyCodec, Codec, type CodecSpec, defineCodec, type Infer } from './core/codec.js';
export { DecodeState } from './core/decode-state.js';
export { EncodeState } from './core/encode-state.js';
export { defaultLimits, type Limits } from './core/limits.js';
export { ChainSource, FlatSource, Source } from './core/source.js';
export * from './errors.js';
export * from './lazy/index.js';
export * from './numbers/index.js';
export * from './optional/index.js';
export * from './peek/index.js';
export * from './pointer/index.js';
export * from './section/index.js';
export { StreamDecoder, type StreamDecoderOptions, type StreamLimits } from './stream/stream-decoder.js';
export type { ByteStreamParser, StreamParser } from './stream/stream-parser.js';
export * from './strings/index.js';
export { type Simplify, StructCodec, type StructValue, struct } from './struct/struct.js';
export * from './transform/index.js';
export { TupleCodec, type TupleValue, tuple } from './tuple/tuple.js';
export * from './union/index.js';
