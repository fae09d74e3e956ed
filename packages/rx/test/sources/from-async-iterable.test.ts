// fromAsyncIterable: chunks in order, one asked for at a time; return() on unsubscribe; errors;
// plain iterables; no listener or warning left after 10,000 cycles over Node stream iterators.
import { PassThrough, type Readable } from 'node:stream';
import { fromAsyncIterable } from '@stride/rx';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { warningsDuring } from './warnings.js';

const chunk = (...b: number[]) => Uint8Array.from(b);

describe('fromAsyncIterable', () => {
  it('emits the chunks in order, asking for the next only after emitting the last', async () => {
    const log: string[] = [];
    async function* gen() {
      for (let i = 0; i < 3; i++) {
        log.push(`pull ${i}`);
        yield chunk(i);
      }
    }
    const got = await lastValueFrom(fromAsyncIterable(gen()).pipe(toArray()));
    expect(got).toEqual([chunk(0), chunk(1), chunk(2)]);
    expect(log).toEqual(['pull 0', 'pull 1', 'pull 2']);
  });

  it("calls the iterator's return() when unsubscribed, so a generator runs its finally", async () => {
    let closed = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield chunk(i & 255);
      } finally {
        closed = true;
      }
    }
    expect(await lastValueFrom(fromAsyncIterable(endless()).pipe(take(3), toArray()))).toHaveLength(3);
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
  });

  it('reads a Node stream as fromReadable does, destroying it at once when unsubscribed', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.from([1]));
    expect(await firstValueFrom(fromAsyncIterable(stream))).toEqual(Buffer.from([1]));
    expect(stream.destroyed).toBe(true);
    const idle = new PassThrough();
    fromAsyncIterable(idle).subscribe().unsubscribe();
    expect(idle.destroyed).toBe(true);
  });

  it("returns a generator's iterator as soon as its pending step settles", async () => {
    let closed = false;
    let release: (() => void) | undefined;
    async function* slow() {
      try {
        await new Promise<void>((r) => {
          release = r;
        });
        yield chunk(1);
      } finally {
        closed = true;
      }
    }
    fromAsyncIterable(slow()).subscribe().unsubscribe();
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    release?.();
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
  });

  it("makes the iterator's error the observable's error, and refuses non-byte values", async () => {
    async function* failing() {
      yield chunk(1);
      throw new Error('upstream broke');
    }
    await expect(lastValueFrom(fromAsyncIterable(failing()))).rejects.toThrow('upstream broke');
    const strings = (async function* () {
      yield 'text' as unknown as Uint8Array;
    })();
    await expect(lastValueFrom(fromAsyncIterable(strings))).rejects.toThrow(TypeError);
  });

  it('emits a plain iterable synchronously and stops early when unsubscribed', () => {
    const seen: Uint8Array[] = [];
    let pulled = 0;
    function* gen() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield chunk(i);
      }
    }
    fromAsyncIterable(gen())
      .pipe(take(2))
      .subscribe((c) => seen.push(c));
    expect(seen).toEqual([chunk(0), chunk(1)]);
    expect(pulled).toBe(2);
  });

  it('leaves no warning or listener behind after 10,000 cycles over streams and generators', async () => {
    const streams: Readable[] = [];
    let generatorsClosed = 0;
    async function* gen() {
      try {
        yield chunk(1);
      } finally {
        generatorsClosed++;
      }
    }
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 10_000; i++) {
        const s = new PassThrough();
        streams.push(s);
        fromAsyncIterable(s).subscribe().unsubscribe();
        fromAsyncIterable(gen()).subscribe().unsubscribe();
      }
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(warnings).toEqual([]);
    expect(streams.every((s) => s.destroyed && s.listenerCount('data') === 0)).toBe(true);
    expect(generatorsClosed).toBe(10_000);
  });
});
