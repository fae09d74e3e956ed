export { OptionalCodec, optional, WhenCodec, when } from './optional.js';
