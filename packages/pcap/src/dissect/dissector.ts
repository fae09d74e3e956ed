/**
 * The Dissector: capture bytes in, protocol messages out, for any registered protocols. A
 * ByteStreamParser over the capture file's bytes (pcap or pcapng, in any pieces): each packet is
 * decoded (IPv4 fragments reassembled first), its TCP segment reassembled per connection, and each
 * connection's two directions handed to the protocol chosen for it (choose.ts), one reader each.
 * It emits, per connection, `open` (with the protocol, or null: the connection is followed but not
 * read), every message as it completes, the errors that stop a direction, and `close`.
 *
 * Gaps: bytes of a direction never captured stop that direction with a `GAP` error (none of the
 * protocols here can find a message boundary again in the middle of a stream; the other direction
 * goes on). A reader's fault (a DecodeError) stops its direction the same way, with its code.
 *
 * Bounds: what is held is the capture reader's record, the TCP reassembler's out-of-order bytes
 * (its options), each reader's message in progress (its own bounds) and, per direction, the frames
 * of the bytes not yet parsed. Messages are emitted, not kept (see collect.ts to keep them).
 */
import type { ByteStreamParser } from '@stride/codec';
import { CaptureReader, type CaptureReaderOptions, type CaptureRecord } from '../file/index.js';
import {
  decodePacket,
  Ipv4Reassembler,
  type Ipv4ReassemblerOptions,
  LinkType,
  type Packet,
  type ReassemblyEvent,
} from '../layers/index.js';
import {
  type Direction,
  segmentOf,
  type TcpConnection,
  type TcpEvent,
  TcpReassembler,
  type TcpReassemblerOptions,
} from '../tcp/index.js';
import { checkRules, chooseProtocol, type DecodeRule } from './choose.js';
import { Side } from './side.js';
import type { AnyProtocol, DissectEmit, DissectError, DissectEvent, DissectedMessage } from './types.js';

export interface DissectorOptions {
  /** The protocols connections may be read as (for PostgreSQL, Redis and MQTT: `@stride/pcap/protocols`). */
  readonly protocols: readonly AnyProtocol[];
  /** Ports read as a protocol whatever its default ports (`tcp.port==N,NAME`, see parseDecodeRule). */
  readonly decode?: readonly DecodeRule[];
  readonly capture?: CaptureReaderOptions;
  readonly tcp?: Omit<TcpReassemblerOptions, 'serverPorts'>;
  readonly ipv4?: Ipv4ReassemblerOptions;
}

/** A connection being dissected: its protocol, its two directions (none without a protocol), where their messages and errors go. */
interface Dissected {
  readonly connection: TcpConnection;
  readonly protocol: AnyProtocol | null;
  readonly sides: Readonly<Record<Direction, Side>> | undefined;
  readonly message: (message: DissectedMessage) => void;
  readonly error: (error: DissectError) => void;
}

export class Dissector implements ByteStreamParser<DissectEvent> {
  readonly #capture: CaptureReader;
  readonly #ipv4: Ipv4Reassembler;
  readonly #tcp: TcpReassembler;
  readonly #protocols: readonly AnyProtocol[];
  readonly #rules: readonly DecodeRule[];
  readonly #open = new Map<number, Dissected>();
  #emit: DissectEmit = () => {};

  constructor(options: DissectorOptions) {
    this.#protocols = options.protocols;
    this.#rules = options.decode ?? [];
    checkRules(this.#protocols, this.#rules);
    this.#capture = new CaptureReader(options.capture);
    this.#ipv4 = new Ipv4Reassembler(options.ipv4);
    // Ports that name a protocol are servers' when no SYN says which end is the client.
    const serverPorts = [...this.#protocols.flatMap((p) => p.ports), ...this.#rules.map((r) => r.port)];
    this.#tcp = new TcpReassembler({ ...options.tcp, serverPorts });
  }

  /** The capture file's offset of its next record. */
  get offset(): number {
    return this.#capture.offset;
  }

  get buffered(): number {
    return this.#capture.buffered;
  }

  get needed(): number {
    return this.#capture.needed;
  }

  /** Connections being dissected now. */
  get connections(): number {
    return this.#open.size;
  }

  /** Capture bytes; the capture reader's errors (PcapError) are thrown after everything before them. */
  write(chunk: Uint8Array, emit: DissectEmit): void {
    this.#emit = emit;
    this.#capture.write(chunk, this.#record);
  }

  /** The end of the capture: every connection is settled and closed. */
  finish(emit: DissectEmit): void {
    this.#emit = emit;
    this.#capture.finish(this.#record);
    this.#ipv4.finish(() => {});
    this.#tcp.finish(this.#tcpEvent);
  }

  readonly #record = (record: CaptureRecord): void => {
    if (record.type !== 'packet') return;
    const packet = decodePacket(record.linkType, record.data);
    if (packet.network?.type === 'ipv4' && packet.network.fragmented) {
      this.#ipv4.push(packet, record.timestamp, (e: ReassemblyEvent) => {
        if (e.type === 'datagram') this.#segment(decodePacket(LinkType.IPV4, e.data), record);
      });
    } else this.#segment(packet, record);
  };

  #segment(packet: Packet, record: CaptureRecord & { type: 'packet' }): void {
    const segment = segmentOf(packet, record.frame, record.timestamp);
    if (segment !== undefined) this.#tcp.push(segment, this.#tcpEvent);
  }

  readonly #tcpEvent = (event: TcpEvent): void => {
    switch (event.type) {
      case 'open':
        this.#start(event.connection);
        return;
      case 'data': {
        const d = this.#open.get(event.connection.id);
        d?.sides?.[event.direction].data(
          event.offset,
          event.bytes,
          event.frame,
          event.timestamp,
          d.message,
          d.error,
        );
        return;
      }
      case 'gap': {
        const d = this.#open.get(event.connection.id);
        if (d !== undefined) d.sides?.[event.direction].gap(event.offset, event.length, d.error);
        return;
      }
      case 'close':
        this.#close(event.connection);
        return;
      default:
        // Overlaps (the first copy was kept) and warnings do not change what is dissected.
        return;
    }
  };

  #start(connection: TcpConnection): void {
    const protocol = chooseProtocol(connection, this.#protocols, this.#rules);
    let sides: Dissected['sides'];
    if (protocol !== null) {
      const context = protocol.context(connection);
      const side = (dir: Direction) =>
        new Side(
          dir,
          () => protocol.reader(dir, context),
          (m) => protocol.type(m),
        );
      sides = { c2s: side('c2s'), s2c: side('s2c') };
    }
    const d: Dissected = {
      connection,
      protocol,
      sides,
      message: (message) =>
        this.#emit({ type: 'message', connection, protocol: protocol as AnyProtocol, message }),
      error: (error) => this.#emit({ type: 'error', connection, error }),
    };
    this.#open.set(connection.id, d);
    this.#emit({ type: 'open', connection, protocol });
  }

  #close(connection: TcpConnection): void {
    const d = this.#open.get(connection.id);
    if (d === undefined) return;
    this.#open.delete(connection.id);
    // The client's side first: a server's reader may wait on what the client's says (MQTT's version).
    d.sides?.c2s.finish(d.message, d.error);
    d.sides?.s2c.finish(d.message, d.error);
    this.#emit({ type: 'close', connection });
  }
}
