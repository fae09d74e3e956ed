export { BufferChain } from './buffer-chain.js';
export { ChainCursor } from './cursor.js';
export { SegmentedStore } from './segmented-store.js';
