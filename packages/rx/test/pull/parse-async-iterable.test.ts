// parseAsyncIterable over a StreamDecoder and over a parser that is not a codec (Lines): outputs in
// any chunking; a chunk pulled only when the outputs before are taken (a slow consumer holds back
// the source); outputs before an error first; return() closes the source; offset, buffered, needed.
import { PassThrough } from 'node:stream';
import {
  type Codec,
  DecodeError,
  IncompleteError,
  literal,
  StreamDecoder,
  struct,
  u8,
  ValidationError,
} from '@stride/codec';
import { parseAsyncIterable } from '@stride/rx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, drain, Message, plain, sample, wire } from '../helpers.js';
import { Lines, lineBytes } from '../lines.js';

/** The records of `codec` in `source`, pulled. */
const records = <T>(codec: Codec<T>, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) =>
  parseAsyncIterable(new StreamDecoder(codec), source);

describe('parseAsyncIterable', () => {
  const all = wire(sample);

  it('decodes the same records in any chunking, from sync and async sources', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), fc.boolean(), async (at, async) => {
        const chunks = cut(all, at);
        const source = async
          ? (async function* () {
              yield* chunks;
            })()
          : chunks;
        const got = await drain(records(Message, source));
        expect(got.error).toBeUndefined();
        expect(plain(got.records)).toEqual(plain(sample));
      }),
    );
  });

  it('pulls a chunk only once every record of the last one was taken', async () => {
    let pulls = 0;
    const chunks = [wire(sample.slice(0, 2)), wire(sample.slice(2))];
    async function* source() {
      for (const c of chunks) {
        pulls++;
        yield c;
      }
    }
    const it = records(Message, source());
    await it.next();
    expect(pulls).toBe(1);
    await it.next();
    expect(pulls).toBe(1);
    await it.next();
    expect(pulls).toBe(2);
    expect(it.offset).toBe(all.length);
    expect(it.buffered).toBe(0);
  });

  it('exposes the bytes held for a record not complete yet', async () => {
    const it = records(Message, [all.subarray(0, 8), all.subarray(8)]);
    expect((await it.next()).value.kind).toBe(1); // 6 bytes; 2 of the next record held
    expect(it.buffered).toBe(2);
    expect(it.offset).toBe(6);
  });

  it('returns the records before an error, then throws it with its absolute offset', async () => {
    const Strict = struct({ kind: literal(u8, 1), n: u8 });
    const got = await drain(records(Strict, [Uint8Array.from([1, 5, 1]), Uint8Array.from([6, 2, 0])]));
    expect(got.records).toEqual([
      { kind: 1, n: 5 },
      { kind: 1, n: 6 },
    ]);
    expect(got.error).toBeInstanceOf(DecodeError);
    expect(got.error).toMatchObject({ code: 'BAD_CONSTANT', offset: 4 });
    const cutShort = await drain(records(Message, [all.subarray(0, all.length - 2)]));
    expect(cutShort.records).toHaveLength(sample.length - 1);
    expect(cutShort.error).toBeInstanceOf(IncompleteError);
  });

  it("passes the source's error after the records before it", async () => {
    async function* failing() {
      yield wire(sample.slice(0, 1));
      throw new Error('connection reset');
    }
    const got = await drain(records(Message, failing()));
    expect(got.records).toHaveLength(1);
    expect((got.error as Error).message).toBe('connection reset');
  });

  it('closes the source when the loop is left early (a Node stream is destroyed)', async () => {
    const stream = new PassThrough();
    stream.write(all);
    for await (const r of records(Message, stream)) {
      expect(r.kind).toBe(1);
      break;
    }
    expect(stream.destroyed).toBe(true);

    let closed = false;
    async function* endless() {
      try {
        for (;;) yield all;
      } finally {
        closed = true;
      }
    }
    const it = records(Message, endless());
    await it.next();
    await it.return?.();
    expect(closed).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('serves next() calls made before the last one settled, in order', async () => {
    const it = records(
      Message,
      (async function* () {
        yield* cut(all, [3, 7, 300]);
      })(),
    );
    const results = await Promise.all(sample.map(() => it.next()).concat([it.next()]));
    expect(plain(results.slice(0, -1).map((r) => r.value as Message))).toEqual(plain(sample));
    expect(results.at(-1)?.done).toBe(true);
  });

  it('yields nothing more after return(), even for a chunk that was on its way', async () => {
    let deliver: ((chunk: IteratorResult<Uint8Array>) => void) | undefined;
    const source: AsyncIterator<Uint8Array> & AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => source,
      next: () => new Promise((r) => (deliver = r)),
      return: async () => ({ done: true, value: undefined }),
    };
    const it = records(Message, source);
    const pending = it.next();
    const returned = it.return?.();
    deliver?.({ done: false, value: all });
    expect(await returned).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  describe('forEach', () => {
    it('hands every record to the callback, in any chunking, reading a chunk only when the last is done', async () => {
      await fc.assert(
        fc.asyncProperty(cutsFor(all.length), async (at) => {
          let pulls = 0;
          const chunks = cut(all, at);
          async function* source() {
            for (const c of chunks) {
              pulls++;
              yield c;
            }
          }
          const seen: Message[] = [];
          const chunkOf: number[] = [];
          await records(Message, source()).forEach((r) => {
            seen.push(r);
            chunkOf.push(pulls);
          });
          expect(plain(seen)).toEqual(plain(sample));
          // Each record is seen once the chunk completing it is read, before the next one is.
          let total = 0;
          const chunkEnds = chunks.map((c) => (total += c.length));
          const completing = sample.map((_, i) => {
            const recordEnd = wire(sample.slice(0, i + 1)).length;
            return chunkEnds.findIndex((end) => end >= recordEnd) + 1;
          });
          expect(chunkOf).toEqual(completing);
        }),
        { numRuns: 50 },
      );
    });

    it('rejects with the error after the records before it, and closes the source when the callback throws', async () => {
      const Strict = struct({ kind: literal(u8, 1), n: u8 });
      const seen: unknown[] = [];
      const done = records(Strict, [Uint8Array.from([1, 5, 1, 6, 2, 0])]).forEach((r) => {
        seen.push(r);
      });
      await expect(done).rejects.toMatchObject({ code: 'BAD_CONSTANT', offset: 4 });
      expect(seen).toHaveLength(2);

      const stream = new PassThrough();
      stream.write(all);
      const failing = records(Message, stream).forEach(() => {
        throw new Error('handler failed');
      });
      await expect(failing).rejects.toThrow('handler failed');
      expect(stream.destroyed).toBe(true);
    });

    it('first hands over the records next() already decoded', async () => {
      const it = records(Message, [all]);
      expect((await it.next()).value?.kind).toBe(1);
      const rest: number[] = [];
      await it.forEach((r) => {
        rest.push(r.kind);
      });
      expect(rest).toEqual([2, 3, 4]);
    });
  });
});

describe('parseAsyncIterable over any ByteStreamParser', () => {
  const lines = ['alpha', '', 'beta gamma', 'delta'];
  const all = lineBytes(lines);

  it('yields the same outputs in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        expect(await drain(parseAsyncIterable(new Lines(), cut(all, at)))).toEqual({ records: lines });
      }),
    );
  });

  it('a slow consumer holds back an endless source: a chunk is read only once the last one is used up', async () => {
    let pulls = 0;
    async function* endless() {
      for (;;) {
        pulls++;
        yield lineBytes(['a', 'b']);
      }
    }
    const seenAt: number[] = [];
    for await (const _ of parseAsyncIterable(new Lines(), endless())) {
      seenAt.push(pulls);
      await new Promise((r) => setTimeout(r, 1));
      if (seenAt.length === 10) break;
    }
    expect(seenAt).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(pulls).toBe(5);
  });

  it('yields the outputs before an error, then throws it', async () => {
    const bad = Uint8Array.from([...lineBytes(['one', 'two']), 0x41, 0]);
    const got = await drain(parseAsyncIterable(new Lines(), cut(bad, [5])));
    expect(got.records).toEqual(['one', 'two']);
    expect(got.error).toBeInstanceOf(ValidationError);
    expect(got.error).toMatchObject({ offset: 9 });
  });

  it('leaving the loop early closes the source', async () => {
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield all;
      } finally {
        closed = true;
      }
    }
    for await (const line of parseAsyncIterable(new Lines(), endless())) {
      expect(line).toBe('alpha');
      break;
    }
    expect(closed).toBe(true);
  });

  it("tells the parser's offset, bytes held and bytes needed", async () => {
    const it = parseAsyncIterable(new Lines(), [all.subarray(0, 9)]); // 'alpha', '', and 'be' held
    expect((await it.next()).value).toBe('alpha');
    expect((await it.next()).value).toBe('');
    expect([it.offset, it.buffered, it.needed]).toEqual([7, 2, 1]);
  });
});
