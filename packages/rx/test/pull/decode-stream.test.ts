// createDecodeStream: a Transform from bytes to records; records before an error are read out
// before it (by 'data' listeners, async iteration and pipeline); Node's backpressure holds writes.
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IncompleteError, literal, struct, u8 } from '@stride/codec';
import { createDecodeStream } from '@stride/rx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, drain, Message, plain, sample, wire } from '../helpers.js';

const Strict = struct({ kind: literal(u8, 1), n: u8 });
const bad = [Uint8Array.from([1, 5, 1]), Uint8Array.from([6, 2, 0])]; // two records, then kind 2 at 4

describe('createDecodeStream', () => {
  const all = wire(sample);

  it('decodes the same records in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        const got = await drain(Readable.from(cut(all, at)).pipe(createDecodeStream(Message)));
        expect(got.error).toBeUndefined();
        expect(plain(got.records)).toEqual(plain(sample));
      }),
      { numRuns: 50 },
    );
  });

  it('lets a slow async consumer read every record before the error', async () => {
    const stream = createDecodeStream(Strict);
    stream.write(bad[0]);
    stream.end(bad[1]);
    const got = await drain(stream, 5);
    expect(got.records).toEqual([
      { kind: 1, n: 5 },
      { kind: 1, n: 6 },
    ]);
    expect(got.error).toMatchObject({ name: 'ConstantError', offset: 4 });
  });

  it("delivers the records to 'data' listeners, then emits the error", async () => {
    const stream = createDecodeStream(Strict);
    const records: unknown[] = [];
    const error = new Promise((resolve) => stream.on('error', resolve));
    stream.on('data', (r) => records.push(r));
    for (const c of bad) stream.write(c);
    expect(await error).toMatchObject({ code: 'BAD_CONSTANT', offset: 4 });
    expect(records).toHaveLength(2);
  });

  it('in a pipeline, the sink is handed the records before the pipeline rejects (IncompleteError)', async () => {
    // pipeline() destroys every stream on an error, so a sink's own queued writes are dropped;
    // this sink takes each record as it is written.
    const records: unknown[] = [];
    const sink = new Writable({
      objectMode: true,
      write(r, _e, cb) {
        records.push(r);
        cb();
      },
    });
    const done = pipeline(
      Readable.from([all.subarray(0, all.length - 2)]),
      createDecodeStream(Message),
      sink,
    );
    await expect(done).rejects.toBeInstanceOf(IncompleteError);
    expect(records).toHaveLength(sample.length - 1);
  });

  it('stops taking bytes while highWaterMark records wait to be read', async () => {
    const stream = createDecodeStream(Message, { highWaterMark: 2 });
    const input = new PassThrough();
    input.pipe(stream);
    let accepted = 0;
    for (let i = 0; i < 200; i++) if (input.write(wire(sample))) accepted++;
    await new Promise((r) => setTimeout(r, 20));
    // Nobody reads: the records of the chunk that reached the mark wait (a chunk is decoded
    // whole), the rest of the bytes wait upstream.
    expect(stream.readableLength).toBe(sample.length);
    expect(stream.writableLength + input.readableLength).toBeGreaterThan(100 * all.length);
    expect(stream.offset).toBeLessThan(2 * all.length);
    expect(accepted).toBeLessThan(200);
    input.destroy();
    stream.destroy();
  });

  it('exposes the bytes held for a record not complete yet', () => {
    const stream = createDecodeStream(Message);
    stream.write(all.subarray(0, 8));
    expect(stream.buffered).toBe(2);
    expect(stream.offset).toBe(6);
    stream.destroy();
  });
});
