// bench/workloads/pcap-capture.ts: the pcap suite's input, a generated capture of small TCP segments
// written to two files (pcapng and pcap, the same packets), the hand-written header decoder the npm
// readers are given (they read records only), and the tally every contestant's output is checked by.
//
//   captureFiles()  about 200 MB of pcapng (PACKETS packets; the pcap file is smaller, 16 B of record
//                   header against the EPB's 32 and padding): Ethernet / IPv4 / TCP, CONNECTIONS
//                   connections from 10.1.x.y to 10.0.0.1:6379, each opened by a handshake (SYN,
//                   SYN-ACK, ACK), then segments in either direction with payloads of 0..200 B (random
//                   bytes; a fifth of them pure ACKs), sequence numbers advancing per direction, IPv4
//                   and TCP checksums right, timestamps 1..1000 µs apart. pcapng: one section (little
//                   endian), one interface (Ethernet, no options: microseconds), Enhanced Packet
//                   Blocks with no options. pcap: little endian, microseconds, snap length 65535.
//                   Written by hand here (not by @stride/pcap's CaptureWriter: the reference trusts
//                   none of the contestants), from a fixed seed, into os.tmpdir() once per run (the
//                   files are removed at exit).
//   Traffic         the generator's connections, handshakes, frames and pcapng blocks, which
//                   ./pcap-redis.ts drives with Redis commands and replies for the dissect workload.
//
// The tally: packets, captured bytes, TCP payload bytes, an order-sensitive hash over each packet's
// ports and sequence number, and one over the rest of the headers a decoder reads (addresses as
// text, TTL, acknowledgment number, flags, window). The generator computes the expected tally;
// every contestant folds what its decoder made of each packet into a sink of its own (compiled
// separately, as ./records.ts explains).

import { fillRandom, mulberry32, type Rng } from '../prng.js';
import { writeTemp } from './png-file.js';

export const CONNECTIONS = 300;
export const TARGET_BYTES = 200_000_000;
const SEED = 0x50434101;
const SERVER_IP = 0x0a000001; // 10.0.0.1
const SERVER_PORT = 6379;
const ETH = 14;
const IP = 20;
const TCP = 20;
export const HEADERS = ETH + IP + TCP;
export const MAX_PAYLOAD = 200;
const FIN = 0x01;
const SYN = 0x02;
export const PSH = 0x08;
export const ACK = 0x10;

/** What a correct reader and decoder make of the capture. */
export interface CaptureTally {
  packets: number;
  capturedBytes: number;
  payloadBytes: number;
  /** Over (srcPort, dstPort, seq) of each packet, in order. */
  portsSeq: number;
  /** Over the IP addresses' text, TTL, ack, flags and window of each packet, in order. */
  headers: number;
}

/** The fields a decoder hands the sink, whichever library read them. */
export interface Headers {
  srcIp: string;
  dstIp: string;
  ttl: number;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** The flag bits as the TCP header's byte 13 (FIN 0x01 … CWR 0x80). */
  flags: number;
  window: number;
  payloadLength: number;
}

export interface CaptureFiles {
  pcapng: string;
  pcap: string;
  pcapngBytes: number;
  pcapBytes: number;
  expected: CaptureTally;
}

export interface CaptureSink {
  /**
   * One packet: its captured length and its decoded headers' fields (as arguments: no contestant
   * builds an object for the sink). `flags`: the TCP flag bits as the header's byte 13.
   */
  add(
    capturedLength: number,
    srcIp: string,
    dstIp: string,
    ttl: number,
    srcPort: number,
    dstPort: number,
    seq: number,
    ack: number,
    flags: number,
    window: number,
    payloadLength: number,
  ): void;
  /** A packet read but not decoded (record-reading only): its captured length. */
  record(capturedLength: number): void;
  /** The tally so far (and a fresh start). */
  take(): CaptureTally;
}

const SINK_BODY = `
  let packets = 0, capturedBytes = 0, payloadBytes = 0, portsSeq = 0, headers = 0;
  return {
    add(capturedLength, srcIp, dstIp, ttl, srcPort, dstPort, seq, ack, flags, window, payloadLength) {
      packets++;
      capturedBytes += capturedLength;
      payloadBytes += payloadLength;
      portsSeq = (Math.imul(portsSeq, 31) + ((srcPort << 16) | dstPort)) | 0;
      portsSeq = (Math.imul(portsSeq, 31) + seq) | 0;
      let x = srcIp.length * 131 + srcIp.charCodeAt(srcIp.length - 1) + dstIp.charCodeAt(dstIp.length - 1);
      x = (Math.imul(x, 31) + ttl) | 0;
      x = (Math.imul(x, 31) + ack) | 0;
      x = (Math.imul(x, 31) + ((flags << 16) | window)) | 0;
      headers = (Math.imul(headers, 17) + x) | 0;
    },
    record(capturedLength) {
      packets++;
      capturedBytes += capturedLength;
    },
    take() {
      const t = { packets, capturedBytes, payloadBytes, portsSeq, headers };
      packets = capturedBytes = payloadBytes = portsSeq = headers = 0;
      return t;
    },
  };`;

let sinks = 0;
/** A sink compiled on its own (numbered, so V8 shares no cached function's type feedback). */
export function captureSink(): CaptureSink {
  return new Function(`// pcap sink ${++sinks}\n${SINK_BODY}`)() as CaptureSink;
}

const TALLY_KEYS = ['packets', 'capturedBytes', 'payloadBytes', 'portsSeq', 'headers'] as const;
const RECORD_KEYS = ['packets', 'capturedBytes'] as const;

/** Throws unless `got` is the expected tally (its packets and captured bytes only, for `recordsOnly`). */
export function checkTally(want: CaptureTally, got: CaptureTally, recordsOnly = false): void {
  const keys = recordsOnly ? RECORD_KEYS : TALLY_KEYS;
  for (const k of keys) if (got[k] !== want[k]) throw new Error(`${k}: ${got[k]}, expected ${want[k]}`);
}

// ---- the hand-written decoder the npm readers get ------------------------------------------------

const u16 = (d: Uint8Array, i: number): number => ((d[i] as number) << 8) | (d[i + 1] as number);
const u32 = (d: Uint8Array, i: number): number => ((u16(d, i) << 16) | u16(d, i + 2)) >>> 0;

/** Texts by address, as Stride's layers make them (the capture has a few hundred of each). */
const ipTexts = new Map<number, string>();
const macTexts = new Map<number, string>();

function ipText(a: number): string {
  let s = ipTexts.get(a);
  if (s === undefined) {
    s = `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
    ipTexts.set(a, s);
  }
  return s;
}

function macText(d: Uint8Array, i: number): string {
  const key = u16(d, i) * 2 ** 32 + u32(d, i + 2);
  let s = macTexts.get(key);
  if (s === undefined) {
    s = Array.from(d.subarray(i, i + 6), (b) => b.toString(16).padStart(2, '0')).join(':');
    macTexts.set(key, s);
  }
  return s;
}

/** A packet's headers as the hand decoder reads them (the fields Stride's layers decode, flattened). */
/** One packet's decoded headers into `sink`, with its captured length. */
export function addHeaders(sink: CaptureSink, capturedLength: number, h: Headers): void {
  sink.add(
    capturedLength,
    h.srcIp,
    h.dstIp,
    h.ttl,
    h.srcPort,
    h.dstPort,
    h.seq,
    h.ack,
    h.flags,
    h.window,
    h.payloadLength,
  );
}

export interface HandPacket extends Headers {
  dstMac: string;
  srcMac: string;
  etherType: number;
  ihl: number;
  tos: number;
  totalLength: number;
  identification: number;
  fragment: number;
  protocol: number;
  ipChecksum: number;
  dataOffset: number;
  fin: boolean;
  syn: boolean;
  rst: boolean;
  psh: boolean;
  ackFlag: boolean;
  urg: boolean;
  tcpChecksum: number;
  urgentPointer: number;
  payload: Uint8Array;
}

/**
 * Ethernet (no VLAN tags), IPv4 and TCP headers of a frame, by hand, with bounds checked (options
 * stepped over, not decoded: the capture has none); throws on what the capture never has (another
 * EtherType or protocol, an IPv4 fragment).
 */
export function handDecode(d: Uint8Array): HandPacket {
  const n = d.length;
  if (n < HEADERS) throw new Error(`a frame of ${n} B`);
  const etherType = u16(d, 12);
  if (etherType !== 0x0800) throw new Error(`EtherType ${etherType}`);
  const ihl = (d[14] as number) & 15;
  const totalLength = u16(d, 16);
  const fragment = u16(d, 20);
  const protocol = d[23] as number;
  if (protocol !== 6 || (fragment & 0x3fff) !== 0) throw new Error('not an unfragmented TCP segment');
  const t = ETH + ihl * 4;
  const dataOffset = (d[t + 12] as number) >>> 4;
  const end = Math.min(n, ETH + totalLength);
  const start = t + dataOffset * 4;
  if (ihl < 5 || dataOffset < 5 || start > end) throw new Error('bad header lengths');
  const flags = d[t + 13] as number;
  return {
    dstMac: macText(d, 0),
    srcMac: macText(d, 6),
    etherType,
    ihl,
    tos: d[15] as number,
    totalLength,
    identification: u16(d, 18),
    fragment,
    ttl: d[22] as number,
    protocol,
    ipChecksum: u16(d, 24),
    srcIp: ipText(u32(d, 26)),
    dstIp: ipText(u32(d, 30)),
    srcPort: u16(d, t),
    dstPort: u16(d, t + 2),
    seq: u32(d, t + 4),
    ack: u32(d, t + 8),
    dataOffset,
    flags,
    fin: (flags & FIN) !== 0,
    syn: (flags & SYN) !== 0,
    rst: (flags & 0x04) !== 0,
    psh: (flags & PSH) !== 0,
    ackFlag: (flags & ACK) !== 0,
    urg: (flags & 0x20) !== 0,
    window: u16(d, t + 14),
    tcpChecksum: u16(d, t + 16),
    urgentPointer: u16(d, t + 18),
    payloadLength: end - start,
    payload: new Uint8Array(d.buffer, d.byteOffset + start, end - start),
  };
}

// ---- the generator ------------------------------------------------------------------------------

/** The ones' complement sum of `d[from, to)` as 16-bit big-endian words, added to `sum`, unfolded. */
function sumWords(d: Uint8Array, from: number, to: number, sum: number): number {
  let i = from;
  for (; i + 1 < to; i += 2) sum += u16(d, i);
  if (i < to) sum += (d[i] as number) << 8;
  return sum;
}

function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return ~s & 0xffff;
}

export interface Connection {
  clientIp: number;
  clientPort: number;
  /** Next sequence numbers, the client's and the server's. */
  clientSeq: number;
  serverSeq: number;
  /** Handshake packets sent (3: open). */
  opened: number;
  /** 0, 1, 2 … in the order the connections' SYNs were sent (-1 before): tshark's tcp.stream. */
  seen: number;
}

const ipOf = (a: number): string => `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;

/**
 * Writes one frame into `f` (room for HEADERS + MAX_PAYLOAD) and returns its headers' fields (the
 * expected values); advances the sender's sequence number. The payload: `fill`'s bytes, or random.
 */
function frame(
  f: Uint8Array,
  c: Connection,
  fromServer: boolean,
  flags: number,
  payload: number,
  ipId: number,
  rng: Rng,
  fill?: (into: Uint8Array) => void,
): Headers {
  const dv = new DataView(f.buffer, f.byteOffset, f.length);
  const srcIp = fromServer ? SERVER_IP : c.clientIp;
  const dstIp = fromServer ? c.clientIp : SERVER_IP;
  const srcPort = fromServer ? SERVER_PORT : c.clientPort;
  const dstPort = fromServer ? c.clientPort : SERVER_PORT;
  const seq = fromServer ? c.serverSeq : c.clientSeq;
  const ack = flags & ACK ? (fromServer ? c.clientSeq : c.serverSeq) : 0;
  const ttl = fromServer ? 64 : 128;
  const window = 65535 - (rng.u32() & 0x3ff);
  const length = HEADERS + payload;
  // Ethernet: the server 02:00:00:00:00:01, a client 02:00 and its IPv4 address.
  dv.setUint16(0, 0x0200);
  dv.setUint32(2, dstIp === SERVER_IP ? 1 : dstIp);
  dv.setUint16(6, 0x0200);
  dv.setUint32(8, srcIp === SERVER_IP ? 1 : srcIp);
  dv.setUint16(12, 0x0800);
  // IPv4, no options, don't fragment.
  dv.setUint32(14, 0x45000000 | (IP + TCP + payload));
  dv.setUint32(18, ((ipId << 16) | 0x4000) >>> 0);
  dv.setUint32(22, ((ttl << 24) | (6 << 16)) >>> 0);
  dv.setUint32(26, srcIp);
  dv.setUint32(30, dstIp);
  dv.setUint16(24, fold(sumWords(f, ETH, ETH + IP, 0)));
  // TCP, no options; the checksum over the pseudo-header, the header and the payload.
  const t = ETH + IP;
  dv.setUint16(t, srcPort);
  dv.setUint16(t + 2, dstPort);
  dv.setUint32(t + 4, seq);
  dv.setUint32(t + 8, ack);
  dv.setUint32(t + 12, ((0x50 << 24) | (flags << 16) | window) >>> 0);
  dv.setUint32(t + 16, 0);
  if (fill) fill(f.subarray(HEADERS, length));
  else fillRandom(f.subarray(HEADERS, length), rng);
  const pseudo = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + 6 + TCP + payload;
  dv.setUint16(t + 16, fold(sumWords(f, t, length, pseudo)));
  const next = (seq + payload + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
  if (fromServer) c.serverSeq = next;
  else c.clientSeq = next;
  return {
    srcIp: ipOf(srcIp),
    dstIp: ipOf(dstIp),
    ttl,
    srcPort,
    dstPort,
    seq,
    ack,
    flags,
    window,
    payloadLength: payload,
  };
}

const EPB = 28; // an Enhanced Packet Block's fields before the data (the trailer: 4 more)
const SHB_IDB = Uint8Array.from(
  Buffer.from(
    // SHB: type, length 28, byte-order magic, 1.0, section length -1, length. IDB: type, length 32,
    // Ethernet, snap length 0, if_name "eth0", opt_endofopt, length (pcap-ng-parser throws on an
    // IDB with no options; dumpcap writes some).
    '0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000' +
      '0100000020000000010000000000000002000400657468300000000020000000',
    'hex',
  ),
);
const PCAP_HEADER = Uint8Array.from(Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));

/** What an open connection sends next: a segment's direction, flags and payload (`fill`'s bytes, or random). */
export interface Send {
  fromServer: boolean;
  flags: number;
  payload: number;
  fill?: (into: Uint8Array) => void;
}

/**
 * Generated traffic, written as pcapng in memory: CONNECTIONS connections from 10.1.x.y to
 * 10.0.0.1:6379, each opened by a handshake (SYN, SYN-ACK, ACK) when first drawn, then what the
 * caller's `open` says it sends; timestamps 1..1000 µs apart, each packet an Enhanced Packet Block.
 */
export class Traffic {
  readonly conns: Connection[];
  /** The last packet's frame (its first HEADERS + payload bytes). */
  readonly frame = new Uint8Array(HEADERS + MAX_PAYLOAD);
  /** The last packet's time, microseconds since the epoch. */
  micros = 1_700_000_000_000_000;
  packets = 0;
  capturedBytes = 0;
  readonly #ng = Buffer.allocUnsafe(TARGET_BYTES);
  #at = SHB_IDB.length;
  #ipId = 0;
  #seen = 0;

  constructor(readonly rng: Rng) {
    this.conns = Array.from({ length: CONNECTIONS }, (_, i) => ({
      clientIp: 0x0a010000 + 1 + (i >> 2),
      clientPort: 40000 + i,
      clientSeq: rng.u32(),
      serverSeq: rng.u32(),
      opened: 0,
      seen: -1,
    }));
    this.#ng.set(SHB_IDB, 0);
  }

  /** Whether another packet of the largest size fits, `reserve` bytes kept back. */
  room(reserve = 0): boolean {
    return this.#at + HEADERS + MAX_PAYLOAD + EPB + 4 + 3 + reserve <= TARGET_BYTES;
  }

  /**
   * The next packet, on `c` (by default a connection drawn at random): its next handshake packet,
   * or once it is open, what `open` says. Written to `frame` and appended; returns its headers.
   */
  next(
    open: (c: Connection) => Send,
    c = this.conns[this.rng.int(0, CONNECTIONS - 1)] as Connection,
  ): Headers {
    const f = this.frame;
    const rng = this.rng;
    let h: Headers;
    if (c.opened < 3) {
      const step = c.opened++;
      if (step === 0) c.seen = this.#seen++;
      h = frame(f, c, step === 1, step === 0 ? SYN : step === 1 ? SYN | ACK : ACK, 0, this.#ipId, rng);
    } else {
      const s = open(c);
      h = frame(f, c, s.fromServer, s.flags, s.payload, this.#ipId, rng, s.fill);
    }
    this.#ipId = (this.#ipId + 1) & 0xffff;
    this.micros += rng.int(1, 1000);
    const length = HEADERS + h.payloadLength;
    this.packets++;
    this.capturedBytes += length;
    // An Enhanced Packet Block, padded to 4.
    const ng = this.#ng;
    const at = this.#at;
    const block = EPB + ((length + 3) & ~3) + 4;
    ng.writeUInt32LE(6, at);
    ng.writeUInt32LE(block, at + 4);
    ng.writeUInt32LE(0, at + 8);
    ng.writeUInt32LE(Math.floor(this.micros / 2 ** 32), at + 12);
    ng.writeUInt32LE(this.micros % 2 ** 32, at + 16);
    ng.writeUInt32LE(length, at + 20);
    ng.writeUInt32LE(length, at + 24);
    ng.set(f.subarray(0, length), at + EPB);
    ng.fill(0, at + EPB + length, at + block - 4);
    ng.writeUInt32LE(block, at + block - 4);
    this.#at += block;
    return h;
  }

  /** The pcapng written so far. */
  get pcapng(): Uint8Array {
    return this.#ng.subarray(0, this.#at);
  }
}

let files: CaptureFiles | undefined;

/** Random segments: three fifths from the server, a fifth of them pure ACKs. */
const randomSend = (rng: Rng): Send => {
  const fromServer = rng.u32() % 5 < 3;
  const payload = rng.u32() % 5 === 0 ? 0 : rng.int(1, MAX_PAYLOAD);
  return { fromServer, flags: payload === 0 ? ACK : ACK | PSH, payload };
};

/** The capture, written once per run to two temporary files, and its expected tally. */
export function captureFiles(): CaptureFiles {
  if (files) return files;
  const rng = mulberry32(SEED);
  const traffic = new Traffic(rng);
  const open = (): Send => randomSend(rng);
  const pc = Buffer.allocUnsafe(TARGET_BYTES);
  pc.set(PCAP_HEADER, 0);
  let atPc = PCAP_HEADER.length;
  const sink = captureSink();
  while (traffic.room()) {
    const h = traffic.next(open);
    const length = HEADERS + h.payloadLength;
    const micros = traffic.micros;
    // pcap: a record header and the frame.
    pc.writeUInt32LE(Math.floor(micros / 1e6), atPc);
    pc.writeUInt32LE(micros % 1e6, atPc + 4);
    pc.writeUInt32LE(length, atPc + 8);
    pc.writeUInt32LE(length, atPc + 12);
    pc.set(traffic.frame.subarray(0, length), atPc + 16);
    atPc += 16 + length;
    addHeaders(sink, length, h);
  }
  const ng = traffic.pcapng;
  files = {
    pcapng: writeTemp('read-packets.pcapng', ng),
    pcap: writeTemp('read-packets.pcap', pc.subarray(0, atPc)),
    pcapngBytes: ng.length,
    pcapBytes: atPc,
    expected: sink.take(),
  };
  return files;
}
