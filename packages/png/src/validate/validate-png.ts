import type { PngReadOptions } from '../read/options.js';
import { type PngSource, readPng } from '../read/read-png.js';
import { collectReport, type PngReport } from './report.js';

/**
 * Checks a PNG the way pngcheck does: every chunk rule, plus the image data (the IDAT stream is
 * inflated as it arrives, never kept, and must hold exactly the scanlines IHDR promises, Adam7
 * passes included). Resolves to a report; rejects only when the source cannot be read.
 */
export function validatePng(source: PngSource, options: PngReadOptions = {}): Promise<PngReport> {
  return collectReport(readPng(source, { imageData: true, ...options }));
}
