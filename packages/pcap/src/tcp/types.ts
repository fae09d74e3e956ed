/**
 * What TCP reassembly takes and gives: decoded segments in, per-connection events out. A segment is
 * what the layers decoder found in one packet (addresses, ports, sequence numbers as u32 numbers,
 * flags, a view of the payload); an event says what a connection's two byte streams gained.
 */
import type { TcpWarningCode } from '../errors.js';

/** The flags reassembly reads (others, such as URG or ECE, do not move the streams). */
export interface TcpFlags {
  readonly syn: boolean;
  readonly fin: boolean;
  readonly rst: boolean;
  readonly ack: boolean;
  readonly psh: boolean;
}

/** One TCP segment as decoded from a packet. */
export interface TcpSegment {
  /** The 1-based number of the capture packet holding it (tshark's frame.number). */
  readonly frame: number;
  /** The packet's time, nanoseconds since the epoch. */
  readonly timestamp: bigint;
  /** Source IP address, as text (IPv4 dotted, IPv6 in any textual form, compared as given). */
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** Sequence number, u32. */
  readonly seq: number;
  /** Acknowledgment number, u32 (read only when `flags.ack`). */
  readonly ack: number;
  readonly flags: TcpFlags;
  /** The payload: a view, kept (as a view) only while it is held out of order. */
  readonly payload: Uint8Array;
}

/** A direction of a connection: from the client to the server, or back. */
export type Direction = 'c2s' | 's2c';

/** A connection as reassembly names it. The same object is in every event of the connection. */
export interface TcpConnection {
  /**
   * 0, 1, 2 … in the order connections are first seen (a reused port pair is a new connection): as
   * tshark's tcp.stream numbers them, but that a RST alone on unknown endpoints opens none here.
   */
  readonly id: number;
  /** 'ip:port' of the client; IPv6 in brackets: '[::1]:50312'. */
  readonly client: string;
  readonly server: string;
  /** True when a SYN or SYN-ACK told the roles, false when they were inferred (see roles.ts). */
  readonly handshake: boolean;
  /** The frame and time of the first segment seen. */
  readonly frame: number;
  readonly timestamp: bigint;
}

/** FIN both ways, a RST, the table full, the end of the capture, or a new SYN on the endpoints. */
export type CloseReason = 'fin' | 'rst' | 'evicted' | 'end' | 'reused';

/**
 * An event of reassembly. `data` events of a direction come in stream order with no overlap; their
 * offsets, together with the `gap` events, cover the stream from 0 with nothing missing. Every byte
 * of a data event comes from the one frame `frame`: a consumer that needs the frame of any stream
 * offset records (offset, frame) per data event (see FrameIndex).
 */
export type TcpEvent =
  | { readonly type: 'open'; readonly connection: TcpConnection }
  | {
      readonly type: 'data';
      readonly connection: TcpConnection;
      readonly direction: Direction;
      /** The first byte's offset in the direction's stream (0 = the byte after the SYN, or the first seen). */
      readonly offset: number;
      /** A view of the segment's payload where possible. */
      readonly bytes: Uint8Array;
      readonly frame: number;
      readonly timestamp: bigint;
    }
  | {
      /** Bytes of the stream never seen: the stream goes on at offset + length. */
      readonly type: 'gap';
      readonly connection: TcpConnection;
      readonly direction: Direction;
      readonly offset: number;
      readonly length: number;
    }
  | {
      /** Bytes seen again (a retransmission): the first copy was kept. */
      readonly type: 'overlap';
      readonly connection: TcpConnection;
      readonly direction: Direction;
      readonly offset: number;
      readonly length: number;
      /** True when the new copy differs from the kept one where both are known (see `retainDelivered`). */
      readonly conflicting: boolean;
      readonly frame: number;
    }
  | {
      readonly type: 'close';
      readonly connection: TcpConnection;
      readonly reason: CloseReason;
      /** The frame of the segment that closed it (the last FIN, the RST, the new SYN); none for 'evicted' and 'end'. */
      readonly frame?: number;
    }
  | {
      readonly type: 'warning';
      readonly code: TcpWarningCode;
      readonly message: string;
      readonly frame: number;
      readonly connection: TcpConnection;
    };

export type TcpEmit = (event: TcpEvent) => void;
