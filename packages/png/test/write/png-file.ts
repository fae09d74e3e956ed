/** The writer's tests read PngSuite through the shared corpus helpers (test/png/corpus.ts). */
import { fileURLToPath } from 'node:url';
import { EncodeError } from '@stride/codec';
import { expect } from 'vitest';
import {
  concat,
  files,
  load,
  type RawChunk,
  suiteDir as suiteUrl,
  walkChunks,
} from '../../../../test/png/corpus.js';

export { concat, type RawChunk, walkChunks };

export const suiteDir = fileURLToPath(suiteUrl);

/** PngSuite file names (`.png`), sorted. */
export function suiteFiles(): string[] {
  return [...files];
}

export function readSuiteFile(name: string): Uint8Array {
  return load(name);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The EncodeError `fn` throws. */
export function thrown(fn: () => unknown): EncodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EncodeError);
    return e as EncodeError;
  }
  throw new Error('did not throw');
}
