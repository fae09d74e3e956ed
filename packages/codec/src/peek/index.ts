export { PeekCodec, peek } from './peek.js';
