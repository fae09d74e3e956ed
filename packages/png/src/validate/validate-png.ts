import { DecodeError } from '@stride/codec';
import type { PngEvent } from '../chunk/events.js';
import type { PngReadOptions } from '../read/options.js';
import { PngReader } from '../read/png-reader.js';
import { asBytes, type PngSource, pngPieces } from '../read/png-source.js';
import { addEvent, addFailure, emptyReport, type PngReport } from './report.js';

/**
 * Checks a PNG the way pngcheck does: every chunk rule, plus the image data (the IDAT stream is
 * inflated as it arrives, never kept, and must hold exactly the scanlines IHDR promises, Adam7
 * passes included). Resolves to a report; rejects only when the source cannot be read. A path is
 * read in 1 MiB pieces, the next piece only once the last one was checked.
 */
export async function validatePng(source: PngSource, options: PngReadOptions = {}): Promise<PngReport> {
  const reader = new PngReader({ imageData: true, ...options });
  const report = emptyReport();
  const emit = (e: PngEvent) => addEvent(report, e);
  try {
    for await (const piece of pngPieces(source)) reader.write(asBytes(piece), emit);
    reader.finish(emit);
  } catch (e) {
    // Anything but a DecodeError (a file that cannot be opened) is no verdict on the PNG.
    if (!(e instanceof DecodeError)) throw e;
    addFailure(report, e);
  }
  return report;
}
