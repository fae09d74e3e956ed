/**
 * Frontend (client to server) messages of protocol 3.0 once the startup phase is over: a union on
 * the type byte, as the backend's. The password, GSSAPI and SASL responses all have type `p` and
 * only the authentication request before them says which one a `p` is, so they decode as
 * `PasswordMessage` with the body's bytes; `authenticationResponse` reads those bytes as the
 * response to a given request.
 */
import { charTag, cstring, type Infer, i16be, i32be, struct, taggedUnion } from '@stride/codec';
import { body, counted, empty, nullableBytes, rest, statementOrPortal } from './common.js';

/** The type byte of each frontend message (after the startup phase). */
export const FRONTEND_CODES = {
  Bind: 'B',
  Close: 'C',
  CopyData: 'd',
  CopyDone: 'c',
  CopyFail: 'f',
  Describe: 'D',
  Execute: 'E',
  Flush: 'H',
  FunctionCall: 'F',
  Parse: 'P',
  PasswordMessage: 'p',
  Query: 'Q',
  Sync: 'S',
  Terminate: 'X',
} as const;
export type FrontendMessageType = keyof typeof FRONTEND_CODES;

export const frontendMessage = taggedUnion(charTag(FRONTEND_CODES), {
  Bind: body(
    struct({
      portal: cstring,
      statement: cstring,
      parameterFormats: counted(i16be),
      parameters: counted(nullableBytes),
      resultFormats: counted(i16be),
    }),
  ),
  Close: body(struct({ kind: statementOrPortal, name: cstring })),
  CopyData: body(struct({ data: rest })),
  CopyDone: body(empty),
  CopyFail: body(struct({ message: cstring })),
  Describe: body(struct({ kind: statementOrPortal, name: cstring })),
  Execute: body(struct({ portal: cstring, maxRows: i32be })),
  Flush: body(empty),
  FunctionCall: body(
    struct({
      functionOid: i32be,
      argumentFormats: counted(i16be),
      arguments: counted(nullableBytes),
      resultFormat: i16be,
    }),
  ),
  Parse: body(struct({ name: cstring, query: cstring, parameterTypes: counted(i32be) })),
  PasswordMessage: body(struct({ data: rest })),
  Query: body(struct({ query: cstring })),
  Sync: body(empty),
  Terminate: body(empty),
});

/** A frontend message after the startup phase. */
export type FrontendMessage = Infer<typeof frontendMessage>;
/** The frontend message of one type, e.g. `FrontendMessageOf<'Bind'>`. */
export type FrontendMessageOf<K extends FrontendMessageType> = Extract<FrontendMessage, { type: K }>;

/** What a PasswordMessage's bytes are, by the authentication request they answer. */
export const authenticationResponse = {
  /** To CleartextPassword or MD5Password: the password (or `md5` + hex digest), NUL-terminated. */
  password: struct({ password: cstring }),
  /** To SASL: the mechanism chosen, then its initial response (-1: none). */
  saslInitial: struct({ mechanism: cstring, data: nullableBytes }),
  /** To SASLContinue (and GSS/SSPI continuations): the mechanism's data. */
  data: struct({ data: rest }),
} as const;
