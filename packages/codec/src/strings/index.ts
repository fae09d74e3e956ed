export { cstring, StringCodec, type StringLength, type StringOptions, string } from './string.js';
export type { Encoding } from './text.js';
