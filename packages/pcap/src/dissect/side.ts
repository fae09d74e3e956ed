/**
 * One direction of a dissected connection: its reader (made when the first byte comes), the frame
 * and time of the stream's bytes the reader has not parsed past (a FrameIndex, and the frames'
 * times), and whether it stopped (a fault of the reader, or a gap). What it holds shrinks as the
 * reader parses: entries before the next message's first byte are dropped after every write.
 */
import { DecodeError } from '@stride/codec';
import type { Direction } from '../tcp/index.js';
import { FrameIndex } from '../tcp/index.js';
import type { DissectError, DissectedMessage, MessageReader } from './types.js';

export class Side {
  #reader: MessageReader<unknown> | undefined;
  readonly #frames = new FrameIndex();
  /** The time of each frame the index still holds, in the order they came. */
  readonly #times = new Map<number, bigint>();
  #stopped = false;

  constructor(
    readonly dir: Direction,
    /** Makes the reader (the protocol's, with the connection's shared context). */
    readonly open: () => MessageReader<unknown>,
    /** A message's type name. */
    readonly typeOf: (message: unknown) => string,
  ) {}

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Bytes at `offset` of the stream, from `frame` at `time`: each message they complete to `message`. */
  data(
    offset: number,
    bytes: Uint8Array,
    frame: number,
    time: bigint,
    message: (m: DissectedMessage) => void,
    error: (e: DissectError) => void,
  ): void {
    if (this.#stopped) return;
    this.#frames.add(offset, frame);
    if (!this.#times.has(frame)) this.#times.set(frame, time);
    this.#reader ??= this.open();
    this.#run((reader, emit) => reader.write(bytes, emit), message, error);
    this.#forget();
  }

  /** Bytes never captured at `offset`: the direction stops (its readers cannot resynchronise). */
  gap(offset: number, length: number, error: (e: DissectError) => void): void {
    if (this.#stopped) return;
    this.#stopped = true;
    const cut = (this.#reader?.buffered ?? 0) > 0 ? `, inside the message at ${this.#reader?.offset}` : '';
    error({
      dir: this.dir,
      code: 'GAP',
      offset,
      message: `${length} bytes missing at ${offset}${cut}: the rest of this direction is not dissected`,
    });
  }

  /** The stream is over: what the reader still holds is settled (a message cut short is an error). */
  finish(message: (m: DissectedMessage) => void, error: (e: DissectError) => void): void {
    if (this.#stopped || this.#reader === undefined) return;
    this.#run((reader, emit) => reader.finish(emit), message, error);
    this.#stopped = true;
  }

  #run(
    step: (reader: MessageReader<unknown>, emit: (m: unknown) => void) => void,
    message: (m: DissectedMessage) => void,
    error: (e: DissectError) => void,
  ): void {
    const reader = this.#reader as MessageReader<unknown>;
    const emit = (m: unknown): void => {
      const offset = reader.messageOffset;
      const frame = this.#frames.frameAt(offset) ?? 0;
      const time = this.#times.get(frame) ?? 0n;
      message({ dir: this.dir, offset, frame, time, type: this.typeOf(m), message: m });
    };
    try {
      step(reader, emit);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.#stopped = true;
      error({ dir: this.dir, code: e.code, offset: e.offset, message: e.message });
    }
  }

  /** Drops the frames (and times) of the bytes before the reader's next message. */
  #forget(): void {
    if (this.#stopped) {
      this.#times.clear();
      return;
    }
    const next = (this.#reader as MessageReader<unknown>).offset;
    this.#frames.discardBefore(next);
    const keep = this.#frames.frameAt(next);
    if (keep === undefined) return;
    for (const frame of this.#times.keys()) {
      if (frame === keep) break;
      this.#times.delete(frame);
    }
  }
}
