export { BitsCodec, type BitsOptions, type BitsValue, type BitWidths, bits } from './bits.js';
