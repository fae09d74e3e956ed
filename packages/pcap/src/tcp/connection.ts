/**
 * One TCP connection: its names (client, server), its two directions, and its end. It closes when
 * both directions are finished (FIN both ways), on a RST, when a new SYN reuses its endpoints, or
 * when the reassembler evicts it or the capture ends; what is held out of order is flushed first
 * (holes as gaps), so a connection's data, gaps and overlaps all come before its `close`.
 */
import type { ResolvedOptions } from './options.js';
import { HalfStream } from './stream.js';
import type { CloseReason, TcpConnection, TcpEmit, TcpSegment } from './types.js';

export class Connection {
  readonly info: TcpConnection;
  readonly #c2s: HalfStream;
  readonly #s2c: HalfStream;
  /** The client's address and port, to tell a segment's direction without making strings. */
  readonly #clientIp: string;
  readonly #clientPort: number;
  #closed = false;

  constructor(info: TcpConnection, clientIp: string, clientPort: number, options: ResolvedOptions) {
    this.info = info;
    this.#clientIp = clientIp;
    this.#clientPort = clientPort;
    this.#c2s = new HalfStream(info, 'c2s', options);
    this.#s2c = new HalfStream(info, 's2c', options);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** True when `segment` is a SYN (not SYN-ACK) opening a new connection on these endpoints. */
  startsAnew(segment: TcpSegment): boolean {
    const { syn, ack } = segment.flags;
    return syn && !ack && this.#streamOf(segment).isNewSyn(segment.seq);
  }

  /** A segment of this connection. */
  push(segment: TcpSegment, emit: TcpEmit): void {
    if (segment.flags.rst) {
      this.close('rst', emit, segment.frame);
      return;
    }
    this.#streamOf(segment).receive(segment, emit);
    if (this.#c2s.finished && this.#s2c.finished) this.close('fin', emit, segment.frame);
  }

  #streamOf(segment: TcpSegment): HalfStream {
    const fromClient = segment.srcPort === this.#clientPort && segment.src === this.#clientIp;
    return fromClient ? this.#c2s : this.#s2c;
  }

  /** Flushes both directions and emits `close` (once). */
  close(reason: CloseReason, emit: TcpEmit, frame?: number): void {
    if (this.#closed) return;
    this.#c2s.flush(emit);
    this.#s2c.flush(emit);
    this.#closed = true;
    emit(
      frame === undefined
        ? { type: 'close', connection: this.info, reason }
        : { type: 'close', connection: this.info, reason, frame },
    );
  }
}
