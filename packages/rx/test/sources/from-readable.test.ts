// fromReadable: chunks in order, end and errors, teardown that destroys (or pauses) the stream, and
// no listener left behind after 10,000 subscribe/unsubscribe cycles.
import { Duplex, PassThrough, Readable } from 'node:stream';
import { fromReadable } from '@stride/rx';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { listeners, warningsDuring } from './warnings.js';

const chunks = [Buffer.from([1, 2]), Buffer.from([3]), Buffer.from([4, 5, 6])];

describe('fromReadable', () => {
  it('emits the chunks in order and completes at the end', async () => {
    const got = await lastValueFrom(fromReadable(Readable.from(chunks)).pipe(toArray()));
    expect(got).toEqual(chunks);
  });

  it("turns the stream's error, or its closing before the end, into the observable's error", async () => {
    const failing = new PassThrough();
    const done = lastValueFrom(fromReadable(failing));
    failing.write(Buffer.from([1]));
    failing.destroy(new Error('disk on fire'));
    await expect(done).rejects.toThrow('disk on fire');

    const cut = new PassThrough();
    const early = lastValueFrom(fromReadable(cut));
    cut.destroy();
    await expect(early).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('destroys the stream when unsubscribed before its end', async () => {
    const stream = new PassThrough();
    const first = firstValueFrom(fromReadable(stream));
    stream.write(Buffer.from([7]));
    expect(await first).toEqual(Buffer.from([7]));
    expect(stream.destroyed).toBe(true);
  });

  it('leaves a duplex alone once its readable side ended, so replies can still be written', async () => {
    const written: Buffer[] = [];
    const duplex = new Duplex({
      allowHalfOpen: true,
      read() {},
      write(chunk, _enc, cb) {
        written.push(chunk);
        cb();
      },
    });
    const done = lastValueFrom(fromReadable(duplex).pipe(toArray()));
    duplex.push(Buffer.from([1]));
    duplex.push(null);
    expect(await done).toEqual([Buffer.from([1])]);
    expect(duplex.destroyed).toBe(false);
    duplex.end(Buffer.from([2]));
    await new Promise((r) => duplex.on('finish', r));
    expect(written).toEqual([Buffer.from([2])]);
  });

  it('refuses text chunks with a TypeError', async () => {
    const text = new PassThrough();
    text.setEncoding('utf8');
    const done = lastValueFrom(fromReadable(text));
    text.write('hello');
    await expect(done).rejects.toThrow(/expected byte chunks .* got a string \(was setEncoding called\?\)/);
    expect(text.destroyed).toBe(true);
  });

  it('with destroyOnUnsubscribe: false, pauses the stream and lets a later subscriber go on', async () => {
    const stream = new PassThrough();
    const source = fromReadable(stream, { destroyOnUnsubscribe: false });
    const first = firstValueFrom(source);
    stream.write(Buffer.from([1]));
    expect(await first).toEqual(Buffer.from([1]));
    expect(stream.destroyed).toBe(false);
    expect(stream.isPaused()).toBe(true);
    stream.write(Buffer.from([2]));
    stream.end();
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual([Buffer.from([2])]);
  });

  it('leaves no listener behind after 10,000 subscribe/unsubscribe cycles', async () => {
    const shared = new PassThrough();
    const before = listeners(shared);
    const warnings = await warningsDuring(() => {
      const source = fromReadable(shared, { destroyOnUnsubscribe: false });
      for (let i = 0; i < 10_000; i++) source.subscribe().unsubscribe();
      for (let i = 0; i < 10_000; i++) {
        const own = new PassThrough();
        fromReadable(own).subscribe().unsubscribe();
        if (own.listenerCount('data') + own.listenerCount('end') + own.listenerCount('error') !== 0)
          throw new Error(`cycle ${i} left listeners: ${JSON.stringify(listeners(own))}`);
      }
    });
    expect(warnings).toEqual([]);
    expect(listeners(shared)).toEqual(before);
  });
});
