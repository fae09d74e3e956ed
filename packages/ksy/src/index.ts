/**
 * @stride/ksy: Kaitai Struct format descriptions (.ksy) loaded at run time. `model/`: the .ksy read
 * and checked; `expr/`: the expression language; `compile/`: each type generated as JavaScript
 * over `runtime/`'s stream; `errors.ts`: faults in a description (KsyError) and in the data it
 * reads (KsyDecodeError).
 */
export { type KsyFormat, type KsyObject, type LoadKsyOptions, loadKsy } from './compile/load.js';
export type { KsyRecordReader, KsyRecordsOptions } from './compile/records.js';
export {
  KAITAI_ERROR,
  KsyDecodeError,
  KsyDecodeErrorCode,
  KsyError,
  KsyErrorCode,
  type KsyLocation,
  type KsyReadErrorCode,
} from './errors.js';
export { type DecodedMember, decodedMembers, isCycle, type Json, toJson } from './json.js';
export type { ProcessRoutine } from './runtime/process.js';
export { KsyStream } from './runtime/stream.js';
export { typeDeclarations } from './types/declarations.js';
