export {
  cstring,
  type DelimitedStringOptions,
  StringCodec,
  type StringLength,
  type StringOptions,
  string,
} from './string.js';
export type { Encoding } from './text.js';
