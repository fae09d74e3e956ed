/**
 * IHDR and PLTE, the critical chunks with fields. Their faults have their own codes
 * (`IHDR_BAD_*`, `PLTE_*`); IHDR's dimensions are also held to `maxWidth` / `maxHeight`.
 */
import {
  array,
  type Codec,
  type DecodeState,
  defineCodec,
  type Infer,
  LimitError,
  struct,
  u8,
  u32be,
} from '@stride/codec';
import { CHUNK_START, type Fault, faultError, sizeFault } from './check.js';
import { chunkData, colorTypeLabel, colorTypeNames, type FieldContext, raise, refuse } from './common.js';

export const IhdrSchema = struct({
  width: u32be,
  height: u32be,
  bitDepth: u8,
  colorType: u8,
  compressionMethod: u8,
  filterMethod: u8,
  interlaceMethod: u8,
});
export type Ihdr = Infer<typeof IhdrSchema>;

/** Bit depths each colour type allows. */
export const allowedBitDepths: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function or(list: readonly number[]): string {
  return list.length === 1 ? String(list[0]) : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function dimensionFault(v: number, at: number, name: 'width' | 'height'): Fault | undefined {
  if (v !== 0 && v <= 0x7fffffff) return undefined;
  return {
    at,
    n: 4,
    path: [name],
    code: 'IHDR_BAD_DIMENSIONS',
    message: `${name} ${v} is not allowed: it must be 1 to 2147483647 (2^31-1)`,
    expected: '1..2147483647',
    actual: String(v),
  };
}

function zeroFault(
  v: number,
  at: number,
  name: string,
  what: string,
  code: Fault['code'],
): Fault | undefined {
  if (v === 0) return undefined;
  return {
    at,
    path: [name],
    code,
    message: `${what} ${v} is not defined: PNG has only method 0`,
    expected: '0',
    actual: String(v),
  };
}

/** The first rule the IHDR fields break, in byte order (colour type before the bit depth it governs). */
export function ihdrFault(h: Ihdr): Fault | undefined {
  const f = dimensionFault(h.width, 0, 'width') ?? dimensionFault(h.height, 4, 'height');
  if (f !== undefined) return f;
  const depths = allowedBitDepths[h.colorType];
  if (depths === undefined) {
    return {
      at: 9,
      path: ['colorType'],
      code: 'IHDR_BAD_COLOR_TYPE',
      message: `colour type ${h.colorType} is not defined: use 0 (greyscale), 2 (truecolour), 3 (indexed-colour), 4 (greyscale with alpha) or 6 (truecolour with alpha)`,
      expected: 'one of 0, 2, 3, 4, 6',
      actual: String(h.colorType),
    };
  }
  if (!depths.includes(h.bitDepth)) {
    return {
      at: 8,
      path: ['bitDepth'],
      code: 'IHDR_BAD_BIT_DEPTH',
      message: `bit depth ${h.bitDepth} is not allowed for ${colorTypeLabel(h.colorType)}: use ${or(depths)}`,
      expected: or(depths),
      actual: String(h.bitDepth),
    };
  }
  const m =
    zeroFault(h.compressionMethod, 10, 'compressionMethod', 'compression method', 'IHDR_BAD_COMPRESSION') ??
    zeroFault(h.filterMethod, 11, 'filterMethod', 'filter method', 'IHDR_BAD_FILTER');
  if (m !== undefined) return m;
  if (h.interlaceMethod > 1) {
    return {
      at: 12,
      path: ['interlaceMethod'],
      code: 'IHDR_BAD_INTERLACE',
      message: `interlace method ${h.interlaceMethod} is not defined: use 0 (none) or 1 (Adam7)`,
      expected: '0 or 1',
      actual: String(h.interlaceMethod),
    };
  }
  return undefined;
}

function overLimit(v: number, max: number, at: number, name: 'width' | 'height', base: number): LimitError {
  const limit = name === 'width' ? 'maxWidth' : 'maxHeight';
  return new LimitError(
    limit,
    `${name} ${v} is above ${limit} (${max}); raise the limit if this image is legitimate`,
    {
      offset: base + at,
      expected: `at most ${max}`,
      actual: String(v),
    },
  ).within(name);
}

/**
 * IHDR's fields, its rules, and its dimensions held to the context's `maxWidth` / `maxHeight`. It
 * declares no fixed size (`decodeChunkFields` would report a wrong one as `BAD_CHUNK_DATA`): it
 * checks its length itself, as `IHDR_BAD_LENGTH`.
 */
export const ihdr: Codec<Ihdr> = defineCodec<Ihdr>({
  name: 'IHDR',
  read(st: DecodeState<FieldContext>) {
    const base = st.pos;
    const data = chunkData(st);
    if (data.length !== 13)
      raise(sizeFault('IHDR', data.length, 'exactly 13 bytes', 'IHDR_BAD_LENGTH'), data, base);
    const h = IhdrSchema.read(st);
    raise(ihdrFault(h), data, base);
    const { maxWidth, maxHeight } = st.context.limits;
    if (h.width > maxWidth) throw overLimit(h.width, maxWidth, 0, 'width', base);
    if (h.height > maxHeight) throw overLimit(h.height, maxHeight, 4, 'height', base);
    return h;
  },
  write(w, h) {
    IhdrSchema.write(w, h);
    refuse(ihdrFault(h));
  },
});

export const PlteSchema = struct({
  entries: array(struct({ red: u8, green: u8, blue: u8 }), 'toEnd'),
});
export type Plte = Infer<typeof PlteSchema>;

function plteLengthFault(n: number, maxEntries: number): Fault | undefined {
  if (n === 0)
    return sizeFault('PLTE', 0, 'a multiple of 3 from 3 to 768 bytes (1-256 entries)', 'PLTE_BAD_LENGTH');
  if (n % 3 !== 0) return sizeFault('PLTE', n, 'a multiple of 3 (3 bytes per entry)', 'PLTE_BAD_LENGTH');
  if (n > maxEntries * 3) {
    return {
      ...sizeFault('PLTE', n, `at most ${maxEntries * 3} bytes (${maxEntries} entries)`, 'PLTE_BAD_LENGTH'),
      message: `PLTE has ${n / 3} entries; ${maxEntries === 256 ? 'a palette holds at most 256' : `an image of bit depth ${Math.log2(maxEntries)} can use at most ${maxEntries}`}`,
    };
  }
  return undefined;
}

function plteEncodeFault(p: Plte): Fault | undefined {
  const f = plteLengthFault(p.entries.length * 3, 256);
  return f === undefined ? undefined : { ...f, path: ['entries'] };
}

/** PLTE's fields: allowed by the colour type, as many entries as its bit depth can use. */
export const plte: Codec<Plte> = defineCodec<Plte>({
  name: 'PLTE',
  read(st: DecodeState<FieldContext>) {
    const base = st.pos;
    const data = chunkData(st);
    const header = st.context.ihdr;
    const ct = header?.colorType;
    if (ct === 0 || ct === 4) {
      throw faultError(
        {
          at: CHUNK_START,
          n: 0,
          code: 'PLTE_NOT_ALLOWED',
          message: `PLTE is not allowed in a ${colorTypeNames[ct]} image (colour type ${ct}): remove it`,
          expected: 'no PLTE for colour types 0 and 4',
          actual: 'PLTE',
        },
        data,
        base,
      );
    }
    const max = ct === 3 && header !== undefined ? Math.min(256, 2 ** header.bitDepth) : 256;
    raise(plteLengthFault(data.length, max), data, base);
    return PlteSchema.read(st);
  },
  write(w, p) {
    PlteSchema.write(w, p);
    refuse(plteEncodeFault(p));
  },
});
