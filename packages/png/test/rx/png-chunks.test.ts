import { createReadStream, readFileSync } from 'node:fs';
import { DecodeError } from '@stride/codec';
import type { PngEvent } from '@stride/png';
import { pngChunks, readPng } from '@stride/png/rx';
import { firstValueFrom, from, lastValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { flip, minimal } from '../read/build.js';

const path = new URL('../../../../test/png/corpus/pngsuite/oi9n2c16.png', import.meta.url);
const bytes = new Uint8Array(readFileSync(path));
const summary = (events: PngEvent[]) =>
  events.map((e) => (e.kind === 'chunk' ? `${e.type}@${e.offset}` : e.kind));

describe('readPng and pngChunks', () => {
  it('read a path, a Readable and bytes alike', async () => {
    const fromBytes = await lastValueFrom(readPng(bytes).pipe(toArray()));
    expect(fromBytes.length).toBeGreaterThan(200); // every IDAT of oi9n2c16 is 1 byte
    expect(summary(await lastValueFrom(readPng(path).pipe(toArray())))).toEqual(summary(fromBytes));
    const trickle = createReadStream(path, { highWaterMark: 7 });
    expect(summary(await lastValueFrom(readPng(trickle).pipe(toArray())))).toEqual(summary(fromBytes));
  });

  it('stop pulling a synchronous source as soon as nobody listens', async () => {
    let pulled = 0;
    function* pieces() {
      for (let at = 0; at < bytes.length; at += 10) {
        pulled++;
        yield bytes.subarray(at, at + 10);
      }
    }
    const first = await firstValueFrom(from(pieces()).pipe(pngChunks(), take(2), toArray()));
    expect(summary(first)).toEqual(['IHDR@8', 'gAMA@33']);
    expect(pulled).toBeLessThan(10);
  });

  it('deliver the chunks before an error, then the error', async () => {
    const broken = flip(minimal(), 33 + 8 + 2); // inside IDAT: its CRC no longer matches
    const seen: PngEvent[] = [];
    const error = await new Promise((resolve) => {
      from([broken.subarray(0, 20), broken.subarray(20)])
        .pipe(pngChunks())
        .subscribe({ next: (e) => seen.push(e), error: resolve, complete: () => resolve(undefined) });
    });
    expect(summary(seen)).toEqual(['IHDR@8']);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ code: 'CRC_MISMATCH' });
  });

  it('pass on a source error that is not about the PNG', async () => {
    const missing = readPng('/nonexistent/stride.png');
    await expect(lastValueFrom(missing)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
