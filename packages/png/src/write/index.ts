/**
 * The PNG writer: chunks (by data or by decoded fields) and the reader's events back to bytes, in
 * one buffer (`encodePng`), or as a stream by the ChunkSequencer (`encodePngChunks` in
 * `@stride/png/rx`). CRCs are always computed afresh.
 */
export {
  checkChunkType,
  encodeChunk,
  MAX_CHUNK_DATA,
  type PngChunkBytesInput,
  type PngChunkFieldsInput,
  type PngChunkInput,
} from './chunk-bytes.js';
export { encodePng } from './encode-png.js';
export { PngEncodeErrorCode } from './errors.js';
export { ChunkSequencer, type EncodePngOptions, type PngWriteInput } from './sequencer.js';
