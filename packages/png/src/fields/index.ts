/**
 * The decoded content (`fields`) of every standard PNG chunk (Third Edition), read with
 * @stride/codec schemas and checked against the spec's and libpng's rules. Every fault is a
 * DecodeError with the absolute offset of the byte at fault and the field's path: a `PngError`
 * (`IHDR_BAD_*`, `PLTE_*`, `BAD_CHUNK_DATA`) or a `LimitError` (`maxWidth`, `maxHeight`,
 * `maxInflatedBytes`). Size faults name the chunk's first byte (its length field).
 */
import { EncodeError } from '@stride/codec';
import type { PngLimits } from '../limits.js';
import { type Actl, actl, type Fctl, type Fdat, fctl, fdat } from './apng.js';
import {
  type Chrm,
  type Cicp,
  type Clli,
  chrm,
  cicp,
  clli,
  type Gama,
  gama,
  type Iccp,
  iccp,
  type Mdcv,
  mdcv,
  type Sbit,
  type Srgb,
  sbit,
  srgb,
} from './colour.js';
import type { ChunkSpec } from './common.js';
import { type Ihdr, ihdr, type Plte, plte } from './header.js';
import { type Exif, exif, type Phys, phys, type Splt, splt, type Time, time } from './meta.js';
import { type Itxt, itxt, type Text, text, type Ztxt, ztxt } from './text.js';
import { type Bkgd, bkgd, type Hist, hist, type Trns, trns } from './transparency.js';

export { type Actl, ActlSchema, type Fctl, FctlSchema, type Fdat, FdatSchema } from './apng.js';
export {
  type Chrm,
  ChrmSchema,
  type Cicp,
  CicpSchema,
  type Clli,
  ClliSchema,
  type Gama,
  GamaSchema,
  type Iccp,
  IccpSchema,
  type Mdcv,
  MdcvSchema,
  type Sbit,
  SbitSchemas,
  type Srgb,
  SrgbSchema,
} from './colour.js';
export { allowedBitDepths, type Ihdr, IhdrSchema, type Plte, PlteSchema } from './header.js';
export {
  type Exif,
  type ExifByteOrder,
  ExifSchema,
  type Phys,
  PhysSchema,
  type Splt,
  SpltSchema,
  type Time,
  TimeSchema,
} from './meta.js';
export { type Itxt, ItxtSchema, type Text, TextSchema, type Ztxt, ZtxtSchema } from './text.js';
export { type Bkgd, BkgdSchemas, type Hist, HistSchema, type Trns, TrnsSchemas } from './transparency.js';

/** The fields of each standard chunk that has any (IDAT and IEND have none). */
export interface PngChunkFields {
  IHDR: Ihdr;
  PLTE: Plte;
  tRNS: Trns;
  cHRM: Chrm;
  gAMA: Gama;
  iCCP: Iccp;
  sBIT: Sbit;
  sRGB: Srgb;
  cICP: Cicp;
  mDCV: Mdcv;
  cLLI: Clli;
  tEXt: Text;
  zTXt: Ztxt;
  iTXt: Itxt;
  bKGD: Bkgd;
  hIST: Hist;
  pHYs: Phys;
  sPLT: Splt;
  eXIf: Exif;
  tIME: Time;
  acTL: Actl;
  fcTL: Fctl;
  fdAT: Fdat;
}

export type KnownChunkType = keyof PngChunkFields;

export interface FieldContext {
  /** The image's IHDR fields, once read (PLTE, tRNS, bKGD, sBIT depend on the colour type and bit depth). */
  ihdr: Ihdr | undefined;
  /** Number of PLTE entries, once read (hIST, tRNS and bKGD depend on it). */
  paletteEntries: number | undefined;
  limits: PngLimits;
}

const specs: { readonly [K in KnownChunkType]: ChunkSpec<PngChunkFields[K]> } = {
  IHDR: ihdr,
  PLTE: plte,
  tRNS: trns,
  cHRM: chrm,
  gAMA: gama,
  iCCP: iccp,
  sBIT: sbit,
  sRGB: srgb,
  cICP: cicp,
  mDCV: mdcv,
  cLLI: clli,
  tEXt: text,
  zTXt: ztxt,
  iTXt: itxt,
  bKGD: bkgd,
  hIST: hist,
  pHYs: phys,
  sPLT: splt,
  eXIf: exif,
  tIME: time,
  acTL: actl,
  fcTL: fctl,
  fdAT: fdat,
};

const table = new Map<string, ChunkSpec<unknown>>(Object.entries(specs) as [string, ChunkSpec<unknown>][]);

/** Every chunk type the Third Edition defines: those with fields, IDAT and IEND. */
export const standardChunkTypes: ReadonlySet<string> = new Set([...table.keys(), 'IDAT', 'IEND']);

/** True for the 25 chunk types of the Third Edition. */
export function isStandardChunkType(type: string): boolean {
  return standardChunkTypes.has(type);
}

/** True for the standard chunk types that have fields (all but IDAT and IEND). */
export function isKnownChunkType(type: string): type is KnownChunkType {
  return table.has(type);
}

/**
 * The fields of a chunk of `type` whose data is `data` (its first byte at absolute offset `base`),
 * or undefined for IDAT, IEND and non-standard types. Throws only DecodeErrors.
 */
export function decodeChunkFields(type: string, data: Uint8Array, base: number, ctx: FieldContext): unknown {
  if (type === 'IDAT') return undefined;
  const spec = table.get(type);
  return spec === undefined ? undefined : spec.decode(data, base, ctx);
}

/** The data of a chunk of `type` holding `fields` (zTXt, compressed iTXt and iCCP are deflated); EncodeError on bad values. */
export function encodeChunkFields(type: string, fields: unknown): Uint8Array {
  const spec = table.get(type);
  if (spec === undefined) {
    throw new EncodeError(
      'UNKNOWN_CHUNK_TYPE',
      standardChunkTypes.has(type)
        ? `${type} has no fields: give its data instead`
        : `${type} is not a standard chunk type: give its data instead`,
    );
  }
  return spec.encode(fields);
}
