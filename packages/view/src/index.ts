export { BufferError, IndexError, NotImplementedError, OverflowError, ValueError } from './errors.js';
export { halfToNumber, numberToHalf } from './half.js';
export * from './memoryview/index.js';
export * from './chain/index.js';
