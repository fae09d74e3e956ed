/**
 * `stride png inspect [options] FILE`: validates a PNG (every chunk rule and the image data) and
 * prints its chunks as a table, or the report as JSON. Exit status 0 valid, 1 invalid, 2 usage.
 */
import { type PngReadOptions, type PngReport, validatePng } from '@stride/png';
import { EXIT_INVALID, EXIT_OK, type Io, UsageError } from '../io.js';
import { count, table } from '../text.js';
import { reportJson } from './json.js';
import { summarizeChunk } from './summary.js';

export const inspectUsage = 'usage: stride png inspect [--json] [--lenient-crc] [--no-image-data] FILE';

export const inspectHelp = `${inspectUsage}

Validates a PNG file the way pngcheck does (signature, every chunk's CRC, order and fields, and the
image data inflated against IHDR) and lists its chunks.

  FILE              a PNG file, or - for standard input
  --json            print the report as one JSON document:
                    {"valid", "chunks": [{"type", "offset", "length", "crcOk", "fields"?}],
                     "errors": [{"code", "offset", "message"}], "warnings": [...]}
  --lenient-crc     a CRC mismatch in an ancillary chunk is a warning, not an error (as libpng)
  --no-image-data   do not inflate and check the image data (IDAT)
  -h, --help        print this help

Exit status: 0 valid, 1 invalid (or not a PNG), 2 usage error or unreadable file.
`;

interface InspectArgs {
  file: string;
  json: boolean;
  options: PngReadOptions;
}

/** Options may come before or after FILE; `--` ends them. Undefined means help was asked for. */
function parse(args: readonly string[]): InspectArgs | undefined {
  const files: string[] = [];
  let json = false;
  const options: PngReadOptions = {};
  let optionsDone = false;
  for (const a of args) {
    if (optionsDone || a === '-' || !a.startsWith('-')) {
      files.push(a);
      continue;
    }
    switch (a) {
      case '--':
        optionsDone = true;
        break;
      case '-h':
      case '--help':
        return undefined;
      case '--json':
        json = true;
        break;
      case '--lenient-crc':
        options.crc = 'lenient';
        break;
      case '--no-image-data':
        options.imageData = false;
        break;
      default:
        throw new UsageError(`unknown option ${a}`, inspectUsage);
    }
  }
  const [file, ...rest] = files;
  if (file === undefined) throw new UsageError('missing FILE', inspectUsage);
  if (rest.length > 0)
    throw new UsageError(`one FILE at a time (also given: ${rest.join(' ')})`, inspectUsage);
  return { file, json, options };
}

export async function inspect(args: readonly string[], io: Io): Promise<number> {
  const parsed = parse(args);
  if (parsed === undefined) {
    io.stdout.write(inspectHelp);
    return EXIT_OK;
  }
  const { file, json, options } = parsed;
  let report: PngReport;
  try {
    report = await validatePng(file === '-' ? io.stdin : file, options);
  } catch (e) {
    // validatePng rejects only when the source cannot be read (a DecodeError is in the report).
    throw new UsageError(`cannot read ${file === '-' ? 'standard input' : file}: ${reason(e)}`, inspectUsage);
  }
  io.stdout.write(json ? `${reportJson(report)}\n` : `${formatReport(report)}\n`);
  return report.valid ? EXIT_OK : EXIT_INVALID;
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

/** The table, the warnings and the verdict. */
export function formatReport(report: PngReport): string {
  const lines: string[] = [];
  if (report.chunks.length > 0) {
    const rows = [['offset', 'type', 'length', 'crc', 'fields']];
    for (const c of report.chunks) {
      rows.push([String(c.offset), c.type, String(c.length), c.crcOk ? 'ok' : 'BAD', summarizeChunk(c)]);
    }
    lines.push(table(rows, [true, false, true, false, false]));
  }
  if (report.warnings.length > 0) {
    if (lines.length > 0) lines.push('');
    for (const w of report.warnings) lines.push(`warning: ${w.code} at byte ${w.offset}: ${w.message}`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(verdict(report));
  return lines.join('\n');
}

function verdict(report: PngReport): string {
  const summary = `${count(report.chunks.length, 'chunk')}, ${count(report.warnings.length, 'warning')}`;
  if (report.valid) return `valid: ${summary}`;
  const e = report.error;
  const issue = report.errors[0];
  if (e === undefined)
    return issue === undefined
      ? 'invalid'
      : `invalid: ${issue.code} at byte ${issue.offset}: ${issue.message}`;
  // The error's own message repeats the offset; say it once, then the bytes around it.
  const where = e.path === '' ? '' : `${e.path}: `;
  const excerpt = e.excerpt === '' ? '' : `\n  bytes from ${e.excerptStart}: ${e.excerpt}`;
  return `invalid: ${e.code} at byte ${e.offset}: ${where}${e.detail}${excerpt}`;
}
