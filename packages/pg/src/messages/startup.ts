/**
 * The startup phase, with its own framing. A client's first messages have no type byte (Int32
 * length, then an Int32 code: a protocol version, or the code of SSLRequest, GSSENCRequest or
 * CancelRequest); a server answers SSLRequest and GSSENCRequest with one unframed byte (`S` or `N`;
 * `G` or `N`). After the StartupMessage both sides use the typed framing of `frontend.ts` and
 * `backend.ts`.
 */
import {
  type Codec,
  cstring,
  defineCodec,
  type Infer,
  i32be,
  magic,
  peekTag,
  sized,
  string,
  struct,
  taggedUnion,
  transform,
} from '@stride/codec';
import { bodyLength, pairsUntilEmptyKey } from './common.js';

/** Protocol 3.0, as StartupMessage's version code (major 3 in the high 16 bits, minor 0). */
export const PROTOCOL_3_0 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** The code as the four bytes it is on the wire, for a `magic` field. */
function code(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** A client's message in the startup phase. */
export const startupMessage = sized(
  bodyLength,
  taggedUnion(
    peekTag(i32be, (c) =>
      c === SSL_REQUEST
        ? 'SSLRequest'
        : c === GSSENC_REQUEST
          ? 'GSSENCRequest'
          : c === CANCEL_REQUEST
            ? 'CancelRequest'
            : 'StartupMessage',
    ),
    {
      SSLRequest: struct({ code: magic(code(SSL_REQUEST)) }),
      GSSENCRequest: struct({ code: magic(code(GSSENC_REQUEST)) }),
      CancelRequest: struct({ code: magic(code(CANCEL_REQUEST)), processId: i32be, secretKey: i32be }),
      StartupMessage: struct({ protocolVersion: i32be, parameters: pairsUntilEmptyKey(cstring, cstring) }),
    },
  ),
);
export type StartupPhaseMessage = Infer<typeof startupMessage>;

/** The single byte answering SSLRequest (`S`: go on in TLS, `N`: no) or GSSENCRequest (`G`, `N`). */
export const sslResponse = struct({
  answer: transform(string(1, { encoding: 'latin1' }), {
    decode: (s) => s as 'S' | 'N' | 'G',
    encode: (s) => s,
  }),
});
export type SslResponse = { type: 'SSLResponse' } & Infer<typeof sslResponse>;

/** `S`, `N`, `G`: the first byte of a server's answer to an encryption request, not of a message. */
const isAnswer = (b: number) => b === 0x53 || b === 0x4e || b === 0x47;

/**
 * Bytes a server sends first: its answer to an encryption request, or a message as usual (a
 * ParameterStatus `S` or a NoticeResponse `N` never comes before authentication).
 */
export function serverStartup<M extends object>(message: Codec<M>): Codec<M | SslResponse> {
  return defineCodec<M | SslResponse>({
    read: (st) => {
      const at = st.pos;
      const b = st.u8();
      st.pos = at;
      return isAnswer(b) ? { type: 'SSLResponse', ...sslResponse.read(st) } : message.read(st);
    },
    write: (w, m) => {
      if ('type' in m && m.type === 'SSLResponse') sslResponse.write(w, m as SslResponse);
      else message.write(w, m as M);
    },
  });
}
