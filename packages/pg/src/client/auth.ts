/**
 * Password authentication: MD5 (`md5` + md5(md5(password + user) + salt), in hex) and
 * SCRAM-SHA-256 (RFC 5802/7677, as PostgreSQL runs it: no channel binding, the user name taken from
 * the StartupMessage so the client sends `n=*`). The password is used as its UTF-8 bytes without
 * SASLprep, which leaves ASCII passwords unchanged.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

const md5 = (data: string | Uint8Array) => createHash('md5').update(data).digest('hex');

/** The text of the PasswordMessage answering AuthenticationMD5Password. */
export function md5Password(user: string, password: string, salt: Uint8Array): string {
  return `md5${md5(Buffer.concat([Buffer.from(md5(password + user)), salt]))}`;
}

export const SCRAM_SHA_256 = 'SCRAM-SHA-256';
/** The GS2 header: no channel binding, no authorization identity; `biws` is its base64. */
const GS2_HEADER = 'n,,';
const CHANNEL_BINDING = Buffer.from(GS2_HEADER).toString('base64');
/** Iteration counts past this are refused: PBKDF2 would block the event loop for minutes. */
const MAX_ITERATIONS = 1_000_000;

const hmac = (key: Uint8Array, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * One SCRAM-SHA-256 exchange: `first()` is the client-first-message, `final(serverFirst)` the
 * client-final-message, `verify(serverFinal)` checks the server's signature. Each step throws a
 * plain Error with what is wrong; the client turns it into a PgClientError at the message's offset.
 */
export class Scram {
  readonly #password: string;
  readonly #nonce = randomBytes(18).toString('base64');
  readonly #firstBare = `n=*,r=${this.#nonce}`;
  #expectedSignature: Buffer | undefined;

  constructor(password: string) {
    this.#password = password;
  }

  first(): Uint8Array {
    return Buffer.from(GS2_HEADER + this.#firstBare);
  }

  final(serverFirst: Uint8Array): Uint8Array {
    const text = Buffer.from(serverFirst).toString('utf8');
    const attrs = attributes(text);
    const nonce = attrs.get('r');
    const salt = attrs.get('s');
    const iterations = Number(attrs.get('i'));
    if (nonce === undefined || salt === undefined || attrs.get('i') === undefined)
      throw new Error(`the server-first-message lacks r, s or i: ${JSON.stringify(text)}`);
    if (!nonce.startsWith(this.#nonce) || nonce.length === this.#nonce.length)
      throw new Error("the server's nonce does not extend the client's");
    if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= MAX_ITERATIONS))
      throw new Error(`an iteration count of ${attrs.get('i')} (1 to ${MAX_ITERATIONS} are taken)`);
    const salted = pbkdf2Sync(this.#password, Buffer.from(salt, 'base64'), iterations, 32, 'sha256');
    const clientKey = hmac(salted, 'Client Key');
    const storedKey = createHash('sha256').update(clientKey).digest();
    const withoutProof = `c=${CHANNEL_BINDING},r=${nonce}`;
    const authMessage = `${this.#firstBare},${text},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    const proof = clientKey.map((b, i) => b ^ (signature[i] as number));
    this.#expectedSignature = hmac(hmac(salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${Buffer.from(proof).toString('base64')}`);
  }

  verify(serverFinal: Uint8Array): void {
    const text = Buffer.from(serverFinal).toString('utf8');
    const attrs = attributes(text);
    const error = attrs.get('e');
    if (error !== undefined) throw new Error(`the server refused the proof: ${error}`);
    const v = attrs.get('v');
    const signature = v === undefined ? undefined : Buffer.from(v, 'base64');
    const expected = this.#expectedSignature;
    if (
      signature === undefined ||
      expected === undefined ||
      signature.length !== expected.length ||
      !timingSafeEqual(signature, expected)
    )
      throw new Error("the server's signature is not the one its knowledge of the password gives");
  }
}

/** `a=1,b=2` as a map (a value may hold `=`, as base64 does). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) out.set(part.slice(0, 1), part.slice(2));
  }
  return out;
}
