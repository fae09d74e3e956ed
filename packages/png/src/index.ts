/**
 * @stride/png: a streaming PNG chunk reader (every Third Edition chunk decoded, every rule checked
 * with a stable code and absolute offset), a validator that inflates the image data as it streams,
 * and a writer. The reader and the writer are stream parsers of codec's shape; their RxJS operators
 * are in `@stride/png/rx`, and this entry needs neither rxjs nor @stride/rx.
 */
export { type ChunkProperties, chunkProperties } from './chunk/chunk-type.js';
export type {
  PngChunk,
  PngChunkData,
  PngChunkEnd,
  PngChunkHeader,
  PngEvent,
  PngWarning,
} from './chunk/events.js';
export { PNG_SIGNATURE } from './chunk/signature.js';
export { PngError, PngErrorCode, PngWarningCode } from './errors.js';
export * from './fields/index.js';
export { type Adam7Pass, adam7Passes, type ImageGeometry, imageDataSize } from './image-data/index.js';
export { defaultPngLimits, type PngLimits } from './limits.js';
export type { PngReadOptions } from './read/options.js';
export { PngReader } from './read/png-reader.js';
export type { PngSource } from './read/png-source.js';
export type { PngReport, PngReportChunk, PngReportIssue } from './validate/report.js';
export { validatePng } from './validate/validate-png.js';
export * from './write/index.js';
