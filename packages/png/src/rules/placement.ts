/**
 * Where each standard ancillary chunk may stand and how often (PNG §5.6, Table 7). A break is a
 * warning: the spec lets a decoder ignore such a chunk, as libpng does ("out of place",
 * "duplicate").
 */

/** Must come before PLTE and IDAT. */
const BEFORE_PLTE = new Set(['cHRM', 'cICP', 'gAMA', 'iCCP', 'mDCV', 'cLLI', 'sBIT', 'sRGB']);
/** Must come after PLTE (when there is one) and before IDAT. */
const AFTER_PLTE = new Set(['bKGD', 'hIST', 'tRNS']);
/** Must come before IDAT. */
const BEFORE_IDAT = new Set(['pHYs', 'sPLT', 'eXIf', 'acTL']);
/** May appear at most once. */
export const SINGLE = new Set([
  'acTL',
  'cHRM',
  'cICP',
  'gAMA',
  'iCCP',
  'mDCV',
  'cLLI',
  'sBIT',
  'sRGB',
  'bKGD',
  'hIST',
  'tRNS',
  'eXIf',
  'pHYs',
  'tIME',
]);

export interface PlacementState {
  seenPlte: boolean;
  seenIdat: boolean;
  /** IHDR says indexed colour (type 3), where bKGD, hIST and tRNS need PLTE before them. */
  indexed: boolean;
}

/** Why `type` is out of place in `state`, or '' when it is where it may be. */
export function misplacement(type: string, state: PlacementState): string {
  if (BEFORE_PLTE.has(type)) {
    if (state.seenIdat) return `${type} must come before PLTE and IDAT, but IDAT came first`;
    if (state.seenPlte) return `${type} must come before PLTE, but PLTE came first`;
  } else if (AFTER_PLTE.has(type)) {
    if (state.seenIdat) return `${type} must come before IDAT, but IDAT came first`;
    if ((type === 'hIST' || state.indexed) && !state.seenPlte) return `${type} must come after PLTE`;
  } else if (BEFORE_IDAT.has(type)) {
    if (state.seenIdat && type === 'acTL')
      return 'acTL must come before IDAT, but IDAT came first: ignored, the file is a still image (as libpng)';
    if (state.seenIdat) return `${type} must come before IDAT, but IDAT came first`;
  }
  return '';
}
