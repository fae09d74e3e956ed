/**
 * @stride/pg: the PostgreSQL frontend/backend protocol 3.0 on @stride/codec: every message both
 * ways as codecs, a streaming reader that follows the startup framing switch, the binary and text
 * formats of the common types, and a small client. Operators for RxJS are in `@stride/pg/rx`; this
 * entry imports no rxjs.
 */
export { PgError, PgErrorCode, type PgReadErrorCode } from './errors.js';
export * from './messages/index.js';
export { PgReader, type PgReaderOptions, type PgReadMessage } from './read/pg-reader.js';
export * from './types/index.js';
