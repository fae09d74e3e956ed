/**
 * `stride png inspect [options] FILE`: validates a PNG (every chunk rule and the image data) and
 * prints its chunks as a table, or the report as JSON, as the chunks arrive. Exit status 0 valid,
 * 1 invalid, 2 usage, 3 output failed.
 *
 * The read is a loop over the input's pieces: each is written to a PngReader (with `imageData`, as
 * validatePng), the rows it completes are written, and the next piece is read only once standard
 * output has taken them (backpressure). Memory stays bounded whatever the number of chunks.
 */

import { crc32 } from 'node:zlib';
import { DecodeError } from '@stride/codec';
import { type PngEvent, PngReader, type PngReadOptions, type PngReportChunk } from '@stride/png';
import { readPieces } from '../decoding.js';
import { openInput, parseFileArgs } from '../input.js';
import { type CommandIo, EXIT_INVALID, EXIT_OK } from '../io.js';
import { InspectReport } from './report.js';

export const inspectUsage =
  'usage: stride png inspect [--json] [--keep-going] [--lenient-crc] [--no-image-data] FILE';

export const inspectHelp = `${inspectUsage}

Validates a PNG file the way pngcheck does (signature, every chunk's CRC, order and fields, and the
image data inflated against IHDR) and lists its chunks as they are read.

  FILE              a PNG file, or - for standard input
  --json            print the report as one JSON document:
                    {"chunks": [{"type", "offset", "length", "crcOk", "fields"?}],
                     "errors": [{"code", "offset", "message"}], "warnings": [...], "valid"}
  --keep-going      go on after a bad CRC, an unknown critical chunk or a critical chunk out of
                    place (as pngcheck -f): list the rest, every error, and the verdict
  --lenient-crc     a CRC mismatch in an ancillary chunk is a warning, not an error (as libpng)
  --no-image-data   do not inflate and check the image data (IDAT)
  -h, --help        print this help

After IEND at most 1 MiB more is read (to count the data after it), so an endless pipe ends too.
Exit status: 0 valid, 1 invalid (or not a PNG), 2 usage error or unreadable file, 3 the output
could not be written (quietly for a pipe closed early, as by head).
`;

/** Size of the pieces a file is read in. */
const FILE_PIECE = 1 << 20;
/** Bytes read after IEND before the read stops (they are counted, not parsed). */
export const TRAILING_READ = 1 << 20;

/**
 * The warnings `--keep-going` asks the reader for instead of errors (see `readOptions`): errors
 * all the same, so they count as errors here.
 */
const RECOVERED = new Set<string>([
  'UNKNOWN_CRITICAL_CHUNK',
  'IHDR_NOT_FIRST',
  'DUPLICATE_CRITICAL_CHUNK',
  'PLTE_AFTER_IDAT',
  'MISSING_PLTE',
  'MISSING_IDAT',
  'IDAT_NOT_CONSECUTIVE',
]);

interface InspectArgs {
  file: string;
  json: boolean;
  keepGoing: boolean;
  lenientCrc: boolean;
  imageData: boolean;
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): InspectArgs | undefined {
  const parsed = { json: false, keepGoing: false, lenientCrc: false, imageData: true };
  const file = parseFileArgs(args, inspectUsage, (name) => {
    if (name === '--json') parsed.json = true;
    else if (name === '--keep-going') parsed.keepGoing = true;
    else if (name === '--lenient-crc') parsed.lenientCrc = true;
    else if (name === '--no-image-data') parsed.imageData = false;
    else return false;
    return true;
  });
  return file === undefined ? undefined : { file, ...parsed };
}

/**
 * The reader's options. `--keep-going` lets through what the reader can go on after: every chunk
 * is delivered whatever its CRC (`crc: 'ignore'`; `crcOk` false is then an error here), and an
 * unknown or misplaced critical chunk is a warning of its error's code (counted as an error here).
 * Continuing inside the one reader keeps its state (IHDR, PLTE, where IDAT stands, the APNG
 * sequence, the zlib stream being inflated), so what follows an error is judged as it would be
 * without it; any other error still ends the read.
 */
function readOptions(a: InspectArgs): PngReadOptions {
  if (a.keepGoing)
    return { imageData: a.imageData, crc: 'ignore', unknownCritical: 'warn', misplacedCritical: 'warn' };
  return { imageData: a.imageData, crc: a.lenientCrc ? 'lenient' : 'strict' };
}

export async function inspect(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(inspectHelp);
    return EXIT_OK;
  }
  const { file, json, keepGoing, lenientCrc } = parsed;
  const source = await openInput(file, io.stdin, FILE_PIECE, inspectUsage);
  const report = new InspectReport(io.stdout, { json, keepGoing, size: source.size });
  try {
    let index = 0;
    /** Offset just past IEND, once it was read. */
    let iendEnd = -1;
    let stoppedEarly = false;
    const onEvent = (e: PngEvent): void => {
      switch (e.kind) {
        case 'chunk':
        case 'end': {
          const c: PngReportChunk = { type: e.type, offset: e.offset, length: e.length, crcOk: e.crcOk };
          if (e.kind === 'chunk' && e.fields !== undefined && e.crcOk) c.fields = e.fields;
          report.chunk(c);
          if (!e.crcOk && keepGoing) crcIssue(report, e, index, lenientCrc);
          if (e.type === 'IEND') iendEnd = e.offset + e.length + 12;
          index++;
          return;
        }
        case 'warning': {
          const issue = { code: e.code, offset: e.offset, message: e.message };
          if (keepGoing && RECOVERED.has(e.code)) report.error(issue);
          else if (e.code === 'DATA_AFTER_IEND' && stoppedEarly)
            report.warning({ ...issue, message: trailingMessage(source.size, iendEnd, e.message) });
          else report.warning(issue);
          return;
        }
      }
    };
    const reader = new PngReader(readOptions(parsed));
    let total = 0;
    const read = await readPieces(source, file, inspectUsage, io, (piece) => {
      total += piece.length;
      if (!write(reader, piece, onEvent, report)) return false;
      // Counted enough after IEND: an endless pipe must not keep us reading.
      stoppedEarly = iendEnd >= 0 && total - iendEnd > TRAILING_READ;
      return !stoppedEarly;
    });
    if (!read) return EXIT_INVALID;
    if (report.stoppedAt === undefined) finish(reader, onEvent, report);
    await report.finish();
    return report.valid ? EXIT_OK : EXIT_INVALID;
  } finally {
    report.dispose();
  }
}

/** Reads a piece; false when the read stopped at an error. */
function write(
  reader: PngReader,
  piece: Uint8Array,
  onEvent: (e: PngEvent) => void,
  report: InspectReport,
): boolean {
  try {
    reader.write(piece, onEvent);
    return true;
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    report.stop(e);
    return false;
  }
}

function finish(reader: PngReader, onEvent: (e: PngEvent) => void, report: InspectReport): void {
  try {
    reader.finish(onEvent);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    report.stop(e);
  }
}

/** `--keep-going`: a chunk delivered with a bad CRC is an error (a warning for an ancillary one with --lenient-crc). */
function crcIssue(
  report: InspectReport,
  e: PngEvent & { kind: 'chunk' | 'end' },
  index: number,
  lenient: boolean,
): void {
  const at = e.offset + 8 + e.length;
  const given =
    e.kind === 'chunk'
      ? ` (0x${crc32(e.data, crc32(Buffer.from(e.type, 'latin1')))
          .toString(16)
          .padStart(8, '0')})`
      : '';
  const detail = `${e.type}'s CRC differs from the one its type and data give${given}`;
  const ancillary = (e.type.charCodeAt(0) & 0x20) !== 0;
  if (lenient && ancillary) {
    report.warning({ code: 'CRC_MISMATCH', offset: at, message: `${detail}: its fields are left out` });
    return;
  }
  const path = `chunks[${index}].crc`;
  const text = `${path}: ${detail}: the chunk is corrupt`;
  report.error({ code: 'CRC_MISMATCH', offset: at, message: `${text} at byte ${at}` }, text);
}

/** DATA_AFTER_IEND when the read stopped before the input's end. */
function trailingMessage(size: number | undefined, iendEnd: number, message: string): string {
  if (size !== undefined && iendEnd >= 0) return `${size - iendEnd} bytes after IEND (ignored)`;
  const n = /^\d+/.exec(message)?.[0];
  return `at least ${n ?? TRAILING_READ} bytes after IEND (ignored; reading stopped there)`;
}
