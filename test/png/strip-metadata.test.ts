// examples/png/strip-metadata: PngSuite files with text, time and Exif chunks lose exactly those,
// keep every other chunk byte for byte and in order, and decode (pngjs, an independent decoder) to
// the same pixels; in process, with the chunks streamed in pieces, and as the command a user runs.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PngChunk, PngEvent } from '@stride/png';
import { encodePngChunks, readPng } from '@stride/png/rx';
import { PNG } from 'pngjs';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METADATA_CHUNKS,
  type RemovedChunk,
  stripFile,
  stripMetadata,
} from '../../examples/png/strip-metadata.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const suite = join(root, 'test/png/corpus/pngsuite');
const example = join(root, 'examples/png/strip-metadata.ts');

/** File, and the types it must lose. */
const files: [string, string[]][] = [
  ['ct1n0g04.png', ['tEXt']],
  ['ctzn0g04.png', ['tEXt', 'zTXt']],
  ['cten0g04.png', ['iTXt']],
  ['cm0n0g04.png', ['tIME']],
  ['exif2c08.png', ['eXIf']],
  ['basn2c08.png', []],
];

const original = (name: string) => new Uint8Array(readFileSync(join(suite, name)));

/** The whole chunks of a PNG, read back with the package's reader (no warnings expected). */
async function chunksOf(png: Uint8Array): Promise<PngChunk[]> {
  const events = await lastValueFrom(readPng(png).pipe(toArray()));
  expect(events.filter((e) => e.kind !== 'chunk')).toEqual([]);
  return events as PngChunk[];
}

const summary = (chunks: readonly PngChunk[]) =>
  chunks.map(
    (c) => `${c.type}:${Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength).toString('hex')}`,
  );

/** The stripped file is the original's chunks minus metadata, in order, same data, same pixels. */
async function expectStripped(name: string, lost: readonly string[], stripped: Uint8Array): Promise<void> {
  const before = await chunksOf(original(name));
  const after = await chunksOf(stripped);
  expect([...new Set(before.filter((c) => METADATA_CHUNKS.has(c.type)).map((c) => c.type))]).toEqual(lost);
  expect(after.some((c) => METADATA_CHUNKS.has(c.type))).toBe(false);
  expect(summary(after)).toEqual(summary(before.filter((c) => !METADATA_CHUNKS.has(c.type))));

  const a = PNG.sync.read(Buffer.from(original(name)));
  const b = PNG.sync.read(Buffer.from(stripped));
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  expect(Buffer.compare(b.data, a.data)).toBe(0);
}

/** Bytes removed from `name` by stripping `types`, counted from the reader's chunk list. */
async function expectedRemoved(name: string): Promise<RemovedChunk[]> {
  return (await chunksOf(original(name)))
    .filter((c) => METADATA_CHUNKS.has(c.type))
    .map((c) => ({ type: c.type, bytes: c.length + 12 }));
}

async function stripInMemory(png: Uint8Array, maxChunkBytes?: number): Promise<Uint8Array> {
  const options = maxChunkBytes === undefined ? {} : { limits: { maxChunkBytes } };
  const parts = await lastValueFrom(
    readPng(png, options).pipe(stripMetadata(), encodePngChunks(), toArray()),
  );
  return new Uint8Array(Buffer.concat(parts));
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stride-strip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('strip-metadata', () => {
  it.each(files)('%s loses %j and nothing else (stripFile)', async (name, lost) => {
    const out = join(dir, `in-process-${name}`);
    const result = await stripFile(join(suite, name), out);
    const stripped = new Uint8Array(readFileSync(out));
    expect(result.written).toBe(stripped.length);
    expect(result.removed).toEqual(await expectedRemoved(name));
    expect(result.warnings).toEqual([]);
    expect(stripped.length).toBe(original(name).length - result.removed.reduce((n, c) => n + c.bytes, 0));
    await expectStripped(name, lost, stripped);
  });

  it('leaves a file without metadata byte for byte as it was', async () => {
    expect(Buffer.compare(await stripInMemory(original('basn2c08.png')), original('basn2c08.png'))).toBe(0);
  });

  it.each(files)('%s gives the same bytes when its chunks are streamed in pieces', async (name) => {
    const whole = await stripInMemory(original(name));
    // 20-byte chunks: every IDAT, eXIf and most text chunks arrive as header, data pieces, end.
    const events = await lastValueFrom(
      readPng(original(name), { limits: { maxChunkBytes: 20 } }).pipe(toArray()),
    );
    expect(events.some((e: PngEvent) => e.kind === 'header')).toBe(true);
    expect(Buffer.compare(await stripInMemory(original(name), 20), whole)).toBe(0);
  });

  it('reports each removed chunk, streamed ones once', async () => {
    const removed: RemovedChunk[] = [];
    await lastValueFrom(
      readPng(original('exif2c08.png'), { limits: { maxChunkBytes: 100 } }).pipe(
        stripMetadata((c) => removed.push(c)),
        toArray(),
      ),
    );
    expect(removed).toEqual([{ type: 'eXIf', bytes: 978 + 12 }]);
  });

  it('strips only the types it is given', async () => {
    const kept = await lastValueFrom(
      readPng(original('ctzn0g04.png')).pipe(stripMetadata(undefined, new Set(['zTXt'])), toArray()),
    );
    expect(kept.map((e) => (e.kind === 'chunk' ? e.type : e.kind))).toEqual([
      'IHDR',
      'gAMA',
      'tEXt',
      'tEXt',
      'IDAT',
      'IEND',
    ]);
  });

  it('removes the output and rethrows when the input is not a valid PNG', async () => {
    const out = join(dir, 'broken.png');
    await expect(stripFile(join(suite, 'xcsn0g01.png'), out)).rejects.toMatchObject({ code: 'CRC_MISMATCH' });
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite its input', async () => {
    await expect(stripFile(join(suite, 'ct1n0g04.png'), join(suite, '.', 'ct1n0g04.png'))).rejects.toThrow(
      /overwrite the input/,
    );
  });

  describe('as a command', () => {
    const run = promisify(execFile);
    const command = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', '--conditions=@stride/source', example, ...args], {
        cwd: root,
      });

    it('strips a file and says what it removed', async () => {
      const out = join(dir, 'command-ct1n0g04.png');
      const { stdout } = await command(join(suite, 'ct1n0g04.png'), out);
      const removed = await expectedRemoved('ct1n0g04.png');
      const bytes = removed.reduce((n, c) => n + c.bytes, 0);
      const stripped = new Uint8Array(readFileSync(out));
      expect(stdout.trim()).toBe(
        `removed 6 chunks (tEXt ×6), ${bytes} bytes; wrote ${stripped.length} bytes to ${out}`,
      );
      await expectStripped('ct1n0g04.png', ['tEXt'], stripped);
    });

    it('fails with the error code and byte for a broken file, leaving no output', async () => {
      const out = join(dir, 'command-broken.png');
      const failure = await command(join(suite, 'xcsn0g01.png'), out).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/xcsn0g01\.png: CRC_MISMATCH: .* at byte \d+/);
      expect(existsSync(out)).toBe(false);
    });
  });
});
