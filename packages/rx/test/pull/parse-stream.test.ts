// createParseStream over a StreamDecoder and over a parser that is not a codec (Lines): a Transform
// from bytes to outputs; outputs before an error are read out before it (by 'data' listeners, async
// iteration and pipeline); Node's backpressure holds writes, so a slow consumer holds the source.
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type Codec,
  IncompleteError,
  literal,
  StreamDecoder,
  struct,
  u8,
  ValidationError,
} from '@stride/codec';
import { createParseStream, type ParseStreamOptions } from '@stride/rx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, drain, Message, plain, sample, wire } from '../helpers.js';
import { Lines, lineBytes } from '../lines.js';

const Strict = struct({ kind: literal(u8, 1), n: u8 });
const bad = [Uint8Array.from([1, 5, 1]), Uint8Array.from([6, 2, 0])]; // two records, then kind 2 at 4

/** A Transform decoding records of `codec`. */
const decodeStream = <T>(codec: Codec<T>, options?: ParseStreamOptions) =>
  createParseStream(new StreamDecoder(codec), options);

describe('createParseStream', () => {
  const all = wire(sample);

  it('decodes the same records in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        const got = await drain(Readable.from(cut(all, at)).pipe(decodeStream(Message)));
        expect(got.error).toBeUndefined();
        expect(plain(got.records)).toEqual(plain(sample));
      }),
      { numRuns: 50 },
    );
  });

  it('lets a slow async consumer read every record before the error', async () => {
    const stream = decodeStream(Strict);
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
    const stream = decodeStream(Strict);
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
    const done = pipeline(Readable.from([all.subarray(0, all.length - 2)]), decodeStream(Message), sink);
    await expect(done).rejects.toBeInstanceOf(IncompleteError);
    expect(records).toHaveLength(sample.length - 1);
  });

  it('stops taking bytes while highWaterMark records wait to be read', async () => {
    const stream = decodeStream(Message, { highWaterMark: 2 });
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
    const stream = decodeStream(Message);
    stream.write(all.subarray(0, 8));
    expect(stream.buffered).toBe(2);
    expect(stream.offset).toBe(6);
    stream.destroy();
  });
});

describe('createParseStream over any ByteStreamParser', () => {
  const lines = ['alpha', '', 'beta gamma', 'delta'];
  const all = lineBytes(lines);

  it('passes on the same outputs in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(cutsFor(all.length), async (at) => {
        const got = await drain(Readable.from(cut(all, at)).pipe(createParseStream(new Lines())));
        expect(got).toEqual({ records: lines });
      }),
      { numRuns: 50 },
    );
  });

  it('a slow consumer holds back an endless source', async () => {
    let pulls = 0;
    const line = 'x'.repeat(1023);
    function* endless() {
      for (;;) {
        pulls++;
        yield lineBytes([line]);
      }
    }
    const input = Readable.from(endless(), { objectMode: false });
    const stream = input.pipe(createParseStream(new Lines(), { highWaterMark: 2 }));
    let seen = 0;
    for await (const got of stream) {
      expect(got).toBe(line);
      await new Promise((r) => setTimeout(r, 2));
      if (++seen === 20) break;
    }
    // What waits is bounded by the highWaterMarks on the way (a few dozen KiB), not by the time
    // the consumer took: read as fast as possible, the source would have given thousands of chunks.
    expect(pulls).toBeLessThan(seen + 64);
    expect(stream.destroyed).toBe(true);
    input.destroy();
  });

  it("emits the outputs before an error to 'data' listeners, then the error", async () => {
    const stream = createParseStream(new Lines());
    const got: string[] = [];
    const error = new Promise((resolve) => stream.on('error', resolve));
    stream.on('data', (l) => got.push(l));
    stream.write(lineBytes(['one', 'two']));
    stream.write(Uint8Array.from([0x41, 0]));
    expect(await error).toBeInstanceOf(ValidationError);
    expect(got).toEqual(['one', 'two']);
  });

  it("tells the parser's offset, bytes held and bytes needed", () => {
    const stream = createParseStream(new Lines());
    stream.write(all.subarray(0, 9));
    expect([stream.offset, stream.buffered, stream.needed]).toEqual([7, 2, 1]);
    stream.destroy();
  });
});
