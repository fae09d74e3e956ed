/**
 * The datastream's structure, checked chunk by chunk as headers arrive (so a misplaced chunk fails
 * before its data is buffered): IHDR first, PLTE rules, consecutive IDATs, IEND last, unknown
 * critical chunks, ancillary placement and multiplicity (warnings), and APNG's order.
 */
import { PngError, type PngWarningCode } from '../errors.js';
import type { Ihdr } from '../fields/index.js';
import { standardChunkTypes } from '../fields/index.js';
import { ApngRules } from './apng.js';
import { misplacement, SINGLE } from './placement.js';

export type Warn = (code: PngWarningCode, offset: number, message: string, chunk?: string) => void;

export interface RuleOptions {
  unknownCritical: 'error' | 'warn';
}

export class ChunkRules {
  /** IHDR's fields once read. */
  ihdr: Ihdr | undefined;
  private chunks = 0;
  private seenPlte = false;
  private seenIdat = false;
  private idatRunEnded = false;
  private seenIend = false;
  private readonly seen = new Set<string>();
  private readonly paletteNames = new Set<string>();
  /** Offset of the first mDCV, or -1. */
  private mdcvAt = -1;
  readonly apng = new ApngRules();

  constructor(
    private readonly options: RuleOptions,
    private readonly warn: Warn,
  ) {}

  /** True once an IDAT was read. */
  get pastIdat(): boolean {
    return this.seenIdat;
  }

  /** True once IEND was read. */
  get ended(): boolean {
    return this.seenIend;
  }

  /**
   * Checks a chunk's place from its header. Returns true when this chunk ends the run of IDAT
   * chunks (the first chunk after them).
   */
  header(type: string, offset: number, length: number, critical: boolean): boolean {
    if (this.chunks++ === 0 && type !== 'IHDR') {
      throw new PngError('IHDR_NOT_FIRST', `the first chunk must be IHDR, got ${type}`, {
        offset,
        expected: 'IHDR',
        actual: type,
      });
    }
    const endsRun = this.seenIdat && !this.idatRunEnded && type !== 'IDAT';
    if (endsRun) this.idatRunEnded = true;
    if (critical) this.critical(type, offset, length);
    else this.ancillary(type, offset);
    return endsRun;
  }

  private critical(type: string, offset: number, length: number): void {
    switch (type) {
      case 'IHDR':
        if (this.chunks > 1) throw duplicate(type, offset);
        return;
      case 'PLTE':
        if (this.seenPlte) throw duplicate(type, offset);
        if (this.seenIdat)
          throw new PngError('PLTE_AFTER_IDAT', 'PLTE must come before the first IDAT', { offset });
        this.seenPlte = true;
        return;
      case 'IDAT':
        if (this.idatRunEnded) {
          throw new PngError(
            'IDAT_NOT_CONSECUTIVE',
            'IDAT chunks must be consecutive, but another chunk came between them',
            {
              offset,
            },
          );
        }
        if (!this.seenIdat && this.mdcvAt >= 0 && !this.seen.has('cICP')) {
          this.warn(
            'COLOUR_CHUNK_CONFLICT',
            this.mdcvAt,
            'mDCV without cICP: its mastering display values have no colour space to apply to',
            'mDCV',
          );
        }
        if (this.ihdr?.colorType === 3 && !this.seenPlte) {
          throw new PngError(
            'MISSING_PLTE',
            'an indexed-colour image (colour type 3) needs PLTE before IDAT',
            { offset },
          );
        }
        this.seenIdat = true;
        return;
      case 'IEND':
        if (!this.seenIdat)
          throw new PngError('MISSING_IDAT', 'IEND came before any IDAT: the image has no data', { offset });
        if (length !== 0) {
          throw new PngError('BAD_CHUNK_DATA', `IEND must be empty, but its length is ${length}`, {
            offset,
            expected: '0',
            actual: String(length),
          });
        }
        this.apng.iend(offset);
        this.seenIend = true;
        return;
      default:
        if (standardChunkTypes.has(type)) return;
        if (this.options.unknownCritical === 'error') {
          throw new PngError(
            'UNKNOWN_CRITICAL_CHUNK',
            `${type} is a critical chunk this reader does not know, so the image cannot be shown safely (pass unknownCritical: 'warn' to list it)`,
            { offset, actual: type },
          );
        }
        this.warn(
          'UNKNOWN_CRITICAL_CHUNK',
          offset,
          `${type} is a critical chunk this reader does not know`,
          type,
        );
    }
  }

  private ancillary(type: string, offset: number): void {
    if ((type.charCodeAt(2) & 0x20) !== 0) {
      this.warn(
        'RESERVED_BIT_SET',
        offset,
        `${type}: a lowercase third letter is reserved for a later PNG version`,
        type,
      );
    }
    if (SINGLE.has(type)) {
      if (this.seen.has(type))
        this.warn('DUPLICATE_CHUNK', offset, `a second ${type}: only one is allowed, use the first`, type);
      else this.seen.add(type);
    }
    if ((type === 'iCCP' && this.seen.has('sRGB')) || (type === 'sRGB' && this.seen.has('iCCP'))) {
      this.warn(
        'COLOUR_CHUNK_CONFLICT',
        offset,
        'iCCP and sRGB should not both be present (iCCP takes precedence)',
        type,
      );
    }
    if (type === 'mDCV' && this.mdcvAt < 0) this.mdcvAt = offset;
    const why = misplacement(type, {
      seenPlte: this.seenPlte,
      seenIdat: this.seenIdat,
      indexed: this.ihdr?.colorType === 3,
    });
    if (why !== '') this.warn('MISPLACED_CHUNK', offset, why, type);
  }

  /** sPLT names must be distinct (a second palette of the same name is ignored, as a duplicate). */
  sPLT(name: string, offset: number): void {
    if (this.paletteNames.has(name)) {
      this.warn(
        'DUPLICATE_CHUNK',
        offset,
        `a second sPLT named ${JSON.stringify(name)}: names must be distinct`,
        'sPLT',
      );
    }
    this.paletteNames.add(name);
  }

  /** APNG rules that need a chunk's fields (acTL, fcTL) or its first bytes (fdAT's sequence number). */
  acTL(numFrames: number, offset: number): void {
    this.apng.actl(numFrames, offset, this.seenIdat);
  }

  fcTL(
    f: { sequenceNumber: number; width: number; height: number; xOffset: number; yOffset: number },
    offset: number,
  ): void {
    if (!this.apng.animated) {
      this.warn(
        'MISPLACED_CHUNK',
        offset,
        'fcTL without acTL before IDAT: not an animated PNG, ignored',
        'fcTL',
      );
      return;
    }
    this.apng.fctl(f, offset, this.ihdr ?? { width: 0, height: 0 }, this.seenIdat);
  }

  fdAT(sequenceNumber: number, offset: number): void {
    if (!this.apng.animated) {
      this.warn(
        'MISPLACED_CHUNK',
        offset,
        'fdAT without acTL before IDAT: not an animated PNG, ignored',
        'fdAT',
      );
      return;
    }
    this.apng.fdat(sequenceNumber, offset, this.seenIdat);
  }
}

function duplicate(type: string, offset: number): PngError {
  return new PngError('DUPLICATE_CRITICAL_CHUNK', `a second ${type}: a PNG has exactly one`, { offset });
}
