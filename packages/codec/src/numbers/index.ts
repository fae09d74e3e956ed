export * from './bool.js';
export * from './decimal.js';
export * from './fixed.js';
export * from './safe64.js';
export * from './varint.js';
