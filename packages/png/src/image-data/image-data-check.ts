/**
 * validatePng's image-data check (pngcheck's, and libpng's "Not enough image data"): the
 * concatenated IDAT data is one zlib stream; it is inflated as it arrives, the output is counted
 * and its scanline filter-type bytes inspected, and nothing is kept.
 *
 * Inflation uses pako's low-level zlib API (`zlibInflate` on a `ZStream`), synchronous and
 * incremental, with one reused 64 KiB output buffer: memory stays bounded whatever the image size,
 * and the loop can stop exactly where it wants (pako's `Inflate` wrapper buffers output until 64
 * KiB are ready and allocates a new buffer each time, which would tie findings to later chunks).
 *
 * Determinism: every call inflates all the output its input allows before returning, so each
 * finding (error or warning) is reported while feeding the chunk whose bytes complete it, and the
 * offset reported is that chunk's offset: splitting one chunk's data into pieces changes nothing.
 *
 * Bounds: output past the IHDR size is counted up to `MAX_EXCESS_BYTES` more (so the end of the
 * zlib stream, its Adler-32 and trailing bytes are still checked when an encoder wrote a little
 * extra), then inflation stops: a zlib bomb costs at most that much work past the image.
 */
import {
  Z_BUF_ERROR,
  Z_NEED_DICT,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  ZStream,
  zlibInflate,
  zlibInflateInit2,
} from 'pako';
import { PngError, PngErrorCode, PngWarningCode } from '../errors.js';
import { type ImageGeometry, imageDataSize, type ScanlineRun, scanlineLayout } from './image-size.js';

/** Receives a warning: its code, the absolute offset where it was noticed, and the text. */
export type ImageDataWarn = (code: PngWarningCode, offset: number, message: string) => void;

/** Size of the reused inflate output buffer. */
const OUTPUT_CHUNK = 64 * 1024;

/** Output counted past the IHDR size before inflation stops (the image is complete by then). */
export const MAX_EXCESS_BYTES = 1024 * 1024;

const State = {
  /** Inflating. */
  Running: 0,
  /** The zlib stream reached its end (Adler-32 checked). */
  Finished: 1,
  /** Stopped after MAX_EXCESS_BYTES of output past the image: the rest is not inflated. */
  CutOff: 2,
  /** An error was thrown; later calls do nothing. */
  Failed: 3,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * Checks the IDAT stream of one image. Feed each IDAT chunk's data (or the pieces of a streamed
 * chunk) with `write`, then call `end`. Throws only `PngError`: `BAD_IMAGE_DATA` (zlib error,
 * filter type above 4) from `write`, `NOT_ENOUGH_IMAGE_DATA` from `end`; reports
 * `EXTRA_IMAGE_DATA` warnings (more output than IHDR promises, compressed bytes after the end of
 * the zlib stream), each at most once.
 */
/** What the messages call the data and what promised its size: the image, or an APNG frame. */
export interface ImageDataSource {
  /** `IDAT`, or e.g. `frame 1 (fdAT)`. */
  readonly stream: string;
  /** `IHDR`, or `fcTL`. */
  readonly header: string;
}

const IMAGE: ImageDataSource = { stream: 'IDAT', header: 'IHDR' };

/** `limits.maxImageBytes` and where the chunk that promised the size starts (IHDR's offset). */
export interface ImageSizeLimit {
  readonly maxImageBytes: number;
  readonly offset: number;
}

export class ImageDataCheck {
  /** Bytes the IHDR promises (filter bytes included). */
  readonly expected: number;
  readonly #source: ImageDataSource;
  readonly #runs: ScanlineRun[];
  readonly #strm = new ZStream();
  readonly #out = new Uint8Array(OUTPUT_CHUNK);
  readonly #limit: number;
  #state: State = State.Running;
  #count = 0;
  /** Scanline position: run index, row within the run, byte within the row. */
  #run = 0;
  #row = 0;
  #pos = 0;
  #warnedTooMuch = false;
  #warnedTrailing = false;

  /**
   * Throws RangeError for IHDR fields the spec does not allow (the reader checks IHDR first). An
   * APNG frame is checked the same way, with its fcTL's width and height (`source` names it).
   * With `limit`, an image of more than `maxImageBytes` bytes of pixel data is an IMAGE_TOO_LARGE
   * error at `limit.offset`, before anything is inflated.
   */
  constructor(ihdr: ImageGeometry, source: ImageDataSource = IMAGE, limit?: ImageSizeLimit) {
    this.#source = source;
    this.#runs = scanlineLayout(ihdr);
    if (limit !== undefined) checkSize(ihdr, this.#runs, source, limit);
    this.expected = imageDataSize(ihdr);
    // Stop once output reaches one byte past expected + MAX_EXCESS_BYTES: a stream of exactly that
    // many bytes is still followed to its end, whatever the input pieces.
    this.#limit = this.expected + MAX_EXCESS_BYTES + 1;
    // windowBits 15 without +32: zlib wrapper only (no gzip autodetection), window up to 32 KiB.
    const status = zlibInflateInit2(this.#strm, 15);
    if (status !== Z_OK) throw new Error(`pako inflateInit2 failed (${status})`);
  }

  /** Bytes inflated so far (counting stops at the cut-off, `expected + MAX_EXCESS_BYTES + 1`). */
  get inflated(): number {
    return this.#count;
  }

  /** True once the zlib stream has reached its end. */
  get streamEnded(): boolean {
    return this.#state === State.Finished;
  }

  /**
   * Feeds the data of one IDAT chunk, or a piece of it, whose chunk starts at `chunkOffset`
   * (errors and warnings found while inflating it are reported at that offset).
   */
  write(data: Uint8Array, chunkOffset: number, warn: ImageDataWarn): void {
    if (data.length === 0) return;
    if (this.#state === State.Finished) {
      this.#trailing(chunkOffset, warn);
      return;
    }
    if (this.#state !== State.Running) return;
    try {
      this.#inflate(data, chunkOffset, warn);
    } catch (e) {
      // A PngError of ours, or whatever `warn` threw: either way this check is over.
      this.#state = State.Failed;
      throw e;
    }
  }

  /**
   * The IDAT run is over; `offset` is where the next chunk starts. Throws NOT_ENOUGH_IMAGE_DATA
   * when the zlib stream did not reach its end or inflated to fewer bytes than IHDR promises.
   */
  end(offset: number, _warn: ImageDataWarn): void {
    if (this.#state === State.Failed || this.#state === State.CutOff) return;
    const expected = this.expected;
    const count = this.#count;
    if (this.#state === State.Running) {
      this.#state = State.Failed;
      const which = count < expected ? 'not enough image data' : 'the Adler-32 check is missing';
      throw new PngError(
        PngErrorCode.NOT_ENOUGH_IMAGE_DATA,
        `the ${this.#source.stream} zlib stream is truncated (${which}): ${this.#source.header} promises ${expected} bytes of scanlines, ${count} were inflated before the data ran out`,
        { offset, expected: `${expected} bytes and the end of the zlib stream`, actual: `${count} bytes` },
      );
    }
    if (count < expected) {
      this.#state = State.Failed;
      throw new PngError(
        PngErrorCode.NOT_ENOUGH_IMAGE_DATA,
        `not enough image data: ${this.#source.header} promises ${expected} bytes of scanlines, the ${this.#source.stream} zlib stream inflates to ${count}`,
        { offset, expected: `${expected} bytes`, actual: `${count} bytes` },
      );
    }
  }

  #inflate(data: Uint8Array, chunkOffset: number, warn: ImageDataWarn): void {
    const strm = this.#strm;
    const out = this.#out;
    strm.input = data;
    strm.next_in = 0;
    strm.avail_in = data.length;
    for (;;) {
      const room = Math.min(out.length, this.#limit - this.#count);
      strm.output = out;
      strm.next_out = 0;
      strm.avail_out = room;
      let status: number;
      try {
        status = zlibInflate(strm, Z_NO_FLUSH);
      } catch (e) {
        // pako reports bad data through status codes; anything thrown is a bug there, still bad data.
        throw new PngError(PngErrorCode.BAD_IMAGE_DATA, `bad image data: inflate failed: ${String(e)}`, {
          offset: chunkOffset,
        });
      }
      const produced = strm.next_out;
      if (produced > 0) this.#consume(produced, chunkOffset, warn);
      if (this.#count >= this.#limit) {
        // The image is complete and MAX_EXCESS_BYTES more came: stop here (zlib bomb guard).
        this.#state = State.CutOff;
        break;
      }
      if (status === Z_STREAM_END) {
        this.#state = State.Finished;
        if (strm.avail_in > 0) this.#trailing(chunkOffset, warn);
        break;
      }
      if (status === Z_NEED_DICT) {
        throw new PngError(
          PngErrorCode.BAD_IMAGE_DATA,
          'bad image data: the zlib stream asks for a preset dictionary, which PNG does not allow',
          { offset: chunkOffset },
        );
      }
      if (status !== Z_OK) {
        if (status === Z_BUF_ERROR) break; // no progress possible: needs more input
        throw new PngError(
          PngErrorCode.BAD_IMAGE_DATA,
          `bad image data: zlib error: ${strm.msg || `status ${status}`}`,
          { offset: chunkOffset },
        );
      }
      // Output room left over means the input is used up; a full buffer may hide more output.
      if (strm.avail_out > 0) break;
    }
    // Drop the reference to the caller's bytes.
    strm.input = EMPTY;
    strm.avail_in = 0;
  }

  /**
   * Counts `n` new output bytes in `this.#out` and checks the filter bytes among them, in stream
   * order: the scanlines first, then (once) the warning for output past them.
   */
  #consume(n: number, chunkOffset: number, warn: ImageDataWarn): void {
    const before = this.#count;
    const end = Math.min(n, Math.max(0, this.expected - before));
    const out = this.#out;
    const runs = this.#runs;
    let i = 0;
    while (i < end) {
      const run = runs[this.#run] as ScanlineRun;
      if (this.#pos === 0) {
        const filter = out[i] as number;
        if (filter > 4) {
          // Count up to the bad scanline only, so `inflated` does not depend on output piece sizes.
          this.#count = before + i;
          this.#badFilter(run, filter, chunkOffset);
        }
      }
      const step = Math.min(run.rowLength - this.#pos, end - i);
      i += step;
      this.#pos += step;
      if (this.#pos === run.rowLength) {
        this.#pos = 0;
        if (++this.#row === run.rows) {
          this.#row = 0;
          this.#run++;
        }
      }
    }
    this.#count = before + n;
    if (this.#count > this.expected && !this.#warnedTooMuch) {
      this.#warnedTooMuch = true;
      warn(
        PngWarningCode.EXTRA_IMAGE_DATA,
        chunkOffset,
        `too much image data: the ${this.#source.stream} stream inflates past the ${this.expected} bytes of scanlines ${this.#source.header} promises`,
      );
    }
  }

  #badFilter(run: ScanlineRun, filter: number, chunkOffset: number): never {
    const where = run.pass === 0 ? `row ${this.#row}` : `pass ${run.pass} row ${this.#row}`;
    throw new PngError(
      PngErrorCode.BAD_IMAGE_DATA,
      `bad image data: scanline ${where} (counting from 0) has filter type ${filter}; filter types are 0-4`,
      { offset: chunkOffset, expected: 'filter type 0-4', actual: String(filter) },
    );
  }

  #trailing(chunkOffset: number, warn: ImageDataWarn): void {
    if (this.#warnedTrailing) return;
    this.#warnedTrailing = true;
    warn(
      PngWarningCode.EXTRA_IMAGE_DATA,
      chunkOffset,
      `extra compressed data: ${this.#source.stream} bytes follow the end of the zlib stream`,
    );
  }
}

const EMPTY = new Uint8Array(0);

/** Pixel bytes (scanlines without their filter bytes) against `limit.maxImageBytes`. */
function checkSize(
  ihdr: ImageGeometry,
  runs: readonly ScanlineRun[],
  source: ImageDataSource,
  limit: ImageSizeLimit,
): void {
  let pixels = 0;
  for (const run of runs) pixels += run.rows * (run.rowLength - 1);
  if (pixels <= limit.maxImageBytes) return;
  throw new PngError(
    PngErrorCode.IMAGE_TOO_LARGE,
    `${source.header} promises a ${ihdr.width}x${ihdr.height} image of ${pixels} bytes of pixel data, over limits.maxImageBytes (${limit.maxImageBytes}): its ${source.stream} data is not inflated`,
    { offset: limit.offset, expected: `at most ${limit.maxImageBytes} bytes`, actual: `${pixels} bytes` },
  );
}
