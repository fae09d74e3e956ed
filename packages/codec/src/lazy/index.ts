export { LazyCodec, lazy } from './lazy.js';
