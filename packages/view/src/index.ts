export * from './chain/index.js';
export {
  BufferError,
  IndexError,
  NotImplementedError,
  OverflowError,
  UnicodeEncodeError,
  ValueError,
} from './errors.js';
export { halfToNumber, numberToHalf } from './half.js';
export * from './memoryview/index.js';
export {
  DecodeError,
  type DecodeErrorDetails,
  EncodeError,
  formatPath,
  IncompleteError,
  OffsetError,
  type PathSegment,
  type StreamErrorCode,
  ValidationError,
} from './stream-errors.js';
