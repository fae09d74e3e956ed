/**
 * @stride/view: MemoryView (CPython's memoryview over any byte store) and BufferChain (a byte
 * stream's chunks read as one buffer). Stores (ContiguousStore, SegmentedStore) and
 * memoryviewOverStore are how the two are built, not API; the half-float helpers are, for codecs
 * and formats that need binary16 without Float16Array. test/api/exports.test.ts lists the run-time
 * names, so a change is deliberate.
 */
export { BufferChain } from './chain/buffer-chain.js';
export { ChainCursor } from './chain/cursor.js';
export {
  BufferError,
  IndexError,
  NotImplementedError,
  OverflowError,
  UnicodeEncodeError,
  ValueError,
} from './errors.js';
export { halfToNumber, numberToHalf } from './half.js';
export type { BufferExport } from './memoryview/export.js';
export type { InputOf, Item, ItemOf } from './memoryview/format.js';
export {
  type BytesLike,
  type FormatOf,
  MemoryView,
  type MemoryViewOptions,
  memoryview,
  type NestedList,
  type ViewKey,
} from './memoryview/memoryview.js';
export type { Bound, Slice } from './memoryview/slice.js';
export type { ByteStore } from './memoryview/store.js';
export {
  DecodeError,
  type DecodeErrorDetails,
  EncodeError,
  IncompleteError,
  OffsetError,
  type PathSegment,
  type StreamErrorCode,
  ValidationError,
} from './stream-errors.js';
