/**
 * APNG's rules (PNG Third Edition §5.6 and §11.3.6): fcTL and fdAT share one sequence 0, 1, 2 …;
 * acTL comes before IDAT and announces how many frames (fcTL chunks) follow; the default image's
 * fcTL, if any, precedes IDAT and covers the whole image; every other frame's fcTL comes after IDAT
 * and is followed by its fdAT chunks. "Decoders shall treat out-of-order APNG chunks as an error."
 *
 * Except acTL, as libpng's APNG reader does: an acTL after IDAT is skipped with a warning (the file
 * is a still image; ChunkRules does not pass it here), and a second acTL is a duplicate (the first
 * counts).
 */
import { PngError } from '../errors.js';

interface FrameControl {
  sequenceNumber: number;
  width: number;
  height: number;
  xOffset: number;
  yOffset: number;
}

export class ApngRules {
  /** acTL's num_frames, once read; undefined for a still image. */
  #frames: number | undefined;
  #nextSequence = 0;
  #fctls = 0;
  /** An fcTL after IDAT is waiting for its fdAT chunks. */
  #frameOpen = false;
  /** An fcTL after IDAT was seen, so fdAT chunks have a frame to belong to. */
  #frameAfterIdat = false;

  get animated(): boolean {
    return this.#frames !== undefined;
  }

  /** acTL before IDAT; a second one (a DUPLICATE_CHUNK warning already) changes nothing. */
  actl(numFrames: number): void {
    if (this.#frames === undefined) this.#frames = numFrames;
  }

  /** The first 4 data bytes of an fcTL or fdAT (`at` is their offset). */
  sequence(type: string, sequenceNumber: number, at: number): void {
    if (sequenceNumber !== this.#nextSequence) {
      throw new PngError(
        'APNG_BAD_SEQUENCE',
        `${type} has sequence number ${sequenceNumber}, expected ${this.#nextSequence}`,
        {
          offset: at,
          expected: String(this.#nextSequence),
          actual: String(sequenceNumber),
        },
      );
    }
    this.#nextSequence++;
  }

  fctl(f: FrameControl, offset: number, image: { width: number; height: number }, seenIdat: boolean): void {
    if (this.#frameOpen) throw order(`frame ${this.#fctls - 1} has no fdAT before the next fcTL`, offset);
    this.sequence('fcTL', f.sequenceNumber, offset + 8);
    if (!seenIdat) {
      if (this.#fctls > 0) throw order('only one fcTL (the default image) may come before IDAT', offset);
      if (f.xOffset !== 0 || f.yOffset !== 0 || f.width !== image.width || f.height !== image.height) {
        throw order(
          `the default image's fcTL must cover the whole ${image.width}x${image.height} image at 0,0, got ${f.width}x${f.height} at ${f.xOffset},${f.yOffset}`,
          offset,
        );
      }
    } else {
      this.#frameOpen = true;
      this.#frameAfterIdat = true;
    }
    if (f.xOffset + f.width > image.width || f.yOffset + f.height > image.height) {
      throw order(
        `frame ${f.width}x${f.height} at ${f.xOffset},${f.yOffset} lies outside the ${image.width}x${image.height} image`,
        offset,
      );
    }
    this.#fctls++;
  }

  fdat(sequenceNumber: number, offset: number, seenIdat: boolean): void {
    if (!seenIdat) throw order('fdAT must come after IDAT', offset);
    if (!this.#frameAfterIdat)
      throw order('fdAT before any fcTL that follows IDAT: it belongs to no frame', offset);
    this.sequence('fdAT', sequenceNumber, offset + 8);
    this.#frameOpen = false;
  }

  iend(offset: number): void {
    if (this.#frames === undefined) return;
    if (this.#frameOpen) throw order(`frame ${this.#fctls - 1} has no fdAT`, offset);
    if (this.#fctls !== this.#frames) {
      throw new PngError(
        'APNG_FRAME_COUNT',
        `acTL announces ${this.#frames} frames but ${this.#fctls} fcTL chunks came`,
        {
          offset,
          expected: String(this.#frames),
          actual: String(this.#fctls),
        },
      );
    }
  }
}

function order(detail: string, offset: number): PngError {
  return new PngError('APNG_BAD_ORDER', detail, { offset });
}
