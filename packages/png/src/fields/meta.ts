/**
 * Metadata chunks: pHYs (pixel size), sPLT (suggested palette), eXIf (Exif profile, a view of the
 * chunk's data) and tIME (last modification, UTC). sPLT's and eXIf's schemas are their chunks' codecs.
 */
import {
  array,
  bytes,
  type Codec,
  defineCodec,
  EncodeError,
  type Infer,
  struct,
  transform,
  u8,
  u16be,
} from '@stride/codec';
import { CHUNK_START, checked, oneOf, raiseIn, u31 } from './check.js';
import { keyword } from './keyword.js';

export const PhysSchema = struct({
  pixelsPerUnitX: u31,
  pixelsPerUnitY: u31,
  unit: oneOf(u8, [0, 1], 'unit specifier'),
});
export type Phys = Infer<typeof PhysSchema>;

function ranged(min: number, max: number, what: string): Codec<number> {
  return checked(u8, (v) =>
    v >= min && v <= max
      ? undefined
      : {
          at: 0,
          message: `${what} ${v} is out of range: it must be ${min} to ${max}`,
          expected: `${min}..${max}`,
          actual: String(v),
        },
  );
}

export const TimeSchema = struct({
  year: u16be,
  month: ranged(1, 12, 'month'),
  day: ranged(1, 31, 'day'),
  hour: ranged(0, 23, 'hour'),
  minute: ranged(0, 59, 'minute'),
  second: ranged(0, 60, 'second'),
});
export type Time = Infer<typeof TimeSchema>;

/** The rest of the section as whole items of `size` bytes; a remainder is a size fault at the chunk's start. */
function wholeItems<T>(codec: Codec<T[]>, size: number, what: string): Codec<T[]> {
  return defineCodec<T[]>({
    name: codec.kind,
    read(st) {
      const n = st.remaining;
      if (n % size !== 0) {
        raiseIn(st, st.pos, {
          at: st.recordStart + CHUNK_START - st.pos,
          n: 0,
          message: `sPLT entries take ${n} bytes, not a multiple of ${size} (${what})`,
          expected: `a multiple of ${size} bytes`,
          actual: `${n} bytes`,
        });
      }
      return codec.read(st);
    },
    write: (w, v) => codec.write(w, v),
  });
}

const entries8 = wholeItems(
  array(struct({ red: u8, green: u8, blue: u8, alpha: u8, frequency: u16be }), 'toEnd'),
  6,
  '6 bytes per entry at sample depth 8',
);
const entries16 = wholeItems(
  array(struct({ red: u16be, green: u16be, blue: u16be, alpha: u16be, frequency: u16be }), 'toEnd'),
  10,
  '10 bytes per entry at sample depth 16',
);

export const SpltSchema = struct({
  name: keyword('palette name'),
  sampleDepth: oneOf(u8, [8, 16], 'sample depth'),
}).field('entries', (s) => (s.sampleDepth === 16 ? entries16 : entries8));
export type Splt = Infer<typeof SpltSchema>;

export type ExifByteOrder = 'II' | 'MM' | undefined;

/** 'II' (little-endian) or 'MM' (big-endian) when the data starts with a TIFF header, else undefined. */
export function exifByteOrder(d: Uint8Array): ExifByteOrder {
  if (d.length < 4) return undefined;
  if (d[0] === 0x49 && d[1] === 0x49 && d[2] === 0x2a && d[3] === 0) return 'II';
  if (d[0] === 0x4d && d[1] === 0x4d && d[2] === 0 && d[3] === 0x2a) return 'MM';
  return undefined;
}

export const ExifSchema = transform(struct({ data: bytes('toEnd') }), {
  decode: (s) => ({ data: s.data, byteOrder: exifByteOrder(s.data) }),
  encode: (e: { data: Uint8Array; byteOrder: ExifByteOrder }) => {
    if (e.data instanceof Uint8Array && e.byteOrder !== exifByteOrder(e.data)) {
      throw new EncodeError(
        'VALIDATION_FAILED',
        `byteOrder ${String(e.byteOrder)} does not match the data, which starts with a ${String(exifByteOrder(e.data) ?? 'non-TIFF')} header`,
      ).within('byteOrder');
    }
    return { data: e.data };
  },
});
export type Exif = Infer<typeof ExifSchema>;
