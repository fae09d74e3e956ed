// fromWebStream: chunks in order; cancel on unsubscribe; the stream's error; the lock released at
// the end; no warning after 10,000 cycles.
import { ReadableStream } from 'node:stream/web';
import { fromWebStream } from '@stride/rx';
import { lastValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { warningsDuring } from './warnings.js';

const chunk = (...b: number[]) => Uint8Array.from(b);

function streamOf(chunks: Uint8Array[], onCancel?: (reason: unknown) => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++] as Uint8Array);
      else controller.close();
    },
    cancel: onCancel,
  });
}

describe('fromWebStream', () => {
  it('emits the chunks in order, completes at the end and releases its lock', async () => {
    const stream = streamOf([chunk(1), chunk(2, 3)]);
    expect(await lastValueFrom(fromWebStream(stream).pipe(toArray()))).toEqual([chunk(1), chunk(2, 3)]);
    expect(stream.locked).toBe(false);
  });

  it('cancels the stream when unsubscribed before its end', async () => {
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) => c.enqueue(chunk(9)),
      cancel: () => {
        cancelled = true;
      },
    });
    expect(await lastValueFrom(fromWebStream(endless).pipe(take(2), toArray()))).toHaveLength(2);
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(true);
  });

  it("makes the stream's error the observable's error", async () => {
    const failing = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(chunk(1));
        c.error(new Error('network gone'));
      },
    });
    await expect(lastValueFrom(fromWebStream(failing))).rejects.toThrow('network gone');
  });

  it('refuses non-byte chunks with a TypeError and cancels the stream', async () => {
    let cancelled = false;
    const text = new ReadableStream<unknown>({
      start: (c) => c.enqueue('text'),
      cancel: () => {
        cancelled = true;
      },
    });
    await expect(lastValueFrom(fromWebStream(text as ReadableStream<Uint8Array>))).rejects.toThrow(TypeError);
    await new Promise((r) => setImmediate(r));
    expect(cancelled).toBe(true);
  });

  it('leaves no warning after 10,000 subscribe/unsubscribe cycles, cancelling each stream', async () => {
    let cancels = 0;
    const warnings = await warningsDuring(async () => {
      for (let i = 0; i < 10_000; i++) {
        fromWebStream(streamOf([chunk(1)], () => cancels++))
          .subscribe()
          .unsubscribe();
      }
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(warnings).toEqual([]);
    expect(cancels).toBe(10_000);
  });
});
