/**
 * A minimal PNG walker for the writer's tests, independent of the package's reader: the 8-byte
 * signature, then length / type / data / CRC until the bytes run out. No checks beyond the layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RawChunk {
  type: string;
  /** Offset of the length field. */
  offset: number;
  /** A view of the file's bytes. */
  data: Uint8Array;
  /** The stored CRC. */
  crc: number;
}

export const suiteDir = fileURLToPath(new URL('../../../../test/png/corpus/pngsuite/', import.meta.url));

/** PngSuite file names (`.png`), sorted. */
export function suiteFiles(): string[] {
  return readdirSync(suiteDir)
    .filter((name) => name.endsWith('.png'))
    .sort();
}

export function readSuiteFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(suiteDir + name));
}

/** The chunks after the signature of `file`. */
export function walkChunks(file: Uint8Array): RawChunk[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: RawChunk[] = [];
  let at = 8;
  while (at + 12 <= file.length) {
    const length = view.getUint32(at);
    if (at + 12 + length > file.length) throw new Error(`chunk at ${at} runs past the end`);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    const data = file.subarray(at + 8, at + 8 + length);
    chunks.push({ type, offset: at, data, crc: view.getUint32(at + 8 + length) });
    at += 12 + length;
  }
  if (at !== file.length) throw new Error(`${file.length - at} bytes after the last whole chunk`);
  return chunks;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
