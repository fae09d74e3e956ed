// Hand-built TCP segments for the reassembly tests: a client and a server, segments written as
// (sender, seq, payload, flags) with frame numbers counted as they are made, a reassembler run over
// them, and each direction's stream read back from the events (a gap shown as '?' bytes), checking
// on the way that data and gaps follow each other with no hole and no overlap.
import {
  type Direction,
  type TcpEvent,
  TcpReassembler,
  type TcpReassemblerOptions,
  type TcpSegment,
} from '@stride/pcap';

export interface Host {
  readonly ip: string;
  readonly port: number;
}

export const CLIENT: Host = { ip: '10.0.0.1', port: 50312 };
export const SERVER: Host = { ip: '10.0.0.2', port: 6379 };

/** Makes segments between two hosts, numbering frames 1, 2, 3 … (a counter Wires may share). */
export class Wire {
  constructor(
    readonly client: Host = CLIENT,
    readonly server: Host = SERVER,
    readonly frames = { last: 0 },
  ) {}

  /** A segment from the client ('c') or server ('s'); flags as letters: S, A, F, R, P. */
  seg(from: 'c' | 's', seq: number, payload: string | Uint8Array = '', flags = 'A', ack = 0): TcpSegment {
    const [a, b] = from === 'c' ? [this.client, this.server] : [this.server, this.client];
    const frame = ++this.frames.last;
    return {
      frame,
      timestamp: BigInt(frame) * 1_000_000n,
      src: a.ip,
      dst: b.ip,
      srcPort: a.port,
      dstPort: b.port,
      seq: seq >>> 0,
      ack,
      flags: {
        syn: flags.includes('S'),
        fin: flags.includes('F'),
        rst: flags.includes('R'),
        ack: flags.includes('A'),
        psh: flags.includes('P'),
      },
      payload: typeof payload === 'string' ? new Uint8Array(Buffer.from(payload, 'latin1')) : payload,
    };
  }
}

/** Every event of reassembling `segments` then finishing. */
export function run(segments: TcpSegment[], options?: TcpReassemblerOptions): TcpEvent[] {
  const reassembler = new TcpReassembler(options);
  const events: TcpEvent[] = [];
  for (const s of segments) reassembler.push(s, (e) => events.push(e));
  reassembler.finish((e) => events.push(e));
  return events;
}

/** A direction's stream as bytes, a gap's bytes as '?' (checks that data and gaps tile the stream). */
export function streamBytes(events: TcpEvent[], direction: Direction, id = 0): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (const e of events) {
    if ((e.type !== 'data' && e.type !== 'gap') || e.direction !== direction || e.connection.id !== id)
      continue;
    if (e.offset !== at) throw new Error(`${direction} ${e.type} at ${e.offset}, expected ${at}`);
    const bytes = e.type === 'data' ? Buffer.from(e.bytes) : Buffer.alloc(e.length, '?');
    parts.push(bytes);
    at += bytes.length;
  }
  return Buffer.concat(parts);
}

/** A direction's stream as text. */
export function stream(events: TcpEvent[], direction: Direction, id = 0): string {
  return streamBytes(events, direction, id).toString('latin1');
}

/** The events of one type. */
export function ofType<T extends TcpEvent['type']>(
  events: TcpEvent[],
  type: T,
): Extract<TcpEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TcpEvent, { type: T }> => e.type === type);
}
