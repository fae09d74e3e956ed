export { SizedCodec, type SizedOptions, sized } from './sized.js';
