/**
 * How many bytes the IDAT stream inflates to: the scanline geometry IHDR promises (PNG Third
 * Edition §7.2 scanlines, §8.2 Adam7). Each scanline is one filter-type byte followed by
 * ceil(width × channels × bitDepth / 8) bytes; an interlaced image is seven reduced images, one
 * per Adam7 pass, and a pass with no columns or no rows contributes nothing, not even filter bytes.
 */

/** The IHDR fields that fix the size of the image data. */
export interface ImageGeometry {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaceMethod: number;
}

/** One Adam7 pass: where it starts, its step, and the size of its reduced image (possibly 0). */
export interface Adam7Pass {
  /** 1 to 7. */
  readonly pass: number;
  readonly xStart: number;
  readonly yStart: number;
  readonly xStep: number;
  readonly yStep: number;
  /** Columns of the reduced image: ceil((width − xStart) / xStep), 0 when width ≤ xStart. */
  readonly width: number;
  /** Rows of the reduced image: ceil((height − yStart) / yStep), 0 when height ≤ yStart. */
  readonly height: number;
}

/** A run of scanlines of the same length: the whole image, or one non-empty Adam7 pass. */
export interface ScanlineRun {
  /** The Adam7 pass (1-7), or 0 for a non-interlaced image. */
  readonly pass: number;
  /** Number of scanlines. */
  readonly rows: number;
  /** Bytes per scanline, including the leading filter-type byte. */
  readonly rowLength: number;
}

/** Adam7's seven passes as (xStart, yStart, xStep, yStep), from the spec's pass table. */
const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Samples per pixel by colour type: 0 greyscale, 2 truecolour, 3 indexed, 4 grey+alpha, 6 RGBA. */
export function samplesPerPixel(colorType: number): number | undefined {
  switch (colorType) {
    case 0:
    case 3:
      return 1;
    case 2:
      return 3;
    case 4:
      return 2;
    case 6:
      return 4;
    default:
      return undefined;
  }
}

function reduced(size: number, start: number, step: number): number {
  return size > start ? Math.floor((size - start + step - 1) / step) : 0;
}

/** The seven Adam7 passes of a width × height image, empty ones included. */
export function adam7Passes(width: number, height: number): Adam7Pass[] {
  return ADAM7.map(([xStart, yStart, xStep, yStep], i) => ({
    pass: i + 1,
    xStart,
    yStart,
    xStep,
    yStep,
    width: reduced(width, xStart, xStep),
    height: reduced(height, yStart, yStep),
  }));
}

function checkGeometry(ihdr: ImageGeometry): number {
  const { width, height, bitDepth, colorType, interlaceMethod } = ihdr;
  const channels = samplesPerPixel(colorType);
  if (channels === undefined) throw new RangeError(`colour type ${colorType} is not 0, 2, 3, 4 or 6`);
  if (bitDepth !== 1 && bitDepth !== 2 && bitDepth !== 4 && bitDepth !== 8 && bitDepth !== 16) {
    throw new RangeError(`bit depth ${bitDepth} is not 1, 2, 4, 8 or 16`);
  }
  if (interlaceMethod !== 0 && interlaceMethod !== 1) {
    throw new RangeError(`interlace method ${interlaceMethod} is not 0 or 1`);
  }
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 0x7fffffff) {
      throw new RangeError(`${name} ${v} is not an integer in 1..2^31-1`);
    }
  }
  return channels;
}

/** Bytes of one scanline of `width` pixels, without the filter byte. Exact: at most 2^34. */
function rowBytes(width: number, channels: number, bitDepth: number): number {
  return Math.ceil((width * channels * bitDepth) / 8);
}

/**
 * The scanline runs the inflated image data consists of, in stream order: one run for a
 * non-interlaced image, one per non-empty pass for Adam7.
 *
 * Throws RangeError when the IHDR fields are not ones the spec allows (colour type, bit depth,
 * interlace method, 1 ≤ width/height ≤ 2^31-1): callers check IHDR first.
 */
export function scanlineLayout(ihdr: ImageGeometry): ScanlineRun[] {
  const channels = checkGeometry(ihdr);
  if (ihdr.interlaceMethod === 0) {
    return [{ pass: 0, rows: ihdr.height, rowLength: 1 + rowBytes(ihdr.width, channels, ihdr.bitDepth) }];
  }
  const runs: ScanlineRun[] = [];
  for (const p of adam7Passes(ihdr.width, ihdr.height)) {
    if (p.width === 0 || p.height === 0) continue;
    runs.push({ pass: p.pass, rows: p.height, rowLength: 1 + rowBytes(p.width, channels, ihdr.bitDepth) });
  }
  return runs;
}

/**
 * The exact number of bytes the IDAT zlib stream inflates to for this IHDR (filter bytes included).
 * Computed exactly (BigInt) and returned as a number: exact up to 2^53, which no real stream can
 * reach (deflate expands at most ~1032:1, so that would take over 8 TB of IDAT data); IHDR allows
 * up to ~2^65, and such sizes come back rounded.
 *
 * Throws RangeError for IHDR fields the spec does not allow (see `scanlineLayout`).
 */
export function imageDataSize(ihdr: ImageGeometry): number {
  let total = 0n;
  for (const run of scanlineLayout(ihdr)) total += BigInt(run.rows) * BigInt(run.rowLength);
  return Number(total);
}
