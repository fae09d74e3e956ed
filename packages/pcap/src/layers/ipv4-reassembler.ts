/**
 * IPv4 fragment reassembly (RFC 791 §3.2), bounded: at most `maxDatagrams` datagrams held, each at
 * most `maxBytes`, each for at most `timeout` of capture time; overlapping fragments keep the first
 * copy. Every datagram given up is a `drop` event with its code, so nothing is held without bound
 * and nothing is lost silently.
 *
 *   const reassembler = new Ipv4Reassembler();
 *   const packet = decodePacket(linkType, data);
 *   if (packet.network?.type === 'ipv4' && packet.network.fragmented) reassembler.push(packet, timestamp, emit);
 *   // emit({ type: 'datagram', data }): decodePacket(LinkType.IPV4, data) has the transport layer.
 */
import { complement, sumWords } from './checksum.js';
import { FragmentPieces } from './fragment-pieces.js';
import { type Ipv4ReassemblerOptions, ReassemblyDropCode, type ReassemblyEmit } from './reassembly-events.js';
import type { Packet } from './types.js';

interface Datagram {
  readonly key: string;
  readonly first: bigint;
  readonly pieces: FragmentPieces;
  /** A copy of the header of the fragment at offset 0, once it came. */
  header: Uint8Array | undefined;
  /** The data's length, once the last fragment came. */
  end: number | undefined;
  fragments: number;
}

export class Ipv4Reassembler {
  readonly #maxDatagrams: number;
  readonly #maxBytes: number;
  readonly #timeout: bigint;
  /** By key, oldest first. */
  readonly #held = new Map<string, Datagram>();

  constructor(options: Ipv4ReassemblerOptions = {}) {
    this.#maxDatagrams = options.maxDatagrams ?? 1024;
    this.#maxBytes = options.maxBytes ?? 65_535;
    this.#timeout = options.timeout ?? 30_000_000_000n;
    if (!(Number.isInteger(this.#maxDatagrams) && this.#maxDatagrams >= 1))
      throw new RangeError(
        `Ipv4Reassembler: maxDatagrams must be a positive integer, got ${this.#maxDatagrams}`,
      );
    if (!(Number.isInteger(this.#maxBytes) && this.#maxBytes >= 28 && this.#maxBytes <= 65_535))
      throw new RangeError(
        `Ipv4Reassembler: maxBytes must be an integer in [28, 65535], got ${this.#maxBytes}`,
      );
  }

  /** Datagrams waiting for fragments. */
  get pending(): number {
    return this.#held.size;
  }

  /** Adds a fragment (a decoded packet whose IPv4 layer is `fragmented`) captured at `timestamp` (ns). */
  push(packet: Packet, timestamp: bigint, emit: ReassemblyEmit): void {
    const ip = packet.network;
    if (ip?.type !== 'ipv4' || !ip.fragmented)
      throw new TypeError('Ipv4Reassembler.push: not an IPv4 fragment');
    this.#expire(timestamp, emit);
    const h = ip.header;
    const key = `${h.src}>${h.dst}/${h.protocol}/${h.identification}`;
    const start = h.fragment.offset * 8;
    const data = packet.payload;
    const end = start + data.length;
    const last = !h.fragment.moreFragments;
    const fault = this.#fault(ip.headerLength + end, last, data.length);
    if (fault !== undefined) {
      this.#drop(key, fault[0], fault[1], emit);
      return;
    }
    const d = this.#datagram(key, timestamp, emit);
    if (last ? (d.end ?? end) !== end || d.pieces.end > end : end > (d.end ?? end)) {
      const message = `a fragment ending at ${end}, the datagram at ${d.end ?? d.pieces.end}`;
      this.#drop(key, ReassemblyDropCode.INCONSISTENT_END, message, emit);
      return;
    }
    if (last) d.end = end;
    if (start === 0 && d.header === undefined)
      d.header = packet.data.slice(ip.offset, ip.offset + ip.headerLength);
    const { overlaps, added } = d.pieces.add(start, data);
    for (const o of overlaps) emit({ type: 'overlap', key, ...o });
    if (added) d.fragments++;
    if (d.end === undefined || d.header === undefined) return;
    const whole = d.pieces.whole(d.end);
    if (whole === undefined) return;
    this.#held.delete(key);
    emit({ type: 'datagram', key, data: assemble(d.header, whole), fragments: d.fragments });
  }

  /** The input is over: every datagram still held is dropped as INCOMPLETE. */
  finish(emit: ReassemblyEmit): void {
    for (const key of [...this.#held.keys()])
      this.#drop(key, ReassemblyDropCode.INCOMPLETE, 'the capture ended before its last fragment', emit);
  }

  /** Why a fragment reaching `bytes` (header and data) with `length` bytes of data is refused, if it is. */
  #fault(bytes: number, last: boolean, length: number): [ReassemblyDropCode, string] | undefined {
    if (bytes > this.#maxBytes)
      return [ReassemblyDropCode.TOO_LARGE, `${bytes} bytes, past maxBytes ${this.#maxBytes}`];
    if (!last && length % 8 !== 0)
      return [ReassemblyDropCode.BAD_FRAGMENT, `a fragment of ${length} bytes, not a multiple of 8`];
    return undefined;
  }

  #datagram(key: string, timestamp: bigint, emit: ReassemblyEmit): Datagram {
    const found = this.#held.get(key);
    if (found !== undefined) return found;
    if (this.#held.size >= this.#maxDatagrams) {
      const oldest = this.#held.keys().next().value as string;
      this.#drop(
        oldest,
        ReassemblyDropCode.EVICTED,
        `more than maxDatagrams (${this.#maxDatagrams}) held`,
        emit,
      );
    }
    const d: Datagram = {
      key,
      first: timestamp,
      pieces: new FragmentPieces(),
      header: undefined,
      end: undefined,
      fragments: 0,
    };
    this.#held.set(key, d);
    return d;
  }

  /** Drops the datagrams whose first fragment is more than `timeout` before `now` (oldest first). */
  #expire(now: bigint, emit: ReassemblyEmit): void {
    for (const d of this.#held.values()) {
      if (now - d.first <= this.#timeout) break;
      this.#drop(
        d.key,
        ReassemblyDropCode.TIMEOUT,
        `incomplete ${now - d.first} ns after its first fragment`,
        emit,
      );
    }
  }

  #drop(key: string, code: ReassemblyDropCode, message: string, emit: ReassemblyEmit): void {
    this.#held.delete(key);
    emit({ type: 'drop', key, code, message });
  }
}

/** The first fragment's header, rewritten for the whole datagram, then its data. */
function assemble(header: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  const total = out.length;
  out[2] = total >> 8;
  out[3] = total & 255;
  out[6] = (header[6] as number) & 0x40; // DF kept; MF and the offset cleared
  out[7] = 0;
  out[10] = 0;
  out[11] = 0;
  const sum = complement(sumWords(out, 0, header.length));
  out[10] = sum >> 8;
  out[11] = sum & 255;
  return out;
}
