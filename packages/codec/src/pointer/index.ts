export { type PointerBase, PointerCodec, type PointerOptions, pointer } from './pointer.js';
