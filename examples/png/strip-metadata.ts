/**
 * Strips the metadata from a PNG: text (tEXt, zTXt, iTXt), the modification time (tIME) and Exif
 * (eXIf), keeping every other chunk byte for byte. The file is streamed through, never held whole:
 *
 *   npx tsx --conditions=@stride/source examples/png/strip-metadata.ts in.png out.png
 *
 * It prints what it removed. A file that is not a valid PNG (bad signature, a CRC mismatch, a broken
 * rule) is an error naming the byte at fault, and no output file is left behind.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DecodeError, EncodeError } from '@stride/codec';
import type { PngEvent } from '@stride/png';
import { encodePngChunks, readPng } from '@stride/png/rx';
import { toWritable } from '@stride/rx';
import { filter, lastValueFrom, type OperatorFunction, tap } from 'rxjs';

/** The chunk types this program removes. */
export const METADATA_CHUNKS: ReadonlySet<string> = new Set(['tEXt', 'zTXt', 'iTXt', 'tIME', 'eXIf']);

/** One chunk removed: its type and the bytes it took in the file (data plus 12). */
export interface RemovedChunk {
  type: string;
  bytes: number;
}

/**
 * Drops the chunks whose type is in `types` (a chunk streamed in pieces too: its header, data and
 * end all carry its type), calling `onRemoved` once for each. Everything else passes, warnings
 * included: the encoder skips those.
 */
export function stripMetadata(
  onRemoved: (chunk: RemovedChunk) => void = () => {},
  types: ReadonlySet<string> = METADATA_CHUNKS,
): OperatorFunction<PngEvent, PngEvent> {
  return filter((event) => {
    if (event.kind === 'warning' || !types.has(event.type)) return true;
    if (event.kind === 'chunk' || event.kind === 'header')
      onRemoved({ type: event.type, bytes: event.length + 12 });
    return false;
  });
}

export interface StripResult {
  removed: RemovedChunk[];
  /** Bytes written to the output file. */
  written: number;
  /** The reader's warnings (a misplaced chunk, bytes after IEND …), as text. */
  warnings: string[];
}

/** Reads `input`, writes it without metadata to `output`; on an error removes `output` and rethrows. */
export async function stripFile(input: string, output: string): Promise<StripResult> {
  if (resolve(input) === resolve(output))
    throw new Error('the output would overwrite the input while it is read');
  const removed: RemovedChunk[] = [];
  const warnings: string[] = [];
  try {
    const written = await lastValueFrom(
      readPng(input).pipe(
        tap((e) => {
          if (e.kind === 'warning') warnings.push(`${e.code} at byte ${e.offset}: ${e.message}`);
        }),
        stripMetadata((chunk) => removed.push(chunk)),
        encodePngChunks(),
        toWritable(createWriteStream(output)),
      ),
    );
    return { removed, written, warnings };
  } catch (e) {
    await rm(output, { force: true });
    throw e;
  }
}

/** `tEXt ×2, tIME` */
function summary(removed: readonly RemovedChunk[]): string {
  const counts = new Map<string, number>();
  for (const { type } of removed) counts.set(type, (counts.get(type) ?? 0) + 1);
  return [...counts].map(([type, n]) => (n > 1 ? `${type} ×${n}` : type)).join(', ');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    console.error('usage: strip-metadata.ts in.png out.png');
    process.exitCode = 2;
  } else {
    try {
      const { removed, written, warnings } = await stripFile(input, output);
      for (const w of warnings) console.error(`warning: ${w}`);
      const bytes = removed.reduce((sum, c) => sum + c.bytes, 0);
      console.log(
        removed.length === 0
          ? `no metadata found; wrote ${written} bytes to ${output}`
          : `removed ${removed.length} chunk${removed.length === 1 ? '' : 's'} (${summary(removed)}), ${bytes} bytes; wrote ${written} bytes to ${output}`,
      );
    } catch (e) {
      // A DecodeError's message names the byte at fault: `CRC_MISMATCH: … at byte 33`.
      const coded = e instanceof DecodeError || e instanceof EncodeError;
      console.error(coded ? `${input}: ${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e));
      process.exitCode = 1;
    }
  }
}
