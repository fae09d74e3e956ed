/**
 * Colour chunks: cHRM, gAMA, iCCP, sRGB, cICP, mDCV, cLLI, and sBIT (significant bits, shaped by
 * the colour type). Values are stored raw, in the spec's units (cHRM and gAMA × 100000, mDCV
 * chromaticities × 50000 and luminances × 10000).
 */
import {
  type Codec,
  type DecodeState,
  defineCodec,
  type Infer,
  struct,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import { checked, type Fault, oneOf, sizeFault, tag, u31 } from './check.js';
import { chunkData, colorTypeLabel, type FieldContext, raise, refuse, writeByKind } from './common.js';
import { zlibBytes } from './inflate.js';
import { keyword } from './keyword.js';

export const ChrmSchema = struct({
  whitePointX: u31,
  whitePointY: u31,
  redX: u31,
  redY: u31,
  greenX: u31,
  greenY: u31,
  blueX: u31,
  blueY: u31,
});
export type Chrm = Infer<typeof ChrmSchema>;

export const GamaSchema = struct({
  gamma: checked(u31, (v) =>
    v === 0
      ? {
          at: 0,
          n: 4,
          message: 'gamma 0 is not allowed: it must be positive',
          expected: '1..2147483647',
          actual: '0',
        }
      : undefined,
  ),
});
export type Gama = Infer<typeof GamaSchema>;

/** iCCP's schema is its codec: the profile is inflated up to the context's `maxInflatedBytes`. */
export const IccpSchema = struct({
  name: keyword('profile name'),
  compressionMethod: oneOf(u8, [0], 'compression method'),
  profile: zlibBytes,
});
export type Iccp = Infer<typeof IccpSchema>;

export const SrgbSchema = struct({ renderingIntent: oneOf(u8, [0, 1, 2, 3], 'rendering intent') });
export type Srgb = Infer<typeof SrgbSchema>;

export const CicpSchema = struct({
  colourPrimaries: u8,
  transferFunction: u8,
  matrixCoefficients: checked(u8, (v) =>
    v === 0
      ? undefined
      : {
          at: 0,
          message: `matrix coefficients ${v} is not allowed: PNG images are RGB, so it must be 0`,
          expected: '0',
          actual: String(v),
        },
  ),
  videoFullRange: oneOf(u8, [0, 1], 'video full-range flag'),
});
export type Cicp = Infer<typeof CicpSchema>;

export const MdcvSchema = struct({
  redX: u16be,
  redY: u16be,
  greenX: u16be,
  greenY: u16be,
  blueX: u16be,
  blueY: u16be,
  whitePointX: u16be,
  whitePointY: u16be,
  maxLuminance: u32be,
  minLuminance: u32be,
});
export type Mdcv = Infer<typeof MdcvSchema>;

export const ClliSchema = struct({ maxCll: u32be, maxFall: u32be });
export type Clli = Infer<typeof ClliSchema>;

/** sBIT's shapes: one significant-bit count per channel of the colour type. */
export const SbitSchemas = {
  gray: struct({ kind: tag('gray'), gray: u8 }),
  rgb: struct({ kind: tag('rgb'), red: u8, green: u8, blue: u8 }),
  grayAlpha: struct({ kind: tag('grayAlpha'), gray: u8, alpha: u8 }),
  rgba: struct({ kind: tag('rgba'), red: u8, green: u8, blue: u8, alpha: u8 }),
};
export type Sbit = {
  [K in keyof typeof SbitSchemas]: Infer<(typeof SbitSchemas)[K]>;
}[keyof typeof SbitSchemas];

const sbitByColorType: Readonly<Record<number, keyof typeof SbitSchemas>> = {
  0: 'gray',
  2: 'rgb',
  3: 'rgb',
  4: 'grayAlpha',
  6: 'rgba',
};
const sbitByLength: readonly (keyof typeof SbitSchemas | undefined)[] = [
  undefined,
  'gray',
  'grayAlpha',
  'rgb',
  'rgba',
];
const sbitChannels = ['gray', 'red', 'green', 'blue', 'alpha'] as const;

function sbitFault(s: Sbit, max: number): Fault | undefined {
  let at = 0;
  for (const ch of sbitChannels) {
    const v = (s as Partial<Record<(typeof sbitChannels)[number], number>>)[ch];
    if (v === undefined) continue;
    if (v < 1 || v > max) {
      return {
        at,
        path: [ch],
        message: `${ch} significant bits ${v} is out of range: it must be 1 to ${max} (the sample depth)`,
        expected: `1..${max}`,
        actual: String(v),
      };
    }
    at++;
  }
  return undefined;
}

/** sBIT's fields, shaped by the colour type (by the data's length without one), each count within the sample depth. */
export const sbit: Codec<Sbit> = defineCodec<Sbit>({
  name: 'sBIT',
  read(st: DecodeState<FieldContext>) {
    const base = st.pos;
    const data = chunkData(st);
    const header = st.context.ihdr;
    const ct = header?.colorType;
    let kind = sbitByLength[data.length];
    const expectedKind = ct === undefined ? undefined : sbitByColorType[ct];
    if (expectedKind !== undefined) {
      const size = SbitSchemas[expectedKind].size as number;
      if (data.length !== size)
        raise(
          sizeFault(
            'sBIT',
            data.length,
            `${size} byte${size === 1 ? '' : 's'} for ${colorTypeLabel(ct as number)}`,
          ),
          data,
          base,
        );
      kind = expectedKind;
    } else if (kind === undefined) {
      raise(sizeFault('sBIT', data.length, '1 to 4 bytes'), data, base);
    }
    const s: Sbit = SbitSchemas[kind as keyof typeof SbitSchemas].read(st);
    const max = ct === 3 ? 8 : expectedKind !== undefined && header !== undefined ? header.bitDepth : 16;
    raise(sbitFault(s, max), data, base);
    return s;
  },
  write(w, s) {
    writeByKind('sBIT', SbitSchemas, w, s);
    refuse(sbitFault(s, 16));
  },
});
