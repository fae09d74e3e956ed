/**
 * One direction of a connection reassembled: segments in, in any order, data events out in stream
 * order. Offsets count from the byte after the SYN (or from the first segment with data seen, for a
 * connection that began before the capture). A segment before the next expected byte is a
 * retransmission (an overlap; a keep-alive probe, one byte at next-1, is dropped silently); one
 * after it waits in `held` for the hole to fill, until the held bytes pass the bound and the oldest
 * hole becomes a gap. The FIN takes the sequence number after the last byte; the direction is
 * finished once the bytes before it are all delivered or reported missing.
 */

import { TcpWarningCode } from '../errors.js';
import { DeliveredTail } from './delivered-tail.js';
import { type HeldPiece, HeldPieces } from './held.js';
import type { ResolvedOptions } from './options.js';
import { seqAdd, seqDistance } from './sequence.js';
import type { Direction, TcpConnection, TcpEmit, TcpSegment } from './types.js';

export class HalfStream {
  readonly #connection: TcpConnection;
  readonly #direction: Direction;
  readonly #options: ResolvedOptions;
  /** The sequence number of offset 0, once the first segment has placed the stream. */
  #base: number | undefined;
  /** The SYN's sequence number, when a SYN placed the stream. */
  #isn: number | undefined;
  /** The offset of the next byte to deliver. */
  #next = 0;
  #fin: number | undefined;
  #finished = false;
  readonly #held = new HeldPieces();
  readonly #tail: DeliveredTail;

  constructor(connection: TcpConnection, direction: Direction, options: ResolvedOptions) {
    this.#connection = connection;
    this.#direction = direction;
    this.#options = options;
    this.#tail = new DeliveredTail(options.retainDelivered);
  }

  /** True once everything up to the FIN is delivered or reported as a gap. */
  get finished(): boolean {
    return this.#finished;
  }

  /**
   * True when a SYN with `seq` cannot belong to this direction: the stream is placed already and by
   * no SYN, or by one with another sequence number (a port pair reused, its close never seen).
   */
  isNewSyn(seq: number): boolean {
    return this.#base !== undefined && this.#isn !== seq;
  }

  /** A segment sent in this direction (RST is the connection's business, not this). */
  receive(segment: TcpSegment, emit: TcpEmit): void {
    const { flags, frame } = segment;
    let bytes = segment.payload;
    if (this.#base === undefined) {
      // A pure ACK does not place the stream: a keep-alive's is one below the next byte.
      if (!flags.syn && !flags.fin && bytes.length === 0) return;
      this.#base = flags.syn ? seqAdd(segment.seq, 1) : segment.seq;
      if (flags.syn) this.#isn = segment.seq;
    }
    const seq = flags.syn ? seqAdd(segment.seq, 1) : segment.seq;
    const distance = seqDistance(seq, this.#base, this.#next);
    if (distance > this.#options.maxGap) {
      if (bytes.length > 0 || flags.fin)
        this.#warn(
          emit,
          TcpWarningCode.SEGMENT_OUT_OF_WINDOW,
          `seq ${seq} is ${distance} bytes ahead`,
          frame,
        );
      return;
    }
    let offset = this.#next + distance;
    if (offset < 0) {
      const before = Math.min(-offset, bytes.length);
      if (before > 0)
        this.#warn(emit, TcpWarningCode.SEGMENT_BEFORE_START, `${before} bytes before the stream`, frame);
      if (offset + bytes.length < 0) return;
      bytes = bytes.subarray(-offset);
      offset = 0;
    }
    if (flags.fin) this.#finAt(offset + bytes.length);
    const fin = this.#fin;
    if (fin !== undefined && offset + bytes.length > fin) {
      const after = offset + bytes.length - Math.max(offset, fin);
      this.#warn(emit, TcpWarningCode.DATA_AFTER_FIN, `${after} bytes past the FIN`, frame);
      bytes = bytes.subarray(0, Math.max(0, fin - offset));
    }
    if (bytes.length > 0) this.#place(offset, bytes, segment, emit);
    this.#bound(emit, frame);
    this.#checkFin();
  }

  /** The end of the capture, a RST or an eviction: the holes become gaps, the held bytes data. */
  flush(emit: TcpEmit): void {
    for (let first = this.#held.first(); first !== undefined; first = this.#held.first()) {
      this.#gap(first.offset - this.#next, emit);
      this.#drain(emit);
    }
    if (this.#fin !== undefined && this.#next < this.#fin) this.#gap(this.#fin - this.#next, emit);
    this.#checkFin();
  }

  #finAt(offset: number): void {
    if (this.#fin === undefined && offset >= this.#next) this.#fin = offset;
  }

  #checkFin(): void {
    if (this.#fin !== undefined && this.#next === this.#fin) this.#finished = true;
  }

  #place(offset: number, bytes: Uint8Array, segment: TcpSegment, emit: TcpEmit): void {
    const next = this.#next;
    const { frame, timestamp } = segment;
    if (offset < next) {
      if (bytes.length === 1 && offset === next - 1 && !segment.flags.syn && !segment.flags.fin) return;
      const length = Math.min(next - offset, bytes.length);
      const conflicting = this.#tail.differs(offset, bytes.subarray(0, length));
      emit({
        type: 'overlap',
        connection: this.#connection,
        direction: this.#direction,
        offset,
        length,
        conflicting,
        frame,
      });
      bytes = bytes.subarray(length);
      offset = next;
      if (bytes.length === 0) return;
    }
    if (offset === next && this.#held.first() === undefined) {
      this.#deliver(offset, bytes, frame, timestamp, emit);
      return;
    }
    this.#held.add({ offset, bytes, frame, timestamp }, (o) =>
      emit({ type: 'overlap', connection: this.#connection, direction: this.#direction, ...o, frame }),
    );
    this.#drain(emit);
  }

  /** Delivers the held pieces that now follow the stream's end. */
  #drain(emit: TcpEmit): void {
    for (let first = this.#held.first(); first?.offset === this.#next; first = this.#held.first()) {
      this.#held.shift();
      this.#deliver(first.offset, first.bytes, first.frame, first.timestamp, emit);
    }
  }

  /** Past the bound (bytes and a cost per piece held), the oldest hole becomes a gap and what follows it data. */
  #bound(emit: TcpEmit, frame: number): void {
    while (this.#held.cost > this.#options.maxBufferedPerDirection) {
      const first = this.#held.first() as HeldPiece;
      const length = first.offset - this.#next;
      const message = `${this.#held.bytes} out-of-order bytes held: ${length} missing bytes at ${this.#next} given up`;
      this.#warn(emit, TcpWarningCode.BUFFER_FULL, message, frame);
      this.#gap(length, emit);
      this.#drain(emit);
    }
  }

  #deliver(offset: number, bytes: Uint8Array, frame: number, timestamp: bigint, emit: TcpEmit): void {
    emit({
      type: 'data',
      connection: this.#connection,
      direction: this.#direction,
      offset,
      bytes,
      frame,
      timestamp,
    });
    this.#tail.append(bytes);
    this.#next += bytes.length;
  }

  #gap(length: number, emit: TcpEmit): void {
    emit({
      type: 'gap',
      connection: this.#connection,
      direction: this.#direction,
      offset: this.#next,
      length,
    });
    this.#tail.skip(length);
    this.#next += length;
  }

  #warn(emit: TcpEmit, code: TcpWarningCode, detail: string, frame: number): void {
    const message = `${this.#connection.client} ${this.#direction}: ${detail}`;
    emit({ type: 'warning', code, message, frame, connection: this.#connection });
  }
}
