/**
 * The decoded content (`fields`) of every standard PNG chunk (Third Edition), read with
 * @stride/codec schemas and checked against the spec's and libpng's rules. Every fault is a
 * DecodeError with the absolute offset of the byte at fault and the field's path: a `PngError`
 * (`IHDR_BAD_*`, `PLTE_*`, `BAD_CHUNK_DATA`) or a `LimitError` (`maxWidth`, `maxHeight`,
 * `maxInflatedBytes`). Size faults name the chunk's first byte (its length field).
 */
import { type Codec, decode, EncodeError, encode } from '@stride/codec';
import { type Actl, ActlSchema, type Fctl, FctlSchema, type Fdat, fdat } from './apng.js';
import { faultError, sizeFault } from './check.js';
import {
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
  type Srgb,
  SrgbSchema,
  sbit,
} from './colour.js';
import { asChunkDataError, type FieldContext } from './common.js';
import { type Ihdr, ihdr, type Plte, plte } from './header.js';
import {
  type Exif,
  ExifSchema,
  type Phys,
  PhysSchema,
  type Splt,
  SpltSchema,
  type Time,
  TimeSchema,
} from './meta.js';
import { type Itxt, ItxtSchema, type Text, TextSchema, type Ztxt, ZtxtSchema } from './text.js';
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
export type { FieldContext } from './common.js';
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

/**
 * Each chunk type's fields as one codec over its whole data, decoded with a FieldContext as
 * `context`: the schema itself where no check comes before the fields but a fixed size.
 */
const codecs: { readonly [K in KnownChunkType]: Codec<PngChunkFields[K]> } = {
  IHDR: ihdr,
  PLTE: plte,
  tRNS: trns,
  cHRM: ChrmSchema,
  gAMA: GamaSchema,
  iCCP: IccpSchema,
  sBIT: sbit,
  sRGB: SrgbSchema,
  cICP: CicpSchema,
  mDCV: MdcvSchema,
  cLLI: ClliSchema,
  tEXt: TextSchema,
  zTXt: ZtxtSchema,
  iTXt: ItxtSchema,
  bKGD: bkgd,
  hIST: hist,
  pHYs: PhysSchema,
  sPLT: SpltSchema,
  eXIf: ExifSchema,
  tIME: TimeSchema,
  acTL: ActlSchema,
  fcTL: FctlSchema,
  fdAT: fdat,
};

const table = new Map<string, Codec<unknown>>(Object.entries(codecs) as [string, Codec<unknown>][]);

/** A chunk's data bounds every length and count, so codec's own record limits never apply. */
const limits = { maxRecordBytes: Number.MAX_SAFE_INTEGER, maxArrayLength: Number.MAX_SAFE_INTEGER };

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
  const codec = table.get(type);
  if (codec === undefined) return undefined;
  // A chunk of another size than its fields' fixed one is at fault as a whole, at its length
  // field, whatever its bytes. Checked here rather than in a codec around the schema (whose read
  // would run the schema's interpreter), so that compiled code decodes the schema.
  if (codec.size !== undefined && data.length !== codec.size)
    throw faultError(sizeFault(type, data.length, `exactly ${codec.size} bytes`), data, base);
  try {
    return decode(codec, data, { base, limits, context: ctx });
  } catch (e) {
    throw asChunkDataError(e);
  }
}

/** The data of a chunk of `type` holding `fields` (zTXt, compressed iTXt and iCCP are deflated); EncodeError on bad values. */
export function encodeChunkFields(type: string, fields: unknown): Uint8Array {
  const codec = table.get(type);
  if (codec === undefined) {
    throw new EncodeError(
      'UNKNOWN_CHUNK_TYPE',
      standardChunkTypes.has(type)
        ? `${type} has no fields: give its data instead`
        : `${type} is not a standard chunk type: give its data instead`,
    );
  }
  if (typeof fields !== 'object' || fields === null)
    throw new EncodeError(
      'NOT_AN_OBJECT',
      `chunk fields must be an object, got ${fields === null ? 'null' : typeof fields}`,
    );
  return encode(codec, fields);
}
