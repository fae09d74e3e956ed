/**
 * @stride/codec: one schema decodes, encodes and infers its type; compiled to straight-line code,
 * with an identical interpreter; incremental over chunk streams.
 *
 * The entry exports what a user calls: the codecs and combinators, decode / encode and their
 * classes, StreamDecoder, configure, the limits, the errors, and `defineCodec` with the state its
 * functions receive (DecodeState and EncodeState, as types: the README's "Your own codecs" lists
 * the members a codec may use). Codec classes are types, for annotations; sources, the compiler and
 * helpers stay inside. test/api/exports.test.ts lists the run-time names, so a change is deliberate.
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
export { type ArrayCodec, type ArrayLength, array } from './array/array.js';
export { type BitsCodec, type BitsOptions, type BitsValue, type BitWidths, bits } from './bits/bits.js';
export { type ByteLength, type BytesCodec, bytes, bytesOf } from './bytes/bytes.js';
export type { DelimitedCodec } from './bytes/delimited.js';
export type { DelimitedOptions, Until } from './bytes/delimiter.js';
export { type MagicCodec, magic } from './bytes/magic.js';
export { type AlignCodec, align, type PaddingCodec, type PaddingOptions, padding } from './bytes/padding.js';
export {
  type ChecksumFunction,
  type ChecksummedCodec,
  type ChecksumOptions,
  checksummed,
  crc32,
} from './checksum/checksum.js';
export { type AnyCodec, Codec, type CodecSpec, defineCodec, type Infer } from './core/codec.js';
export type { DecodeState } from './core/decode-state.js';
export type { EncodeState } from './core/encode-state.js';
export { defaultLimits, type Limits } from './core/limits.js';
export {
  ChecksumError,
  ConstantError,
  DecodeError,
  type DecodeErrorCode,
  type DecodeErrorDetails,
  EncodeError,
  IncompleteError,
  LimitError,
  OffsetError,
  type PathSegment,
  type StreamErrorCode,
  TagError,
  TrailingBytesError,
  ValidationError,
} from './errors.js';
export { type LazyCodec, lazy } from './lazy/lazy.js';
export { type BoolCodec, type BoolOptions, bool, bool8 } from './numbers/bool.js';
export { type DecimalCodec, type DecimalOptions, decimal } from './numbers/decimal.js';
export {
  f16be,
  f16le,
  f32be,
  f32le,
  f64be,
  f64le,
  i8,
  i16be,
  i16le,
  i32be,
  i32le,
  i64be,
  i64le,
  u8,
  u16be,
  u16le,
  u32be,
  u32le,
  u64be,
  u64le,
} from './numbers/fixed.js';
export { i64beNumber, i64leNumber, u64beNumber, u64leNumber } from './numbers/safe64.js';
export { sleb128, sleb128Big, uleb128, uleb128Big, zigzag, zigzagBig } from './numbers/varint.js';
export { type NullableCodec, nullable } from './optional/nullable.js';
export { type OptionalCodec, optional, type WhenCodec, when } from './optional/optional.js';
export { type PeekCodec, peek } from './peek/peek.js';
export { type PointerBase, type PointerCodec, type PointerOptions, pointer } from './pointer/pointer.js';
export { type SizedCodec, type SizedOptions, sized } from './section/sized.js';
export {
  type ModeSwitch,
  StreamDecoder,
  type StreamDecoderOptions,
  type StreamLimits,
} from './stream/stream-decoder.js';
export type { ByteStreamParser, StreamParser } from './stream/stream-parser.js';
export {
  cstring,
  type DelimitedStringOptions,
  type StringCodec,
  type StringLength,
  type StringOptions,
  string,
} from './strings/string.js';
export type { Encoding } from './strings/text.js';
export { type Simplify, type StructCodec, type StructValue, struct } from './struct/struct.js';
export {
  type LiteralCodec,
  literal,
  type Primitive,
  type RefineCodec,
  refine,
  type Transformation,
  type TransformCodec,
  transform,
} from './transform/transform.js';
export { type TupleCodec, type TupleValue, tuple } from './tuple/tuple.js';
export { charTag } from './union/char-tag.js';
export { type PeekTagCodec, peekTag } from './union/peek-tag.js';
export { select } from './union/select.js';
export {
  type TaggedUnionCodec,
  taggedUnion,
  type UnionOptions,
  type UnionTag,
  type UnionValue,
  type VariantTable,
  type VariantValue,
} from './union/union.js';
