/**
 * Backend (server to client) messages of protocol 3.0 (PostgreSQL docs, "Message Formats"): a union
 * on the type byte, each body confined to the section its length gives, decoded to one flat object
 * `{ type: 'DataRow', columns: [...] }`. Names are the docs' message names; the authentication
 * requests share `R` and are told apart by `kind` (`Ok`, `MD5Password` …).
 */
import {
  array,
  bytes,
  type Codec,
  charTag,
  cstring,
  type Infer,
  i8,
  i16be,
  i32be,
  string,
  struct,
  taggedUnion,
  transform,
} from '@stride/codec';
import {
  body,
  counted,
  empty,
  fieldCode,
  nullableBytes,
  nullableText,
  pairsUntilEmptyKey,
  rest,
  stringsUntilEmpty,
} from './common.js';

/** The type byte of each backend message. */
export const BACKEND_CODES = {
  Authentication: 'R',
  BackendKeyData: 'K',
  BindComplete: '2',
  CloseComplete: '3',
  CommandComplete: 'C',
  CopyData: 'd',
  CopyDone: 'c',
  CopyInResponse: 'G',
  CopyOutResponse: 'H',
  CopyBothResponse: 'W',
  DataRow: 'D',
  EmptyQueryResponse: 'I',
  ErrorResponse: 'E',
  FunctionCallResponse: 'V',
  NegotiateProtocolVersion: 'v',
  NoData: 'n',
  NoticeResponse: 'N',
  NotificationResponse: 'A',
  ParameterDescription: 't',
  ParameterStatus: 'S',
  ParseComplete: '1',
  PortalSuspended: 's',
  ReadyForQuery: 'Z',
  RowDescription: 'T',
} as const;
export type BackendMessageType = keyof typeof BACKEND_CODES;

/** The authentication requests, told apart by the Int32 after the length. */
const authentication = taggedUnion(
  transform(i32be, {
    decode: (code) => (AUTH_KINDS[code] ?? code) as AuthenticationKind,
    encode: (kind) => AUTH_CODES[kind],
  }),
  {
    Ok: empty,
    KerberosV5: empty,
    CleartextPassword: empty,
    MD5Password: struct({ salt: bytes(4) }),
    SCMCredential: empty,
    GSS: empty,
    GSSContinue: struct({ data: rest }),
    SSPI: empty,
    SASL: struct({ mechanisms: stringsUntilEmpty }),
    SASLContinue: struct({ data: rest }),
    SASLFinal: struct({ data: rest }),
  },
  { tagKey: 'kind' },
);
const AUTH_CODES = {
  Ok: 0,
  KerberosV5: 2,
  CleartextPassword: 3,
  MD5Password: 5,
  SCMCredential: 6,
  GSS: 7,
  GSSContinue: 8,
  SSPI: 9,
  SASL: 10,
  SASLContinue: 11,
  SASLFinal: 12,
} as const;
export type AuthenticationKind = keyof typeof AUTH_CODES;
const AUTH_KINDS: Record<number, AuthenticationKind> = Object.fromEntries(
  Object.entries(AUTH_CODES).map(([k, v]) => [v, k]),
) as Record<number, AuthenticationKind>;

/** ErrorResponse and NoticeResponse: fields keyed by their one-letter codes (`S`, `C`, `M` …). */
const fields = struct({ fields: pairsUntilEmptyKey(fieldCode, cstring) });
const copyResponse = struct({ format: i8, columnFormats: counted(i16be) });

/** A RowDescription's description of one column. */
const fieldDescription = struct({
  name: cstring,
  tableOid: i32be,
  columnAttribute: i16be,
  typeOid: i32be,
  typeSize: i16be,
  typeModifier: i32be,
  format: i16be,
});

const readyStatus = transform(string(1, { encoding: 'latin1' }), {
  decode: (s) => s as 'I' | 'T' | 'E',
  encode: (s) => s,
});

/** Each message's body, without its DataRow (which depends on how columns are decoded). */
function bodies<C>(column: Codec<C>) {
  return {
    Authentication: body(authentication),
    BackendKeyData: body(struct({ processId: i32be, secretKey: i32be })),
    BindComplete: body(empty),
    CloseComplete: body(empty),
    CommandComplete: body(struct({ tag: cstring })),
    CopyData: body(struct({ data: rest })),
    CopyDone: body(empty),
    CopyInResponse: body(copyResponse),
    CopyOutResponse: body(copyResponse),
    CopyBothResponse: body(copyResponse),
    DataRow: body(struct({ columns: counted(column) })),
    EmptyQueryResponse: body(empty),
    ErrorResponse: body(fields),
    FunctionCallResponse: body(struct({ result: nullableBytes })),
    NegotiateProtocolVersion: body(struct({ newestMinor: i32be, options: array(cstring, { count: i32be }) })),
    NoData: body(empty),
    NoticeResponse: body(fields),
    NotificationResponse: body(struct({ processId: i32be, channel: cstring, payload: cstring })),
    ParameterDescription: body(struct({ typeOids: counted(i32be) })),
    ParameterStatus: body(struct({ name: cstring, value: cstring })),
    ParseComplete: body(empty),
    PortalSuspended: body(empty),
    ReadyForQuery: body(struct({ status: readyStatus })),
    RowDescription: body(struct({ fields: counted(fieldDescription) })),
  } as const;
}

const tag = charTag(BACKEND_CODES);

/** Any backend message, columns of a DataRow decoded as UTF-8 text (text format, as pg-protocol does). */
export const backendMessage = taggedUnion(tag, bodies(nullableText));
/** Any backend message, columns of a DataRow as views of their bytes (no copy, no string). */
export const backendMessageBytes = taggedUnion(tag, bodies(nullableBytes));

/** A backend message whose DataRow columns are strings. */
export type BackendMessage = Infer<typeof backendMessage>;
/** A backend message whose DataRow columns are byte views. */
export type BackendMessageBytes = Infer<typeof backendMessageBytes>;
/** The backend message of one type, e.g. `BackendMessageOf<'RowDescription'>`. */
export type BackendMessageOf<K extends BackendMessageType> = Extract<BackendMessage, { type: K }>;
