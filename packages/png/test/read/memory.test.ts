/**
 * Bounded memory in any chunking: a chunk arriving a byte at a time is held in about its own size
 * (small pieces are copied and packed, not kept one by one with ~200 bytes of bookkeeping each), and
 * what comes out is what a one-piece read gives.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32 } from 'node:zlib';
import { type PngEvent, PngReader, type PngReadOptions } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { iend, ihdr, png } from './build.js';

const SIZE = 4 << 20;
const MiB = 1 << 20;

/** A PNG whose one IDAT has SIZE bytes of data (not a valid zlib stream: imageData is off). */
function bigPng(): Uint8Array {
  const data = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) data[i] = (i * 131 + (i >>> 12)) & 0xff;
  return png(ihdr(1024, 1024, 8, 0), ['IDAT', data], iend);
}

const IDAT_AT = 33;
const IDAT_END = IDAT_AT + 12 + SIZE;

/**
 * The events with each run of `data` events merged into one (their pieces follow the input's
 * cuts) and every `data` replaced by its length and CRC-32, so 4 MiB compare cheaply (and 4 Mi
 * one-byte events are summed up without keeping them).
 */
class Summary {
  readonly events: unknown[] = [];
  private run: { type: string; offset: number; length: number } | undefined;
  /** A run's data is copied here (allocated up front: the memory measured leaves it out). */
  private readonly sink = new Uint8Array(SIZE);

  add(e: PngEvent): void {
    if (e.kind === 'data') {
      if (this.run === undefined) {
        this.run = { type: e.type, offset: e.offset, length: 0 };
      }
      // contiguous: each piece starts where the last one ended (checked by hand: expect() per byte is slow)
      const run = this.run;
      if (e.offset !== run.offset + run.length) throw new Error(`data event at ${e.offset} out of place`);
      if (e.data.length === 1) this.sink[run.length] = e.data[0] as number;
      else this.sink.set(e.data, run.length);
      run.length += e.data.length;
      return;
    }
    this.flush();
    if (e.kind === 'chunk') {
      const { data, fields, ...rest } = e;
      this.events.push({ ...rest, data: [data.length, crc32(data)], hasFields: fields !== undefined });
    } else {
      this.events.push(e);
    }
  }

  flush(): void {
    const run = this.run;
    if (run === undefined) return;
    this.run = undefined;
    this.events.push({
      kind: 'data',
      type: run.type,
      offset: run.offset,
      data: [run.length, crc32(this.sink.subarray(0, run.length))],
    });
  }
}

function readWhole(bytes: Uint8Array, options: PngReadOptions): unknown[] {
  const s = new Summary();
  const reader = new PngReader(options);
  const emit = (e: PngEvent) => s.add(e);
  reader.write(bytes, emit);
  reader.finish(emit);
  s.flush();
  return s.events;
}

function heap(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe('PngReader memory, a 4 MiB IDAT fed a byte at a time', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const bytes = bigPng();

  /** Writes bytes [from, to) a byte at a time; returns what the heap grew by, after GC. */
  function trickle(reader: PngReader, emit: (e: PngEvent) => void, from: number, to: number): number {
    gc();
    const before = heap();
    for (let i = from; i < to; i++) reader.write(bytes.subarray(i, i + 1), emit);
    gc();
    return heap() - before;
  }

  it('held whole (maxChunkBytes above it): about its own size, and the events of a one-piece read', () => {
    // (the default maxChunkBytes, 8,000,000, holds it whole too: named here so the test says so)
    const options: PngReadOptions = { limits: { maxChunkBytes: 8 * MiB } };
    const expected = readWhole(bytes, options);
    expect(expected.map((e) => (e as PngEvent).kind)).toEqual(['chunk', 'chunk', 'chunk']);
    const s = new Summary();
    const reader = new PngReader(options);
    const emit = (e: PngEvent) => s.add(e);
    const held = trickle(reader, emit, 0, IDAT_END - 1);
    expect(reader.buffered).toBe(SIZE + 11);
    // packed: at most about twice the bytes, not ~200 bytes of bookkeeping per piece
    expect(held).toBeLessThan(2 * SIZE + 4 * MiB);
    trickle(reader, emit, IDAT_END - 1, bytes.length);
    reader.finish(emit);
    s.flush();
    expect(s.events).toEqual(expected);
  });

  it('streamed (maxChunkBytes below it): nothing held, and the data of a one-piece read', () => {
    const options: PngReadOptions = { limits: { maxChunkBytes: MiB } };
    const expected = readWhole(bytes, options);
    expect(expected.map((e) => (e as PngEvent).kind)).toEqual(['chunk', 'header', 'data', 'end', 'chunk']);
    const s = new Summary();
    const reader = new PngReader(options);
    const emit = (e: PngEvent) => s.add(e);
    const held = trickle(reader, emit, 0, IDAT_END - 1);
    // the data went out as it came: only three bytes of the CRC are held
    expect(reader.buffered).toBe(3);
    expect(held).toBeLessThan(4 * MiB);
    trickle(reader, emit, IDAT_END - 1, bytes.length);
    reader.finish(emit);
    s.flush();
    expect(s.events).toEqual(expected);
  });
});
