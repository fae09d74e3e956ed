// PngReader through @stride/rx's generic front ends: the pull-based ones give the operator's events,
// hold back the file, and close it when the loop is left.
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type PngEvent, PngReader } from '@stride/png';
import { readPng } from '@stride/png/rx';
import { createParseStream, parseAsyncIterable } from '@stride/rx';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

const path = new URL('../../../../test/png/corpus/pngsuite/oi9n2c16.png', import.meta.url);
const summary = (events: PngEvent[]) =>
  events.map((e) => `${e.kind} ${'type' in e ? e.type : ''}@${e.offset}`);

describe('PngReader through parseAsyncIterable and createParseStream', () => {
  it('gives the events readPng gives, from a file read in small pieces', async () => {
    const expected = summary(await lastValueFrom(readPng(path).pipe(toArray())));
    const pulled: PngEvent[] = [];
    for await (const e of parseAsyncIterable(new PngReader(), createReadStream(path, { highWaterMark: 100 })))
      pulled.push(e);
    expect(summary(pulled)).toEqual(expected);
    const piped: PngEvent[] = [];
    const sink = new Writable({
      objectMode: true,
      write(e: PngEvent, _encoding, done) {
        piped.push(e);
        done();
      },
    });
    await pipeline(createReadStream(path, { highWaterMark: 100 }), createParseStream(new PngReader()), sink);
    expect(summary(piped)).toEqual(expected);
  });

  it('reads the file only as far as the events taken, and closes it when the loop is left', async () => {
    const file = createReadStream(path, { highWaterMark: 64 });
    const events = parseAsyncIterable(new PngReader(), file);
    for await (const e of events) {
      expect(e).toMatchObject({ kind: 'chunk', type: 'IHDR' });
      expect(events.offset).toBeLessThanOrEqual(64); // only the first piece was parsed
      break;
    }
    expect(file.bytesRead).toBeLessThan(256);
    expect(file.destroyed).toBe(true);
  });
});
