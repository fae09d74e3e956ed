export { type ByteLength, BytesCodec, bytes, bytesOf } from './bytes.js';
export { DelimitedCodec } from './delimited.js';
export { type DelimitedOptions, Delimiter, type Until } from './delimiter.js';
export { MagicCodec, magic } from './magic.js';
export { AlignCodec, align, PaddingCodec, type PaddingOptions, padding } from './padding.js';
