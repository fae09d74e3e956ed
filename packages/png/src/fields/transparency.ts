/**
 * The chunks read against the colour type and the palette: tRNS (transparency), bKGD (background
 * colour) and hIST (palette histogram). tRNS and bKGD take one of three shapes, told apart by
 * `kind`: `gray` (colour types 0 and 4), `rgb` (2 and 6) or `palette` (3). Without an IHDR the shape
 * is chosen by the data's length (tRNS: 2 bytes gray, 6 rgb, anything else palette alphas).
 */
import {
  array,
  type Codec,
  type DecodeState,
  defineCodec,
  type Infer,
  struct,
  u8,
  u16be,
} from '@stride/codec';
import { CHUNK_START, type Fault, faultError, sizeFault, tag } from './check.js';
import { chunkData, colorTypeLabel, type FieldContext, raise, refuse, writeByKind } from './common.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const TrnsSchemas = {
  gray: struct({ kind: tag('gray'), gray: u16be }),
  rgb: struct({ kind: tag('rgb'), red: u16be, green: u16be, blue: u16be }),
  palette: struct({ kind: tag('palette'), alphas: array(u8, 'toEnd') }),
};
export type Trns = {
  [K in keyof typeof TrnsSchemas]: Infer<(typeof TrnsSchemas)[K]>;
}[keyof typeof TrnsSchemas];

function alphasFault(count: number, entries: number): Fault | undefined {
  if (count >= 1 && count <= entries) return undefined;
  const f = sizeFault('tRNS', count, `1 to ${entries} bytes (one alpha per palette entry at most)`);
  return count === 0
    ? f
    : {
        ...f,
        message: `tRNS holds ${plural(count, 'alpha value')} but the palette has ${plural(entries, 'entry', 'entries')}`,
      };
}

function trnsKind(data: Uint8Array, base: number, ctx: FieldContext): keyof typeof TrnsSchemas {
  const ct = ctx.ihdr?.colorType;
  if (ct === 4 || ct === 6) {
    throw faultError(
      {
        at: CHUNK_START,
        n: 0,
        message: `tRNS is not allowed for ${colorTypeLabel(ct)}: the image already has an alpha channel`,
        expected: 'no tRNS for colour types 4 and 6',
        actual: 'tRNS',
      },
      data,
      base,
    );
  }
  const n = data.length;
  if (ct === 0 || ct === 2) {
    const size = ct === 0 ? 2 : 6;
    if (n !== size) raise(sizeFault('tRNS', n, `${size} bytes for ${colorTypeLabel(ct)}`), data, base);
    return ct === 0 ? 'gray' : 'rgb';
  }
  if (ct === undefined && ctx.paletteEntries === undefined && (n === 2 || n === 6))
    return n === 2 ? 'gray' : 'rgb';
  raise(alphasFault(n, Math.min(256, ctx.paletteEntries ?? 256)), data, base);
  return 'palette';
}

/** tRNS's fields, in the shape the colour type (or the palette, or the data's length) calls for. */
export const trns: Codec<Trns> = defineCodec<Trns>({
  name: 'tRNS',
  read(st: DecodeState<FieldContext>) {
    return TrnsSchemas[trnsKind(chunkData(st), st.pos, st.context)].read(st);
  },
  write(w, t) {
    writeByKind('tRNS', TrnsSchemas, w, t);
    const f = t.kind === 'palette' ? alphasFault(t.alphas.length, 256) : undefined;
    refuse(f === undefined ? undefined : { ...f, path: ['alphas'] });
  },
});

export const BkgdSchemas = {
  gray: struct({ kind: tag('gray'), gray: u16be }),
  rgb: struct({ kind: tag('rgb'), red: u16be, green: u16be, blue: u16be }),
  palette: struct({ kind: tag('palette'), paletteIndex: u8 }),
};
export type Bkgd = {
  [K in keyof typeof BkgdSchemas]: Infer<(typeof BkgdSchemas)[K]>;
}[keyof typeof BkgdSchemas];

const bkgdByColorType: Readonly<Record<number, keyof typeof BkgdSchemas>> = {
  0: 'gray',
  4: 'gray',
  2: 'rgb',
  6: 'rgb',
  3: 'palette',
};
const bkgdByLength: Readonly<Record<number, keyof typeof BkgdSchemas>> = {
  2: 'gray',
  6: 'rgb',
  1: 'palette',
};

/** libpng's checks: a palette index inside the palette, samples that fit a bit depth below 16. */
function bkgdFault(b: Bkgd, bitDepth: number | undefined, entries: number | undefined): Fault | undefined {
  if (b.kind === 'palette') {
    if (entries === undefined || b.paletteIndex < entries) return undefined;
    return {
      at: 0,
      path: ['paletteIndex'],
      message: `background palette index ${b.paletteIndex} is past the palette's ${plural(entries, 'entry', 'entries')}`,
      expected: `0..${entries - 1}`,
      actual: String(b.paletteIndex),
    };
  }
  if (bitDepth === undefined || bitDepth >= 16) return undefined;
  const max = 2 ** bitDepth - 1;
  const channels: [string, number][] =
    b.kind === 'gray'
      ? [['gray', b.gray]]
      : [
          ['red', b.red],
          ['green', b.green],
          ['blue', b.blue],
        ];
  for (let i = 0; i < channels.length; i++) {
    const [ch, v] = channels[i] as [string, number];
    if (v > max) {
      return {
        at: i * 2,
        n: 2,
        path: [ch],
        message: `background ${ch} ${v} does not fit the image's bit depth ${bitDepth}: it must be at most ${max}`,
        expected: `0..${max}`,
        actual: String(v),
      };
    }
  }
  return undefined;
}

/** bKGD's fields, in the shape the colour type (or the data's length) calls for, within the bit depth and the palette. */
export const bkgd: Codec<Bkgd> = defineCodec<Bkgd>({
  name: 'bKGD',
  read(st: DecodeState<FieldContext>) {
    const base = st.pos;
    const data = chunkData(st);
    const ctx = st.context;
    const ct = ctx.ihdr?.colorType;
    const expected = ct === undefined ? undefined : bkgdByColorType[ct];
    let kind = bkgdByLength[data.length];
    if (expected !== undefined) {
      const size = BkgdSchemas[expected].size as number;
      if (data.length !== size)
        raise(
          sizeFault('bKGD', data.length, `${plural(size, 'byte')} for ${colorTypeLabel(ct as number)}`),
          data,
          base,
        );
      kind = expected;
    } else if (kind === undefined) {
      raise(sizeFault('bKGD', data.length, '1, 2 or 6 bytes'), data, base);
    }
    const b: Bkgd = BkgdSchemas[kind as keyof typeof BkgdSchemas].read(st);
    raise(
      bkgdFault(b, expected === undefined ? undefined : ctx.ihdr?.bitDepth, ctx.paletteEntries),
      data,
      base,
    );
    return b;
  },
  write: (w, b) => writeByKind('bKGD', BkgdSchemas, w, b),
});

export const HistSchema = struct({ frequencies: array(u16be, 'toEnd') });
export type Hist = Infer<typeof HistSchema>;

function histFault(count: number, entries: number | undefined): Fault | undefined {
  if (entries === undefined ? count >= 1 && count <= 256 : count === entries) return undefined;
  const expected =
    entries === undefined
      ? '1 to 256 frequencies (2 bytes each)'
      : `${plural(entries, 'frequency', 'frequencies')}, one per palette entry`;
  return {
    ...sizeFault('hIST', count * 2, expected),
    message: `hIST holds ${count} frequencies; it must hold ${expected}`,
  };
}

/** hIST's fields: one frequency per palette entry. */
export const hist: Codec<Hist> = defineCodec<Hist>({
  name: 'hIST',
  read(st: DecodeState<FieldContext>) {
    const base = st.pos;
    const data = chunkData(st);
    if (data.length % 2 !== 0)
      raise(sizeFault('hIST', data.length, 'a multiple of 2 (2 bytes per frequency)'), data, base);
    raise(histFault(data.length / 2, st.context.paletteEntries), data, base);
    return HistSchema.read(st);
  },
  write(w, h) {
    HistSchema.write(w, h);
    const f = histFault(h.frequencies.length, undefined);
    refuse(f === undefined ? undefined : { ...f, path: ['frequencies'] });
  },
});
