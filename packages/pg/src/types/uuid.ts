/**
 * uuid: a lowercase string `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. Binary: the 16 bytes. Text:
 * that form (uuid_out's); decoding and encoding take either case and give lowercase.
 */
import { bytes, type DecodeState, defineCodec } from '@stride/codec';
import { asciiText, type PgType, pgType, unencodable } from './pg-type.js';

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sixteen = bytes(16);

/** The canonical form of a uuid's text, or undefined. */
function canonical(text: string): string | undefined {
  return UUID.test(text) ? text.toLowerCase() : undefined;
}

/** A uuid's 16 bytes from its text (the caller's value). */
function uuidBytes(value: string): Uint8Array {
  if (typeof value !== 'string' || !UUID.test(value))
    throw unencodable('uuid', "'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' in hex digits", value);
  const digits = value.replaceAll('-', '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const binary = defineCodec<string>({
  name: 'uuid',
  size: 16,
  read: (st: DecodeState) => {
    const b = sixteen.read(st);
    let s = '';
    for (let i = 0; i < 16; i++)
      s += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + HEX[b[i] as number];
    return s;
  },
  write: (w, value) => sixteen.write(w, uuidBytes(value)),
});

const text = asciiText<string>(
  'uuid',
  "'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' in hex digits",
  canonical,
  (value) => {
    uuidBytes(value);
    return value.toLowerCase();
  },
);

export const uuid: PgType<string> = pgType('uuid', 2950, binary, text);
