/**
 * bytea: a Uint8Array. Binary: the bytes themselves (decoded as a view of the input, no copy).
 * Text: the hex form `\x0a1b…` (bytea_output=hex, the default), written in lowercase; decoding
 * also takes either case, whitespace between digit pairs, and the legacy escape form
 * (`abc\000\\`, bytea_output=escape), as byteain does.
 */
import { bytes, type DecodeState, defineCodec, type EncodeState } from '@stride/codec';
import { type PgType, pgType } from './pg-type.js';
import { fallbackBinary } from './text.js';

const BACKSLASH = 0x5c;
const HEX_DIGITS = '0123456789abcdef';
/** The lowercase hex digits' bytes, by value. */
const DIGIT_BYTES = new TextEncoder().encode(HEX_DIGITS);

/** A hex digit's value by byte, -1 for other bytes. */
const NIBBLE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE[HEX_DIGITS.charCodeAt(i)] = i;
  NIBBLE[HEX_DIGITS.toUpperCase().charCodeAt(i)] = i;
}
/** Whitespace byteain skips between hex pairs. */
const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** The text form's bytes, then the value (`at`: the absolute offset of the first). */
function fromText(st: DecodeState, at: number, t: Uint8Array): Uint8Array {
  return t.length >= 2 && t[0] === BACKSLASH && t[1] === 0x78 ? fromHex(st, at, t) : fromEscape(st, at, t);
}

function fromHex(st: DecodeState, at: number, t: Uint8Array): Uint8Array {
  const out = new Uint8Array((t.length - 2) >> 1);
  let n = 0;
  for (let i = 2; i < t.length; ) {
    if (isSpace(t[i] as number)) {
      i++;
      continue;
    }
    const hi = NIBBLE[t[i] as number] as number;
    const lo = i + 1 < t.length ? (NIBBLE[t[i + 1] as number] as number) : -1;
    if (hi < 0 || lo < 0) {
      const bad = hi < 0 ? i : i + 1;
      const what = bad < t.length ? `byte 0x${(t[bad] as number).toString(16).padStart(2, '0')}` : 'the end';
      st.invalid(
        at + bad,
        bad < t.length ? 1 : 0,
        `bytea: ${what} where a hex digit belongs`,
        'a pair of hex digits',
        what,
      );
    }
    out[n++] = (hi << 4) | lo;
    i += 2;
  }
  return n === out.length ? out : out.slice(0, n);
}

const isOctal = (b: number | undefined, max: number) => b !== undefined && b >= 0x30 && b <= max;

function fromEscape(st: DecodeState, at: number, t: Uint8Array): Uint8Array {
  if (!t.includes(BACKSLASH)) return t;
  const out = new Uint8Array(t.length);
  let n = 0;
  for (let i = 0; i < t.length; ) {
    const b = t[i] as number;
    if (b !== BACKSLASH) {
      out[n++] = b;
      i++;
    } else if (t[i + 1] === BACKSLASH) {
      out[n++] = BACKSLASH;
      i += 2;
    } else if (isOctal(t[i + 1], 0x33) && isOctal(t[i + 2], 0x37) && isOctal(t[i + 3], 0x37)) {
      out[n++] =
        (((t[i + 1] as number) & 7) << 6) | (((t[i + 2] as number) & 7) << 3) | ((t[i + 3] as number) & 7);
      i += 4;
    } else {
      st.invalid(
        at + i,
        Math.min(4, t.length - i),
        'bytea: a backslash not followed by \\ or three octal digits',
        '\\\\ or \\ooo (000-377)',
      );
    }
  }
  return out.slice(0, n);
}

const textToEnd = bytes('toEnd');

const text = defineCodec<Uint8Array>({
  name: 'bytea',
  read: (st: DecodeState) => {
    const at = st.pos;
    return fromText(st, at, textToEnd.read(st));
  },
  write: (w: EncodeState, value: Uint8Array) => {
    if (!(value instanceof Uint8Array)) return fallbackBinary.write(w, value); // its EncodeError
    const at = w.reserve(2 + 2 * value.length);
    const u8 = w.u8a;
    u8[at] = BACKSLASH;
    u8[at + 1] = 0x78;
    for (let i = 0; i < value.length; i++) {
      const b = value[i] as number;
      u8[at + 2 + 2 * i] = DIGIT_BYTES[b >> 4] as number;
      u8[at + 3 + 2 * i] = DIGIT_BYTES[b & 15] as number;
    }
  },
});

export const bytea: PgType<Uint8Array> = pgType('bytea', 17, fallbackBinary, text);
