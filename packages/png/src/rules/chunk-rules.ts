/**
 * The datastream's structure, checked chunk by chunk as headers arrive (so a misplaced chunk fails
 * before its data is buffered): IHDR first, PLTE rules, consecutive IDATs, IEND last, unknown
 * critical chunks, ancillary placement and multiplicity (warnings), and APNG's order.
 *
 * Where libpng is more lenient than the letter of the spec, its verdict is the anchor: a non-empty
 * IEND and an acTL after IDAT are warnings (libpng: a benign error, and "Invalid acTL after IDAT
 * skipped"), not errors.
 */
import type { DecodeErrorDetails } from '@stride/codec';
import { PngError, type PngErrorCode, type PngWarningCode } from '../errors.js';
import type { Ihdr } from '../fields/index.js';
import { standardChunkTypes } from '../fields/index.js';
import { ApngRules } from './apng.js';
import { misplacement, SINGLE } from './placement.js';

export type Warn = (code: PngWarningCode, offset: number, message: string, chunk?: string) => void;

export interface RuleOptions {
  unknownCritical: 'error' | 'warn';
  /**
   * A critical chunk out of its place (IHDR not first, a second IHDR or PLTE, PLTE after IDAT,
   * IDAT not in one run, no PLTE before an indexed image's IDAT, IEND before IDAT): `'error'`
   * (default) stops the read; `'warn'` reports it as a warning of the same code and goes on.
   */
  misplacedCritical?: 'error' | 'warn';
}

/** The error codes `misplacedCritical: 'warn'` turns into warnings. */
type MisplacedCode = PngErrorCode & PngWarningCode;

export class ChunkRules {
  /** IHDR's fields once read. */
  ihdr: Ihdr | undefined;
  #chunks = 0;
  #seenIhdr = false;
  #seenPlte = false;
  #seenIdat = false;
  #idatRunEnded = false;
  #seenIend = false;
  readonly #seen = new Set<string>();
  readonly #paletteNames = new Set<string>();
  /** Offset of the first mDCV, or -1. */
  #mdcvAt = -1;
  readonly apng = new ApngRules();

  readonly #options: RuleOptions;
  readonly #warn: Warn;

  constructor(options: RuleOptions, warn: Warn) {
    this.#options = options;
    this.#warn = warn;
  }

  /** True once an IDAT was read. */
  get pastIdat(): boolean {
    return this.#seenIdat;
  }

  /** True once IEND was read. */
  get ended(): boolean {
    return this.#seenIend;
  }

  /**
   * Checks a chunk's place from its header. Returns true when this chunk ends the run of IDAT
   * chunks (the first chunk after them).
   */
  header(type: string, offset: number, length: number, critical: boolean): boolean {
    if (this.#chunks++ === 0 && type !== 'IHDR') {
      this.#misplaced('IHDR_NOT_FIRST', `the first chunk must be IHDR, got ${type}`, type, {
        offset,
        expected: 'IHDR',
        actual: type,
      });
    }
    const endsRun = this.#seenIdat && !this.#idatRunEnded && type !== 'IDAT';
    if (endsRun) this.#idatRunEnded = true;
    if (critical) this.#critical(type, offset, length);
    else this.#ancillary(type, offset);
    return endsRun;
  }

  #critical(type: string, offset: number, length: number): void {
    switch (type) {
      case 'IHDR':
        if (this.#seenIhdr) this.#duplicate(type, offset);
        this.#seenIhdr = true;
        return;
      case 'PLTE':
        if (this.#seenPlte) this.#duplicate(type, offset);
        if (this.#seenIdat)
          this.#misplaced('PLTE_AFTER_IDAT', 'PLTE must come before the first IDAT', type, { offset });
        this.#seenPlte = true;
        return;
      case 'IDAT':
        if (this.#idatRunEnded) {
          this.#misplaced(
            'IDAT_NOT_CONSECUTIVE',
            'IDAT chunks must be consecutive, but another chunk came between them',
            type,
            { offset },
          );
        }
        if (!this.#seenIdat && this.#mdcvAt >= 0 && !this.#seen.has('cICP')) {
          this.#warn(
            'COLOUR_CHUNK_CONFLICT',
            this.#mdcvAt,
            'mDCV without cICP: its mastering display values have no colour space to apply to',
            'mDCV',
          );
        }
        if (this.ihdr?.colorType === 3 && !this.#seenPlte && !this.#seenIdat) {
          this.#misplaced(
            'MISSING_PLTE',
            'an indexed-colour image (colour type 3) needs PLTE before IDAT',
            type,
            { offset },
          );
        }
        this.#seenIdat = true;
        return;
      case 'IEND':
        if (!this.#seenIdat) {
          this.#misplaced('MISSING_IDAT', 'IEND came before any IDAT: the image has no data', type, {
            offset,
          });
        }
        if (length !== 0) {
          // libpng: png_chunk_benign_error, a warning by default; its data is not read.
          this.#warn(
            'IEND_NOT_EMPTY',
            offset,
            `IEND must be empty, but its length is ${length}: its data is ignored`,
            type,
          );
        }
        this.apng.iend(offset);
        this.#seenIend = true;
        return;
      default:
        if (standardChunkTypes.has(type)) return;
        if (this.#options.unknownCritical === 'error') {
          throw new PngError(
            'UNKNOWN_CRITICAL_CHUNK',
            `${type} is a critical chunk this reader does not know, so the image cannot be shown safely (pass unknownCritical: 'warn' to list it)`,
            { offset, actual: type },
          );
        }
        this.#warn(
          'UNKNOWN_CRITICAL_CHUNK',
          offset,
          `${type} is a critical chunk this reader does not know`,
          type,
        );
    }
  }

  /** A critical chunk out of place: an error, or with `misplacedCritical: 'warn'` a warning. */
  #misplaced(code: MisplacedCode, detail: string, type: string, details: DecodeErrorDetails): void {
    if (this.#options.misplacedCritical !== 'warn') throw new PngError(code, detail, details);
    this.#warn(code, details.offset, detail, type);
  }

  #duplicate(type: string, offset: number): void {
    this.#misplaced('DUPLICATE_CRITICAL_CHUNK', `a second ${type}: a PNG has exactly one`, type, { offset });
  }

  #ancillary(type: string, offset: number): void {
    if ((type.charCodeAt(2) & 0x20) !== 0) {
      this.#warn(
        'RESERVED_BIT_SET',
        offset,
        `${type}: a lowercase third letter is reserved for a later PNG version`,
        type,
      );
    }
    if (SINGLE.has(type)) {
      if (this.#seen.has(type))
        this.#warn('DUPLICATE_CHUNK', offset, `a second ${type}: only one is allowed, use the first`, type);
      else this.#seen.add(type);
    }
    if ((type === 'iCCP' && this.#seen.has('sRGB')) || (type === 'sRGB' && this.#seen.has('iCCP'))) {
      this.#warn(
        'COLOUR_CHUNK_CONFLICT',
        offset,
        'iCCP and sRGB should not both be present (iCCP takes precedence)',
        type,
      );
    }
    if (type === 'mDCV' && this.#mdcvAt < 0) this.#mdcvAt = offset;
    const why = misplacement(type, {
      seenPlte: this.#seenPlte,
      seenIdat: this.#seenIdat,
      indexed: this.ihdr?.colorType === 3,
    });
    if (why !== '') this.#warn('MISPLACED_CHUNK', offset, why, type);
  }

  /** sPLT names must be distinct (a second palette of the same name is ignored, as a duplicate). */
  sPLT(name: string, offset: number): void {
    if (this.#paletteNames.has(name)) {
      this.#warn(
        'DUPLICATE_CHUNK',
        offset,
        `a second sPLT named ${JSON.stringify(name)}: names must be distinct`,
        'sPLT',
      );
    }
    this.#paletteNames.add(name);
  }

  /**
   * APNG rules that need a chunk's fields (acTL, fcTL) or its first bytes (fdAT's sequence number).
   * An acTL after IDAT was reported by `header` (MISPLACED_CHUNK) and is ignored here, as libpng
   * does: the file stays a still image, and its fcTL and fdAT chunks are ignored in turn.
   */
  acTL(numFrames: number, _offset: number): void {
    if (this.#seenIdat) return;
    this.apng.actl(numFrames);
  }

  fcTL(
    f: { sequenceNumber: number; width: number; height: number; xOffset: number; yOffset: number },
    offset: number,
  ): void {
    if (!this.apng.animated) {
      this.#warn(
        'MISPLACED_CHUNK',
        offset,
        'fcTL without acTL before IDAT: not an animated PNG, ignored',
        'fcTL',
      );
      return;
    }
    this.apng.fctl(f, offset, this.ihdr ?? { width: 0, height: 0 }, this.#seenIdat);
  }

  fdAT(sequenceNumber: number, offset: number): void {
    if (!this.apng.animated) {
      this.#warn(
        'MISPLACED_CHUNK',
        offset,
        'fdAT without acTL before IDAT: not an animated PNG, ignored',
        'fdAT',
      );
      return;
    }
    this.apng.fdat(sequenceNumber, offset, this.#seenIdat);
  }
}
