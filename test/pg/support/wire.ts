// The few frontend messages the test infrastructure writes by hand, and a framing walk over bytes,
// written from the PostgreSQL docs ("Message Formats") independently of @stride/pg, so that tests
// can check the decoder against them.

/** SSLRequest: Int32 8, Int32 80877103 (no type byte). */
export function sslRequest(): Buffer {
  const out = Buffer.alloc(8);
  out.writeInt32BE(8, 0);
  out.writeInt32BE(80877103, 4);
  return out;
}

/** A protocol 3.0 StartupMessage: Int32 length, Int32 196608, name/value C strings, a final 0. */
export function startupMessage(parameters: Record<string, string>): Buffer {
  const pairs = Object.entries(parameters).flatMap(([k, v]) => [
    Buffer.from(`${k}\0`),
    Buffer.from(`${v}\0`),
  ]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + pairs.reduce((n, b) => n + b.length, 0) + 1, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, ...pairs, Buffer.from([0])]);
}

/** Query ('Q'): the SQL as a C string. */
export function query(sql: string): Buffer {
  return typed('Q', Buffer.from(`${sql}\0`));
}

/** Terminate ('X'). */
export function terminate(): Buffer {
  return typed('X', Buffer.alloc(0));
}

function typed(code: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(code, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** One message's place in a byte stream. */
export interface Frame {
  /** The type byte as a character; '' for the startup phase's untyped messages and the SSL answer. */
  code: string;
  /** The Int32 length field (it counts itself, not the type byte); 1 for the unframed SSL answer. */
  length: number;
  start: number;
  end: number;
}

export interface FrameOptions {
  /** How many untyped (Int32 length first) messages the stream starts with: the client's SSLRequest and StartupMessage. */
  untyped?: number;
  /** The stream starts with the server's one-byte answer to an SSLRequest ('N' or 'S'). */
  sslAnswer?: boolean;
}

/**
 * Splits `bytes` into messages by their length fields. Stops before a message that is not complete;
 * `rest` is where that incomplete tail starts (bytes.length when there is none).
 */
export function frames(bytes: Uint8Array, options: FrameOptions = {}): { frames: Frame[]; rest: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Frame[] = [];
  let at = 0;
  if (options.sslAnswer && bytes.length > 0) {
    out.push({ code: '', length: 1, start: 0, end: 1 });
    at = 1;
  }
  for (let untyped = options.untyped ?? 0; ; untyped--) {
    const head = untyped > 0 ? 0 : 1;
    if (at + head + 4 > bytes.length) break;
    const length = view.getInt32(at + head);
    if (length < 4) throw new Error(`message at byte ${at} has length ${length}`);
    const end = at + head + length;
    if (end > bytes.length) break;
    out.push({ code: head ? String.fromCharCode(bytes[at] as number) : '', length, start: at, end });
    at = end;
  }
  return { frames: out, rest: at };
}
