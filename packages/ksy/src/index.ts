/**
 * @stride/ksy: Kaitai Struct format descriptions (.ksy) loaded at run time onto @stride/codec.
 * `errors.ts`: faults in a description (KsyError) and in the data it reads (KsyDecodeError);
 * `runtime/`: the stream a description reads (`_io`) and its process routines.
 */
export * from './errors.js';
export type { ProcessRoutine } from './runtime/process.js';
export { KsyStream } from './runtime/stream.js';
