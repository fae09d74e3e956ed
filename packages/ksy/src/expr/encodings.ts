/**
 * The text encodings of .ksy strings, both ways: UTF-8, ASCII, ISO-8859-1, UTF-16LE/BE, Shift_JIS
 * (SJIS; decoded by Node's TextDecoder, encoded through a table built once from it) and IBM437
 * (cp437, a table here: TextDecoder lacks it). Any other name TextDecoder knows decodes only.
 * Names match case-insensitively, with or without `-`/`_` (`utf8`, `UTF-16le`, `Shift_JIS`).
 */
import { conversionError } from '../errors.js';

/** IBM437's bytes 0x80..0xFF (0x00..0x7F are ASCII). */
const IBM437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

type Codec = { decode(bytes: Uint8Array): string; encode?(text: string): Uint8Array };

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/** One byte per character: ASCII as Kaitai's JavaScript runtime reads it, ISO-8859-1 exactly. */
const latin1: Codec = {
  decode: (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 4096)
      s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 4096)));
    return s;
  },
  encode: (text) =>
    Uint8Array.from(text, (c) => unmappable(c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : -1, c)),
};

function utf16(littleEndian: boolean): Codec {
  const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be');
  return {
    decode: (bytes) => decoder.decode(bytes),
    encode: (text) => {
      const out = new Uint8Array(text.length * 2);
      const view = new DataView(out.buffer);
      for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
      return out;
    },
  };
}

/** A single-byte table codec from its 256 characters. */
function table(chars: string): Codec {
  const back = new Map<string, number>();
  for (let i = 0; i < 256; i++) back.set(chars[i] as string, i);
  return {
    decode: (bytes) => {
      let s = '';
      for (const b of bytes) s += chars[b];
      return s;
    },
    encode: (text) => Uint8Array.from(text, (c) => unmappable(back.get(c) ?? -1, c)),
  };
}

/** Shift_JIS: WHATWG's decoder; the encoder's table is every one- and two-byte sequence decoded. */
function shiftJis(): Codec {
  const decoder = new TextDecoder('shift_jis');
  let back: Map<string, number> | undefined;
  const build = (): Map<string, number> => {
    const m = new Map<string, number>();
    const pair = new Uint8Array(2);
    for (let b = 0; b < 0x100; b++) {
      if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
        pair[0] = b;
        for (let t = 0x40; t <= 0xfc; t++) {
          pair[1] = t;
          const c = decoder.decode(pair);
          if (c.length === 1 && c !== '\ufffd' && !m.has(c)) m.set(c, (b << 8) | t);
        }
      } else {
        const c = decoder.decode(Uint8Array.of(b));
        if (c !== '\ufffd' && !m.has(c)) m.set(c, b);
      }
    }
    return m;
  };
  return {
    decode: (bytes) => decoder.decode(bytes),
    encode: (text) => {
      back ??= build();
      const out: number[] = [];
      for (const c of text) {
        const code = unmappable(back.get(c) ?? -1, c);
        if (code > 0xff) out.push(code >> 8, code & 0xff);
        else out.push(code);
      }
      return Uint8Array.from(out);
    },
  };
}

function unmappable(code: number, c: string): number {
  if (code < 0) throw new RangeError(`the character '${c}' has no encoding`);
  return code;
}

const codecs = new Map<string, Codec>();
const ALIASES: Readonly<Record<string, string>> = {
  UTF8: 'UTF8',
  ASCII: 'ASCII',
  USASCII: 'ASCII',
  ISO88591: 'LATIN1',
  LATIN1: 'LATIN1',
  UTF16LE: 'UTF16LE',
  UTF16BE: 'UTF16BE',
  SJIS: 'SJIS',
  SHIFTJIS: 'SJIS',
  CP932: 'SJIS',
  IBM437: 'IBM437',
  CP437: 'IBM437',
};

/** The codec of an encoding name, or undefined when neither this module nor TextDecoder knows it. */
export function encodingCodec(name: string): Codec | undefined {
  const key = name.toUpperCase().replace(/[-_ ]/g, '');
  const canonical = ALIASES[key] ?? key;
  let codec = codecs.get(canonical);
  if (codec) return codec;
  switch (canonical) {
    case 'UTF8':
      codec = { decode: (b) => utf8Decoder.decode(b), encode: (t) => utf8Encoder.encode(t) };
      break;
    case 'ASCII':
    case 'LATIN1':
      codec = latin1;
      break;
    case 'UTF16LE':
    case 'UTF16BE':
      codec = utf16(canonical === 'UTF16LE');
      break;
    case 'SJIS':
      codec = shiftJis();
      break;
    case 'IBM437':
      codec = table(Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('') + IBM437_HIGH);
      break;
    default:
      try {
        const decoder = new TextDecoder(name);
        codec = { decode: (b) => decoder.decode(b) };
      } catch {
        return undefined;
      }
  }
  codecs.set(canonical, codec);
  return codec;
}

function codecOf(name: string): Codec {
  const codec = encodingCodec(name);
  if (!codec) throw conversionError(`unknown encoding '${name}'`);
  return codec;
}

/** `bytes.to_s(encoding)`. */
export function bytesToStr(bytes: Uint8Array, encoding: string): string {
  return codecOf(encoding).decode(bytes);
}

/** A string's bytes in an encoding (for writing); a RangeError for a character it cannot encode. */
export function strToBytes(text: string, encoding: string): Uint8Array {
  const { encode } = codecOf(encoding);
  if (!encode) throw new RangeError(`the encoding '${encoding}' is read-only here`);
  return encode(text);
}
