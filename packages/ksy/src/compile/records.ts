/**
 * A description's records read from a chunk stream: Stride's one streaming shape
 * (`ByteStreamParser`) over a type's generated readers. The records are the top type, one after
 * another; or, when the top type's last field is a `repeat: eos` (a file that is a header and a run
 * of records), the fields before it (the head) and then its items.
 *
 * Each record is read once, however its bytes were cut: it is first read by the plain reader over
 * what has arrived (most records lie in one chunk); if that runs out, by the streaming reader, a
 * generator that waits where the bytes end and goes on from there when more come. The bytes are
 * copied into a buffer that only grows at its end: decoded byte arrays are views of it, never
 * overwritten (a full buffer is replaced, not reused). When a record ends, its stream is cut to its
 * bytes, so positional instances read lazily later see the record's bytes and no more. A record
 * larger than `maxRecordBytes` is refused before it is held.
 */
import { type ByteStreamParser, LimitError } from '@stride/codec';
import { KsyDecodeError } from '../errors.js';
import { KsyStream, Short } from '../runtime/stream.js';
import type { KsyObject } from './load.js';

export interface KsyRecordsOptions {
  /**
   * When the top type's last field is a `repeat: eos`: its items are the records (true, the
   * default), or the top object is, as one record that ends with the input (false).
   */
  readonly items?: boolean;
  /** The largest record held (default 64 MiB): past it, a LimitError. */
  readonly maxRecordBytes?: number;
}

/**
 * The readers of the record type, as the loader made them: made once per format, not per reader, so
 * that the hot loops calling them see one target however many readers (connections) there are.
 * `parent` is the items' parent (the head, once read), which the record reader keeps.
 */
export interface RecordReaders {
  /** Reads a record from a stream (a plain reader: a Short where an open stream runs out), if there is one. */
  readonly read?: (io: KsyStream, index: number, parent: KsyObject | undefined) => KsyObject;
  /** The same as a generator that waits at the end of an open stream's bytes. */
  readonly stream: (
    io: KsyStream,
    index: number,
    parent: KsyObject | undefined,
  ) => Generator<void, KsyObject>;
  /**
   * The size of every record, when its type has a fixed one: a chunk's tail shorter than that is
   * held without a read that would fall short (a Short thrown per chunk, a waiting reader made).
   */
  readonly size?: number | undefined;
  /**
   * True when no record looks at its stream (no `_io`, no positional instance): the records of a
   * chunk then share one stream, none cut to its own bytes.
   */
  readonly shared?: boolean;
  /**
   * The readers of a first record that is not like the others: the fields of a top type before its
   * `repeat: eos` (a file's header), after which the readers above read its items.
   */
  readonly head?: Pick<RecordReaders, 'read' | 'stream' | 'size'>;
}

const MIN_BUFFER = 64 * 1024;

export class KsyRecordReader implements ByteStreamParser<KsyObject> {
  readonly #readers: RecordReaders;
  /** The readers of the next record: the head's, then the items'. */
  #current: Pick<RecordReaders, 'read' | 'stream' | 'size'>;
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
  /** The pending record asked what only the end of the input answers (`_io.size`): not read again before. */
  #waitsForEnd = false;
  /** Records emitted (an item's `_index`). */
  #count = 0;
  /** The items' parent: the head once read, or the one given. */
  #parent: KsyObject | undefined;
  #error: unknown;

  constructor(readers: RecordReaders, options: KsyRecordsOptions = {}, parent?: KsyObject) {
    this.#readers = readers;
    this.#parent = parent;
    this.#current = readers.head ?? readers;
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

  write(input: Uint8Array, emit: (record: KsyObject) => void): void {
    if (this.#error !== undefined) throw this.#error;
    // A plain Uint8Array over the same memory: a Buffer's subarray is several times slower.
    const chunk = new Uint8Array(input.buffer, input.byteOffset, input.length);
    this.#guard(() => {
      const rest =
        this.#reading === undefined && this.#start === this.#end ? this.#direct(chunk, emit) : chunk;
      this.#append(rest);
      this.#run(emit);
    });
  }

  /**
   * With nothing pending: the records that lie whole in `chunk`, read straight from it (their byte
   * arrays are views of it, as codec's StreamDecoder gives); the rest, a record cut short, to hold.
   * Each record reads a window of one stream over the chunk; records that never look at their
   * stream all read that stream.
   */
  #direct(chunk: Uint8Array, emit: (record: KsyObject) => void): Uint8Array {
    // One DataView for the chunk, which the records' windows share.
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    const whole = new KsyStream(chunk, this.#offset, true, view);
    let at = 0;
    while (at < chunk.length) {
      const read = this.#current.read;
      if (read === undefined || chunk.length - at < this.#least()) break;
      if (this.#readers.shared && this.#current === this.#readers) {
        whole.pos = at;
        at = this.#directShared(whole, read, emit);
        break;
      }
      const io = whole.window(at, chunk.length - at, true);
      let record: KsyObject;
      try {
        record = read(io, this.#count, this.#parent);
      } catch (e) {
        if (e instanceof Short) break;
        throw e;
      }
      this.#complete(record, io, emit);
      at += io.pos;
    }
    return chunk.subarray(at);
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
    if (this.#waitsForEnd && !this.#final) {
      this.#checkSize();
      return;
    }
    for (;;) {
      if (this.#io === undefined) {
        if (this.#start === this.#end) {
          this.#needed = 0;
          return;
        }
        if (this.#current.read !== undefined) {
          // The records whole in the buffer, read as from a chunk; then the one cut short, if any.
          const rest = this.#final
            ? this.#finalRecord(emit)
            : this.#direct(this.#buffer.subarray(this.#start, this.#end), emit);
          this.#start = this.#end - rest.length;
          if (rest.length === 0 || this.#final) continue;
        }
        // Fewer bytes than a record of a fixed size: wait for them (then read by the plain reader).
        const held = this.#end - this.#start;
        if (!this.#final && held < this.#least()) {
          this.#needed = this.#least() - held;
          this.#checkSize();
          return;
        }
        // Cut short: from the record's start again, this time by the reader that waits.
        this.#io = this.#stream();
        this.#reading = this.#current.stream(this.#io, this.#count, this.#parent);
      }
      const io = this.#io;
      const step = this.#next();
      if (step === undefined) {
        this.#checkSize();
        return;
      }
      this.#start += io.pos;
      this.#complete(step, io, emit);
    }
  }

  /** At the end of the input: the record the buffer holds, read from a closed stream (its faults are final). */
  #finalRecord(emit: (record: KsyObject) => void): Uint8Array {
    const held = this.#buffer.subarray(this.#start, this.#end);
    const io = new KsyStream(held, this.#offset);
    const read = this.#current.read as NonNullable<RecordReaders['read']>;
    this.#complete(read(io, this.#count, this.#parent), io, emit);
    return held.subarray(io.pos);
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
      if (!(e instanceof Short) || this.#final) throw e;
      // A construct that asks the stream's size (`_io.size`): read again from the record's start,
      // at the end of the input (not on every chunk before it: that would not be linear).
      this.#io = undefined;
      this.#reading = undefined;
      this.#waitsForEnd = e === Short.END;
      this.#needed = this.#waitsForEnd ? 1 : e.needed;
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

  /** #direct for records that never look at their stream: one stream for the whole chunk, from its `pos`; where they end. */
  #directShared(
    io: KsyStream,
    read: NonNullable<RecordReaders['read']>,
    emit: (record: KsyObject) => void,
  ): number {
    const end = io.length;
    const parent = this.#parent;
    let at = io.pos;
    const least = Math.max(1, this.#least());
    while (end - at >= least) {
      let record: KsyObject;
      try {
        record = read(io, this.#count, parent);
      } catch (e) {
        if (e instanceof Short) break;
        throw e;
      }
      const length = io.pos - at;
      if (length === 0) this.#empty();
      at = io.pos;
      this.#offset += length;
      this.#next_(record);
      emit(record);
    }
    io.close();
    return at;
  }

  /** The bytes the next record takes at least: its fixed size, if its type has one (else 0). */
  #least(): number {
    return this.#current.size ?? 0;
  }

  /** After `record`: the next one's index; after the head, the items' readers (counted from 0) and parent. */
  #next_(record: KsyObject): void {
    if (this.#current === this.#readers) this.#count++;
    else {
      this.#current = this.#readers;
      this.#parent = record;
      this.#count = 0;
    }
  }

  #empty(): never {
    throw new KsyDecodeError('EMPTY_RECORD', 'a record that reads no bytes (it would repeat for ever)', {
      offset: this.#offset,
    });
  }

  #complete(record: KsyObject, io: KsyStream, emit: (record: KsyObject) => void): void {
    const length = io.pos;
    if (length === 0) this.#empty();
    io.close(length);
    this.#offset += length;
    this.#next_(record);
    this.#io = undefined;
    this.#reading = undefined;
    this.#needed = 0;
    this.#waitsForEnd = false;
    emit(record);
  }
}
