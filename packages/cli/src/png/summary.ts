/**
 * One line per chunk for `stride png inspect`'s table: the decoded fields of each standard chunk
 * type, said briefly (`32x32, 8-bit truecolour+alpha, non-interlaced`, `gamma 0.45455`, `Title: …`).
 */
import { isKnownChunkType, type KnownChunkType, type PngChunkFields, type PngReportChunk } from '@stride/png';
import { clip, count } from '../text.js';

/** A chunk type with its fields, told apart by `type`. */
export type KnownChunk = { [K in KnownChunkType]: { type: K; fields: PngChunkFields[K] } }[KnownChunkType];

/** Text in a summary (keyword and text together) is cut to about this many characters. */
export const TEXT_WIDTH = 60;

/** The summary of a report's chunk: empty for IDAT, IEND, unknown types and chunks without fields. */
export function summarizeChunk(chunk: PngReportChunk): string {
  if (chunk.fields === undefined || !isKnownChunkType(chunk.type)) return '';
  // The report holds fields as `unknown`; the reader put there the fields of exactly this type.
  return summarize({ type: chunk.type, fields: chunk.fields } as KnownChunk);
}

const colourTypes: Readonly<Record<number, string>> = {
  0: 'greyscale',
  2: 'truecolour',
  3: 'indexed-colour',
  4: 'greyscale+alpha',
  6: 'truecolour+alpha',
};

const intents = ['perceptual', 'relative colorimetric', 'saturation', 'absolute colorimetric'];

/** Code points of ITU-T H.273 that PNG images use most (cICP). */
const primaries: Readonly<Record<number, string>> = {
  1: 'BT.709',
  9: 'BT.2020',
  11: 'DCI-P3',
  12: 'Display P3',
};
const transfers: Readonly<Record<number, string>> = {
  1: 'BT.709',
  8: 'linear',
  13: 'sRGB',
  16: 'PQ',
  18: 'HLG',
};

const disposeOps = ['none', 'background', 'previous'];
const blendOps = ['source', 'over'];

/** `n (name)` when the code has a name. */
function named(n: number, names: Readonly<Record<number, string>> | readonly string[]): string {
  const name = (names as Readonly<Record<number, string | undefined>>)[n];
  return name === undefined ? String(n) : `${n} (${name})`;
}

/** A value stored as an integer times `scale`, as a decimal (`31270`, 100000 → `0.3127`). */
function scaled(v: number, scale: number): string {
  return String(v / scale);
}

function point(x: number, y: number, scale: number): string {
  return `${scaled(x, scale)},${scaled(y, scale)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** `keyword: text` cut to fit, controls escaped. */
function keyed(label: string, text: string): string {
  const head = `${clip(label, TEXT_WIDTH)}: `;
  return head + clip(text, Math.max(TEXT_WIDTH - head.length, 10));
}

export function summarize(c: KnownChunk): string {
  switch (c.type) {
    case 'IHDR': {
      const f = c.fields;
      const colour = colourTypes[f.colorType] ?? `colour type ${f.colorType}`;
      const interlace = f.interlaceMethod === 1 ? 'Adam7-interlaced' : 'non-interlaced';
      return `${f.width}x${f.height}, ${f.bitDepth}-bit ${colour}, ${interlace}`;
    }
    case 'PLTE':
      return count(c.fields.entries.length, 'entry', 'entries');
    case 'tRNS': {
      const f = c.fields;
      if (f.kind === 'gray') return `transparent grey ${f.gray}`;
      if (f.kind === 'rgb') return `transparent rgb ${f.red},${f.green},${f.blue}`;
      return `${count(f.alphas.length, 'palette alpha')}`;
    }
    case 'cHRM': {
      const f = c.fields;
      return [
        `white ${point(f.whitePointX, f.whitePointY, 100000)}`,
        `red ${point(f.redX, f.redY, 100000)}`,
        `green ${point(f.greenX, f.greenY, 100000)}`,
        `blue ${point(f.blueX, f.blueY, 100000)}`,
      ].join(' ');
    }
    case 'gAMA':
      return `gamma ${(c.fields.gamma / 100000).toFixed(5)}`;
    case 'iCCP':
      return `${clip(c.fields.name, 40)}, profile ${count(c.fields.profile.length, 'byte')}`;
    case 'sBIT': {
      const f = c.fields;
      if (f.kind === 'gray') return `significant bits: grey ${f.gray}`;
      if (f.kind === 'grayAlpha') return `significant bits: grey ${f.gray}, alpha ${f.alpha}`;
      if (f.kind === 'rgb') return `significant bits: rgb ${f.red},${f.green},${f.blue}`;
      return `significant bits: rgba ${f.red},${f.green},${f.blue},${f.alpha}`;
    }
    case 'sRGB':
      return `intent ${named(c.fields.renderingIntent, intents)}`;
    case 'cICP': {
      const f = c.fields;
      const range = f.videoFullRange === 1 ? 'full range' : 'narrow range';
      return `primaries ${named(f.colourPrimaries, primaries)}, transfer ${named(f.transferFunction, transfers)}, matrix ${f.matrixCoefficients}, ${range}`;
    }
    case 'mDCV': {
      const f = c.fields;
      return [
        `red ${point(f.redX, f.redY, 50000)}`,
        `green ${point(f.greenX, f.greenY, 50000)}`,
        `blue ${point(f.blueX, f.blueY, 50000)}`,
        `white ${point(f.whitePointX, f.whitePointY, 50000)},`,
        `luminance ${scaled(f.minLuminance, 10000)}-${scaled(f.maxLuminance, 10000)} cd/m²`,
      ].join(' ');
    }
    case 'cLLI':
      return `max CLL ${scaled(c.fields.maxCll, 10000)} cd/m², max FALL ${scaled(c.fields.maxFall, 10000)} cd/m²`;
    case 'tEXt':
    case 'zTXt':
      return keyed(c.fields.keyword, c.fields.text);
    case 'iTXt': {
      const f = c.fields;
      const notes = [f.languageTag, f.translatedKeyword === f.keyword ? '' : f.translatedKeyword].filter(
        (s) => s !== '',
      );
      return keyed(notes.length === 0 ? f.keyword : `${f.keyword} [${notes.join(', ')}]`, f.text);
    }
    case 'bKGD': {
      const f = c.fields;
      if (f.kind === 'gray') return `background grey ${f.gray}`;
      if (f.kind === 'rgb') return `background rgb ${f.red},${f.green},${f.blue}`;
      return `background palette index ${f.paletteIndex}`;
    }
    case 'hIST':
      return count(c.fields.frequencies.length, 'frequency', 'frequencies');
    case 'pHYs': {
      const f = c.fields;
      if (f.unit === 1) {
        const dpi =
          f.pixelsPerUnitX === f.pixelsPerUnitY ? ` (${Math.round(f.pixelsPerUnitX * 0.0254)} dpi)` : '';
        return `${f.pixelsPerUnitX}x${f.pixelsPerUnitY} px/m${dpi}`;
      }
      const d = gcd(f.pixelsPerUnitX, f.pixelsPerUnitY) || 1;
      return `aspect ${f.pixelsPerUnitX / d}:${f.pixelsPerUnitY / d}`;
    }
    case 'sPLT': {
      const f = c.fields;
      return `${clip(f.name, 40)}, ${f.sampleDepth}-bit, ${count(f.entries.length, 'entry', 'entries')}`;
    }
    case 'eXIf': {
      const f = c.fields;
      const order =
        f.byteOrder === 'MM'
          ? 'big-endian (MM)'
          : f.byteOrder === 'II'
            ? 'little-endian (II)'
            : 'no TIFF header';
      return `${order}, ${count(f.data.length, 'byte')}`;
    }
    case 'tIME': {
      const f = c.fields;
      const date = `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
      return `${date}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}Z`;
    }
    case 'acTL': {
      const f = c.fields;
      return `${count(f.numFrames, 'frame')}, ${f.numPlays === 0 ? 'loops forever' : `plays ${count(f.numPlays, 'time')}`}`;
    }
    case 'fcTL': {
      const f = c.fields;
      const den = f.delayDen === 0 ? 100 : f.delayDen;
      return [
        `seq ${f.sequenceNumber}, ${f.width}x${f.height} at ${f.xOffset},${f.yOffset}, delay ${f.delayNum}/${den} s,`,
        `dispose ${disposeOps[f.disposeOp] ?? f.disposeOp}, blend ${blendOps[f.blendOp] ?? f.blendOp}`,
      ].join(' ');
    }
    case 'fdAT':
      return `seq ${c.fields.sequenceNumber}, ${count(c.fields.frameData.length, 'byte')}`;
    default:
      return unreachable(c);
  }
}

/** A chunk type added to PngChunkFields without a case above fails to compile here. */
function unreachable(_chunk: never): string {
  return '';
}
