/**
 * A description's records read from a chunk stream: Stride's one streaming shape
 * (`ByteStreamParser`) over a type's generated readers. The records are the top type, one after
 * another; or, when the top type's only field is a `repeat: eos` (a file that is a run of records),
 * its items.
 *
 * Each record is read once, however its bytes were cut: it is first read by the plain reader over
 * what has arrived (most records lie in one chunk); if that runs out, by the streaming reader, a
 * generator that waits where the bytes end and goes on from there when more come. The bytes are
 * copied into a buffer that only grows at its end: decoded byte arrays are views of it, never
 * overwritten (a full buffer is replaced, not reused). When a record ends, its stream is cut to its
 * bytes, so positional instances read lazily later see the record's bytes and no more. A record
 * larger than `maxRecordBytes` is refused before it is held.
 */
import { type ByteStreamParser, IncompleteError, LimitError } from '@stride/codec';
import { KsyDecodeError } from '../errors.js';
import { KsyStream } from '../runtime/stream.js';
import type { KsyObject } from './load.js';

export interface KsyRecordsOptions {
  /**
   * When the top type's only field is a `repeat: eos`: its items are the records (true, the
   * default), or the top object is, as one record that ends with the input (false).
   */
  readonly items?: boolean;
  /** The largest record held (default 64 MiB): past it, a LimitError. */
  readonly maxRecordBytes?: number;
}

/** The readers of the record type, as the loader made them. */
export interface RecordReaders {
  /** Reads a record from a stream (a plain reader: an IncompleteError where an open stream runs out), if there is one. */
  readonly read?: (io: KsyStream) => KsyObject;
  /** The same as a generator that waits at the end of an open stream's bytes. */
  readonly stream: (io: KsyStream) => Generator<void, KsyObject>;
}

const MIN_BUFFER = 64 * 1024;

export class KsyRecordReader implements ByteStreamParser<KsyObject> {
  readonly #readers: RecordReaders;
  readonly #max: number;
  #buffer = new Uint8Array(0);
  /** Where the pending record starts in the buffer, and where the bytes held end. */
  #start = 0;
  #end = 0;
  /** The absolute offset of the pending record. */
  #offset = 0;
  #io: KsyStream | undefined;
  #reading: Generator<void, KsyObject> | undefined;
  #final = false;
  #needed = 0;
  #error: unknown;

  constructor(readers: RecordReaders, options: KsyRecordsOptions = {}) {
    this.#readers = readers;
    this.#max = options.maxRecordBytes ?? 64 * 1024 * 1024;
  }

  get offset(): number {
    return this.#offset;
  }

  get buffered(): number {
    return this.#end - this.#start;
  }

  get needed(): number {
    return this.#needed;
  }

  write(chunk: Uint8Array, emit: (record: KsyObject) => void): void {
    if (this.#error !== undefined) throw this.#error;
    this.#append(chunk);
    this.#guard(() => this.#run(emit));
  }

  finish(emit: (record: KsyObject) => void): void {
    if (this.#error !== undefined) throw this.#error;
    this.#final = true;
    this.#io?.close();
    this.#guard(() => this.#run(emit));
  }

  #guard(step: () => void): void {
    try {
      step();
    } catch (e) {
      this.#error = e;
      throw e;
    }
  }

  #append(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.#end + n > this.#buffer.length) {
      // A new buffer: the old one stays as it is under the views already handed out.
      const held = this.#end - this.#start;
      const next = new Uint8Array(Math.max(MIN_BUFFER, 2 * (held + n)));
      next.set(this.#buffer.subarray(this.#start, this.#end));
      this.#buffer = next;
      this.#start = 0;
      this.#end = held;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += n;
    this.#io?.grow(this.#buffer.subarray(this.#start, this.#end));
  }

  #run(emit: (record: KsyObject) => void): void {
    for (;;) {
      if (this.#io === undefined) {
        if (this.#start === this.#end) {
          this.#needed = 0;
          return;
        }
        const read = this.#readers.read;
        if (read !== undefined) {
          const io = this.#stream();
          try {
            this.#complete(read(io), io, emit);
            continue;
          } catch (e) {
            if (!(e instanceof IncompleteError) || this.#final) throw e;
          }
        }
        // Cut short: from the record's start again, this time by the reader that waits.
        this.#io = this.#stream();
        this.#reading = this.#readers.stream(this.#io);
      }
      const io = this.#io;
      const step = this.#next();
      if (step === undefined) {
        this.#checkSize();
        return;
      }
      this.#complete(step, io, emit);
    }
  }

  /** The pending record's reader, one step on: the record, or undefined while it waits. */
  #next(): KsyObject | undefined {
    const reading = this.#reading as Generator<void, KsyObject>;
    try {
      const r = reading.next();
      if (r.done) return r.value;
      this.#needed = 1;
      return undefined;
    } catch (e) {
      if (!(e instanceof IncompleteError) || this.#final) throw e;
      // A construct that asks the stream's size or end (`_io.size`): read again once more is there.
      this.#io = undefined;
      this.#reading = undefined;
      this.#needed = e.needed;
      return undefined;
    }
  }

  #stream(): KsyStream {
    return new KsyStream(this.#buffer.subarray(this.#start, this.#end), this.#offset, !this.#final);
  }

  #checkSize(): void {
    if (this.#end - this.#start > this.#max)
      throw new LimitError('maxRecordBytes', `a record longer than ${this.#max} bytes`, {
        offset: this.#offset,
        expected: `at most ${this.#max} bytes (maxRecordBytes)`,
      });
  }

  #complete(record: KsyObject, io: KsyStream, emit: (record: KsyObject) => void): void {
    const length = io.pos;
    if (length === 0)
      throw new KsyDecodeError('EMPTY_RECORD', 'a record that reads no bytes (it would repeat for ever)', {
        offset: this.#offset,
      });
    io.close(length);
    this.#start += length;
    this.#offset += length;
    this.#io = undefined;
    this.#reading = undefined;
    this.#needed = 0;
    emit(record);
  }
}
