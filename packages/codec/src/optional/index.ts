export { NullableCodec, nullable } from './nullable.js';
export { OptionalCodec, optional, WhenCodec, when } from './optional.js';
