import { EncodeError } from '@stride/codec';
import { concat as concatWith, from, lastValueFrom, Observable, take, throwError, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { PngEvent } from '../../src/chunk/events.js';
import { PNG_SIGNATURE } from '../../src/chunk/signature.js';
import { encodePngChunks } from '../../src/rx/encode-png-chunks.js';
import { readPng } from '../../src/rx/read-png.js';
import { encodePng, PngEncodeErrorCode, type PngWriteInput } from '../../src/write/index.js';
import { chunkEvent, prng, randomCuts, streamedEvents, warning } from '../write/events.js';
import { concat, hex, readSuiteFile, suiteFiles, walkChunks } from '../write/png-file.js';

const run = (values: Observable<PngWriteInput>, signature?: boolean) =>
  lastValueFrom(values.pipe(encodePngChunks(signature === undefined ? {} : { signature }), toArray()));

/** The error `values` ends with, after the buffers emitted before it. */
async function failing(
  values: Observable<PngWriteInput>,
): Promise<{ emitted: Uint8Array[]; error: unknown }> {
  const emitted: Uint8Array[] = [];
  return new Promise((resolve, reject) => {
    values.pipe(encodePngChunks()).subscribe({
      next: (b) => emitted.push(b),
      error: (error: unknown) => resolve({ emitted, error }),
      complete: () => reject(new Error('completed')),
    });
  });
}

describe('encodePngChunks', () => {
  it('emits the signature, then one buffer per chunk, together the file', async () => {
    const file = readSuiteFile('ct1n0g04.png');
    const chunks = walkChunks(file);
    const out = await run(from(chunks.map(chunkEvent)));
    expect(out.length).toBe(1 + chunks.length);
    expect(hex(out[0] as Uint8Array)).toBe(hex(PNG_SIGNATURE));
    chunks.forEach((c, i) => {
      expect(hex(out[i + 1] as Uint8Array)).toBe(hex(file.subarray(c.offset, c.offset + 12 + c.data.length)));
    });
    expect(hex(concat(out))).toBe(hex(file));
  });

  it('emits a fresh signature each time (changing one does not change the next)', async () => {
    const first = await run(from([]));
    (first[0] as Uint8Array)[0] = 0;
    expect(hex((await run(from([])))[0] as Uint8Array)).toBe(hex(PNG_SIGNATURE));
    expect(hex(PNG_SIGNATURE)).toBe('89504e470d0a1a0a');
  });

  it('streams a streamed chunk as header, the pieces themselves, CRC', async () => {
    const file = readSuiteFile('basn2c08.png');
    const chunks = walkChunks(file);
    const idat = chunks.find((c) => c.type === 'IDAT');
    if (!idat) throw new Error('no IDAT');
    const streamed = streamedEvents(idat, [10, 100, 100, 1000]);
    const pieces = streamed.filter((e) => e.kind === 'data').map((e) => e.data);
    const events = chunks.flatMap((c) => (c === idat ? streamed : [chunkEvent(c)]));
    const out = await run(from(events));
    expect(hex(concat(out))).toBe(hex(file));
    const at = out.indexOf(pieces[0] as Uint8Array);
    expect(at).toBeGreaterThan(0);
    expect(out[at - 1]?.length).toBe(8); // length and type
    for (const [i, p] of pieces.entries()) expect(out[at + i]).toBe(p); // zero-copy: the very arrays
    expect(out[at + pieces.length]?.length).toBe(4); // the CRC
  });

  it('writes back every valid PngSuite file read by readPng, its chunks whole or streamed in pieces', async () => {
    for (const name of suiteFiles().filter((n) => !n.startsWith('x'))) {
      const file = readSuiteFile(name);
      for (const maxChunkBytes of [8_000_000, 37]) {
        const out = await run(readPng(file, { limits: { maxChunkBytes } }));
        expect(hex(concat(out)), `${name} (maxChunkBytes ${maxChunkBytes})`).toBe(hex(file));
      }
    }
  });

  it('gives the bytes encodePng gives, for any mix of whole and streamed chunks with warnings', async () => {
    const random = prng(11);
    for (const name of ['basi6a16.png', 'oi4n2c16.png', 'cten0g04.png']) {
      const file = readSuiteFile(name);
      const events: PngWriteInput[] = [warning(0)];
      for (const c of walkChunks(file)) {
        if (random() < 0.5) events.push(...streamedEvents(c, randomCuts(c.data.length, 5, random)));
        else events.push(random() < 0.5 ? chunkEvent(c) : { type: c.type, data: c.data });
      }
      for (const signature of [true, false]) {
        expect(hex(concat(await run(from(events), signature))), name).toBe(
          hex(encodePng(events, { signature })),
        );
      }
    }
  });

  it('emits only the signature for a source without chunks (at completion), nothing with signature: false', async () => {
    expect((await run(from([]))).map(hex)).toEqual([hex(PNG_SIGNATURE)]);
    expect((await run(from([warning(0)]))).map(hex)).toEqual([hex(PNG_SIGNATURE)]);
    expect(await run(from([]), false)).toEqual([]);
  });

  it('writes nothing when the source fails before its first chunk', async () => {
    const boom = new Error('not a PNG');
    const { emitted, error } = await failing(
      concatWith(
        from([warning(0)]),
        throwError(() => boom),
      ),
    );
    expect(emitted).toEqual([]);
    expect(error).toBe(boom);
  });

  it('sends an EncodeError down the error channel after the buffers before it, and stops the source', async () => {
    let pulled = 0;
    function* events(): Generator<PngWriteInput> {
      pulled++;
      yield { type: 'IHDR', data: new Uint8Array(13) };
      pulled++;
      yield { type: 'IH?R', data: new Uint8Array(13) };
      pulled++;
      yield { type: 'IEND', data: new Uint8Array(0) };
    }
    const { emitted, error } = await failing(from(events()));
    expect(emitted.map((b) => b.length)).toEqual([8, 25]);
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).code).toBe(PngEncodeErrorCode.BAD_CHUNK_TYPE);
    expect(pulled).toBe(2);
  });

  const idat = { type: 'IDAT', offset: 8, data: Uint8Array.of(1, 2, 3), crc: 0 };
  const [header, , piece, end] = streamedEvents(idat, []) as [PngEvent, PngEvent, PngEvent, PngEvent];
  it.each([
    ['an end without its header', [end], PngEncodeErrorCode.BAD_CHUNK_EVENT],
    [
      'a data piece of another type',
      [header, { ...piece, type: 'fdAT' } as PngEvent],
      PngEncodeErrorCode.BAD_CHUNK_EVENT,
    ],
    ['a source that completes inside a streamed chunk', [header, piece], PngEncodeErrorCode.UNFINISHED_CHUNK],
    ['pieces past the header length', [header, piece, piece], PngEncodeErrorCode.LENGTH_MISMATCH],
  ] as [string, PngEvent[], string][])('errors for %s', async (_, values, code) => {
    const { error } = await failing(from(values));
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).code).toBe(code);
  });

  it('unsubscribes from a synchronous source as soon as the output is unsubscribed (take)', async () => {
    let pulled = 0;
    function* events(): Generator<PngWriteInput> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { type: 'tEXt', data: new Uint8Array(4) };
      }
    }
    const out = await lastValueFrom(from(events()).pipe(encodePngChunks(), take(3), toArray()));
    expect(out.map((b) => b.length)).toEqual([8, 16, 16]);
    expect(pulled).toBe(2);
  });

  it('tears the source down when unsubscribed', () => {
    let tornDown = false;
    const source = new Observable<PngWriteInput>(() => () => {
      tornDown = true;
    });
    source.pipe(encodePngChunks()).subscribe().unsubscribe();
    expect(tornDown).toBe(true);
  });
});
