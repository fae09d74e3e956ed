// The decodeRecords operator: records as soon as they complete, in any chunking; errors after the records
// before them, with absolute offsets; the maxBuffered limit; codec switching with a mode hook.
import {
  bytes,
  type Codec,
  DecodeError,
  IncompleteError,
  LimitError,
  literal,
  StreamDecoder,
  struct,
  u8,
  u32be,
} from '@stride/codec';
import { decodeRecords, fromAsyncIterable } from '@stride/rx';
import fc from 'fast-check';
import { from, lastValueFrom, Observable, Subject, take, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, Message, message, plain, sample, wire, written } from '../helpers.js';

/** Everything the observable does: records (plain copies) and the error, if any. */
async function outcome<T>(obs: Observable<T>): Promise<{ records: T[]; error?: unknown }> {
  const records: T[] = [];
  return new Promise((resolve) => {
    obs.subscribe({
      next: (r) => records.push(r),
      error: (error) => resolve({ records, error }),
      complete: () => resolve({ records }),
    });
  });
}

describe('decodeRecords', () => {
  const all = wire(sample);

  it('decodes the same records in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        const got = await lastValueFrom(from(cut(all, at)).pipe(decodeRecords(Message), toArray()));
        expect(plain(got)).toEqual(plain(sample));
      }),
    );
  });

  it('emits a record on the chunk that completes it, before the next chunk arrives', () => {
    const input = new Subject<Uint8Array>();
    const seen: number[] = [];
    input.pipe(decodeRecords(Message)).subscribe((r) => seen.push(r.kind));
    const one = wire([sample[0] as Message]);
    input.next(one.subarray(0, 4));
    expect(seen).toEqual([]);
    input.next(one.subarray(4));
    expect(seen).toEqual([1]);
  });

  it('sends a DecodeError with its absolute offset after every record before it', async () => {
    const Strict = struct({ kind: literal(u8, 1), body: bytes(u8) });
    const good = [1, 2, 7, 7, 1, 0]; // two records: 4 + 2 bytes
    const input = Uint8Array.from([...good, 2, 0]);
    for (const at of [[], [1, 5, 7], Array.from({ length: input.length }, (_, i) => i)]) {
      const got = await outcome(from(cut(input, at)).pipe(decodeRecords(Strict)));
      expect(got.records).toHaveLength(2);
      expect(got.error).toBeInstanceOf(DecodeError);
      expect(got.error).toMatchObject({ code: 'BAD_CONSTANT', offset: 6, path: 'kind' });
    }
  });

  it('completing inside a record is an IncompleteError naming the offset and the bytes missing', async () => {
    // The last record is 4 bytes (kind, length 1, one body byte): cut its body byte off.
    const got = await outcome(
      from(cut(all.subarray(0, all.length - 1), [5, 9])).pipe(decodeRecords(Message)),
    );
    expect(got.records).toHaveLength(sample.length - 1);
    expect(got.error).toBeInstanceOf(IncompleteError);
    expect(got.error).toMatchObject({ offset: all.length - 1, needed: 1, path: 'body' });
  });

  it('passes the source error through, after the records decoded so far', async () => {
    const failing = new Observable<Uint8Array>((s) => {
      s.next(wire([sample[0] as Message]));
      s.error(new Error('socket reset'));
    });
    const got = await outcome(failing.pipe(decodeRecords(Message)));
    expect(got.records).toHaveLength(1);
    expect((got.error as Error).message).toBe('socket reset');
  });

  it('unsubscribing (here by take) unsubscribes from the source', async () => {
    let returned = false;
    async function* endless() {
      try {
        for (;;) yield wire(sample);
      } finally {
        returned = true;
      }
    }
    const got = await lastValueFrom(
      fromAsyncIterable(endless()).pipe(decodeRecords(Message), take(6), toArray()),
    );
    expect(got).toHaveLength(6);
    await new Promise((r) => setImmediate(r));
    expect(returned).toBe(true);
  });

  it('stops a synchronous source as soon as the records are no longer wanted', () => {
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled++;
        yield all;
      }
    }
    const seen: Message[] = [];
    fromAsyncIterable(endless())
      .pipe(decodeRecords(Message), take(sample.length + 1))
      .subscribe((r) => seen.push(r));
    expect(seen).toHaveLength(sample.length + 1);
    expect(pulled).toBe(2);
    let chunksSent = 0;
    from(Array.from({ length: 1000 }, () => all))
      .pipe(
        tap(() => chunksSent++),
        decodeRecords(Message),
        take(1),
      )
      .subscribe();
    expect(chunksSent).toBe(1);
  });

  it('fails with LimitError once more than maxBuffered bytes are held for one record', async () => {
    // A 1000-byte body arriving in 100-byte chunks; 512 bytes may be held.
    const big = wire([
      message(1, []),
      message(
        2,
        Array.from({ length: 1000 }, () => 5),
      ),
    ]);
    const at = Array.from({ length: 10 }, (_, i) => 3 + i * 100);
    const got = await outcome(
      from(cut(big, at)).pipe(decodeRecords(Message, { limits: { maxBuffered: 512 } })),
    );
    expect(got.records).toHaveLength(1);
    expect(got.error).toBeInstanceOf(LimitError);
    expect(got.error).toMatchObject({ limit: 'maxBuffered', offset: 3 });
    expect((got.error as Error).message).toMatch(/exceed maxBuffered \(512\)/);
    // With room for it, the same input decodes.
    const ok = await outcome(
      from(cut(big, at)).pipe(decodeRecords(Message, { limits: { maxBuffered: 1003 } })),
    );
    expect(ok.error).toBeUndefined();
  });

  it('switches codecs mid-stream with a mode hook: a handshake, then frames', async () => {
    const Hello = struct({ version: literal(u8, 7), count: u32be });
    type Hello = { version: 7; count: number };
    type Rec = Hello | Message;
    const mode = (r: Rec): Codec<Rec> | undefined => ('version' in r ? Message : undefined);
    const input = Uint8Array.from([7, 0, 0, 0, 4, ...wire(sample)]);
    const whole = written(new StreamDecoder<Rec>(Hello, { mode }), input);
    expect(whole).toHaveLength(1 + sample.length);
    await fc.assert(
      fc.asyncProperty(cutsFor(input.length), async (at) => {
        const got = await lastValueFrom(
          from(cut(input, at)).pipe(decodeRecords<Rec>(Hello, { mode }), toArray()),
        );
        expect(got[0]).toEqual({ version: 7, count: 4 });
        expect(plain(got.slice(1) as Message[])).toEqual(plain(sample));
      }),
      { numRuns: 50 },
    );
  });
});
