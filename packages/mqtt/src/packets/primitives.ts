/**
 * MQTT's data representations (MQTT 5.0 §1.5, 3.1.1 §1.5) as codecs: the Variable Byte Integer,
 * UTF-8 strings and binary data with a two-byte length, string pairs, packet identifiers. Every
 * check names the fault in MQTT's terms through `fault` (errors.ts), so a reader's error carries the
 * spec's reason code.
 */
import { bytes, type Codec, defineCodec, EncodeError, refine, string, tuple, u16be } from '@stride/codec';
import { fault } from '../errors.js';

/** The largest Variable Byte Integer: four bytes of seven bits (268,435,455). */
export const VARINT_MAX = 268_435_455;

const VARINT_EXPECTED = fault(
  'MALFORMED_PACKET',
  'a Variable Byte Integer of at most 4 bytes, in its shortest form',
);

/**
 * The Variable Byte Integer (§1.5.5): seven bits a byte, low groups first, at most four bytes. The
 * spec requires the shortest encoding, so a longer one (`80 00` for 0) is malformed, as is a fifth
 * byte; encoding writes the shortest form.
 */
export const varint: Codec<number> = defineCodec<number>({
  read: (st) => {
    const at = st.pos;
    const src = st.src;
    let value = 0;
    let mul = 1;
    let b: number;
    do {
      // take(1) per byte: a number cut short waits for exactly the next byte.
      if (mul === 128 ** 4) st.invalid(at, 5, 'a fifth byte in a Variable Byte Integer', VARINT_EXPECTED);
      b = src.u8(st.take(1));
      value += (b & 0x7f) * mul;
      mul *= 128;
    } while (b > 0x7f);
    // The last byte carries the top group: zero there (after a first byte) means a longer form than needed.
    if (b === 0 && mul > 128)
      st.invalid(
        at,
        st.pos - at,
        `a Variable Byte Integer of ${value} not in its shortest form`,
        VARINT_EXPECTED,
      );
    return value;
  },
  write: (w, value) => {
    if (!(Number.isInteger(value) && value >= 0 && value <= VARINT_MAX))
      throw new EncodeError(
        'OUT_OF_RANGE',
        `a Variable Byte Integer is an integer in [0, ${VARINT_MAX}], got ${String(value)}`,
      );
    let n = value;
    const at = w.reserve(4);
    let p = at;
    const u8 = w.u8a;
    while (n > 0x7f) {
      u8[p++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    u8[p++] = n;
    w.pos = p;
  },
});

const NO_NUL = fault('MALFORMED_PACKET', 'a UTF-8 string without U+0000');

/**
 * A UTF-8 Encoded String (§1.5.4): a two-byte length, then well-formed UTF-8 (codec's strict
 * decoding refuses malformed bytes and surrogates) with no U+0000.
 */
export const utf8: Codec<string> = refine(string(u16be), (s) => !s.includes('\0'), NO_NUL);

/** Binary Data (§1.5.6): a two-byte length, then the bytes (a view of the input). */
export const binary: Codec<Uint8Array> = bytes(u16be);

/** A UTF-8 String Pair (§1.5.7): a name and a value, kept as a `[name, value]` tuple. */
export const stringPair: Codec<[string, string]> = tuple([utf8, utf8]);

const NONZERO_ID = fault('PROTOCOL_ERROR', 'a packet identifier other than 0');

/** A Packet Identifier (§2.2.1): two bytes, never 0. */
export const packetId: Codec<number> = refine(u16be, (n) => n !== 0, NONZERO_ID);
