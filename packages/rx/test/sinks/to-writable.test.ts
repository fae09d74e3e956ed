// toWritable: every chunk written in order; nothing written while the writable needs a drain;
// emits the byte count after finish (or, with end: false, after the last write); errors both ways.
import { Writable } from 'node:stream';
import { toWritable } from '@stride/rx';
import { from, interval, lastValueFrom, map, Observable, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { listeners } from '../sources/warnings.js';

/** A writable that takes `delayMs` per chunk and records whether each write() came while it needed a drain. */
class SlowWritable extends Writable {
  readonly received: number[] = [];
  writesWhileFull = 0;
  writes = 0;
  constructor(private readonly delayMs: number) {
    super({ highWaterMark: 4 });
  }
  override write(chunk: Uint8Array, ...rest: never[]): boolean {
    this.writes++;
    if (this.writableNeedDrain) this.writesWhileFull++;
    return super.write(chunk, ...rest);
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    setTimeout(() => {
      this.received.push(...chunk);
      cb();
    }, this.delayMs);
  }
}

const chunks = Array.from({ length: 40 }, (_, i) => Uint8Array.from([i, i + 1]));

describe('toWritable', () => {
  it('writes every chunk in order, never while the writable needs a drain, and completes after finish', async () => {
    const w = new SlowWritable(1);
    const before = listeners(w);
    let finished = false;
    w.on('finish', () => {
      finished = true;
    });
    expect(await lastValueFrom(from(chunks).pipe(toWritable(w)))).toBe(80);
    expect(finished).toBe(true);
    expect(w.received).toEqual(chunks.flatMap((c) => [...c]));
    expect(w.writes).toBe(40);
    expect(w.writesWhileFull).toBe(0);
    w.removeAllListeners('finish');
    expect(listeners(w)).toEqual(before);
  });

  it('with end: false, completes once the last write is done and leaves the writable open', async () => {
    const w = new SlowWritable(1);
    await lastValueFrom(from(chunks.slice(0, 10)).pipe(toWritable(w, { end: false })));
    expect(w.received).toHaveLength(20);
    expect(w.writable).toBe(true);
    await lastValueFrom(from([Uint8Array.from([99])]).pipe(toWritable(w)));
    expect(w.received.at(-1)).toBe(99);
    expect(w.writesWhileFull).toBe(0);
  });

  it("rejects with the source's error and destroys the writable with it", async () => {
    const w = new SlowWritable(0);
    const failing = new Observable<Uint8Array>((s) => {
      s.next(Uint8Array.from([1]));
      s.error(new Error('decode failed'));
    });
    await expect(lastValueFrom(failing.pipe(toWritable(w)))).rejects.toThrow('decode failed');
    expect(w.destroyed).toBe(true);
  });

  it("rejects with the writable's error and unsubscribes from the source", async () => {
    const w = new Writable({
      write: (_c, _e, cb) => cb(new Error('EPIPE')),
    });
    let unsubscribed = false;
    const endless = new Observable<Uint8Array>((s) => {
      const t = interval(1)
        .pipe(map((i) => Uint8Array.from([i & 255])))
        .subscribe(s);
      return () => {
        unsubscribed = true;
        t.unsubscribe();
      };
    });
    await expect(lastValueFrom(endless.pipe(toWritable(w)))).rejects.toThrow('EPIPE');
    expect(unsubscribed).toBe(true);
  });

  it('rejects when the writable closes before everything was written', async () => {
    const w = new SlowWritable(5);
    const input = new Subject<Uint8Array>();
    const done = lastValueFrom(input.pipe(toWritable(w)));
    input.next(Uint8Array.from([1]));
    w.destroy();
    await expect(done).rejects.toThrow(/closed before everything was written/);
  });

  it('unsubscribing stops writing and leaves the writable open, with no listener behind', () => {
    const w = new SlowWritable(1);
    const before = listeners(w);
    const input = new Subject<Uint8Array>();
    const sub = input.pipe(toWritable(w)).subscribe();
    input.next(Uint8Array.from([1]));
    sub.unsubscribe();
    input.next(Uint8Array.from([2]));
    expect(w.writes).toBe(1);
    expect(input.observed).toBe(false);
    expect(w.writable).toBe(true);
    expect(listeners(w)).toEqual(before);
  });
});
