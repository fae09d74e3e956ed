// bench/workloads/ksy-pcap.ts: the ksy suite's gallery input: the first GALLERY_BYTES of the pcap
// suite's generated capture (./pcap-capture.ts: Ethernet / IPv4 / TCP segments of 0..200 B of
// payload, little-endian pcap, microseconds), cut after the last whole packet, read with the
// gallery's network/pcap.ksy and the files it imports (ethernet_frame, ipv4_packet, protocol_body,
// tcp_segment...), so every packet is decoded through the layers.
//
// The expected tally comes from the pcap suite's hand decoder (`handDecode`, which neither
// contestant uses) over the same packets, folded into that suite's sink. Each contestant walks its
// decoded capture (`packets[i].body.body.body.body`: frame, IPv4 packet, protocol body, TCP
// segment) into a sink of its own: captured length, addresses as text (from a cache by address, as
// the hand decoder makes them), TTL, ports, sequence and acknowledgment numbers, flag bits,
// window, payload length. The two walks differ in the names only: Stride's objects have the .ksy's
// ids (`src_port`), Kaitai's the lowerCamelCase it generates (`srcPort`).

import { readFileSync } from 'node:fs';
import {
  addHeaders,
  type CaptureSink,
  type CaptureTally,
  captureFiles,
  captureSink,
  handDecode,
} from './pcap-capture.js';

/** The capture's size, about: Kaitai's parser takes seconds per 40 MB. */
export const GALLERY_BYTES = 40_000_000;

export interface GalleryCapture {
  bytes: Uint8Array;
  packets: number;
  expected: CaptureTally;
}

let capture: GalleryCapture | undefined;

/** The cut capture and its expected tally (built once). */
export function galleryCapture(): GalleryCapture {
  if (capture) return capture;
  const whole = readFileSync(captureFiles().pcap);
  const sink = captureSink();
  let at = 24;
  let packets = 0;
  for (;;) {
    if (at + 16 > whole.length) break;
    const length = whole.readUInt32LE(at + 8);
    const next = at + 16 + length;
    if (next > GALLERY_BYTES || next > whole.length) break;
    const h = handDecode(whole.subarray(at + 16, next));
    addHeaders(sink, length, h);
    packets++;
    at = next;
  }
  capture = { bytes: Uint8Array.prototype.slice.call(whole, 0, at), packets, expected: sink.take() };
  return capture;
}

const texts = new Map<number, string>();

/** An IPv4 address's 4 bytes as text, from a cache (the capture has a few hundred addresses). */
export function addressText(b: Uint8Array): string {
  const key =
    (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
  let s = texts.get(key);
  if (s === undefined) {
    s = `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
    texts.set(key, s);
  }
  return s;
}

interface Flags {
  cwr: boolean;
  ece: boolean;
  urg: boolean;
  ack: boolean;
  psh: boolean;
  rst: boolean;
  syn: boolean;
  fin: boolean;
}

const flagBits = (f: Flags): number =>
  (f.fin ? 1 : 0) |
  (f.syn ? 2 : 0) |
  (f.rst ? 4 : 0) |
  (f.psh ? 8 : 0) |
  (f.ack ? 16 : 0) |
  (f.urg ? 32 : 0) |
  (f.ece ? 64 : 0) |
  (f.cwr ? 128 : 0);

/** Stride's decoded packet, as far as the walk goes (the .ksy's ids). */
interface StridePacket {
  incl_len: number;
  body: {
    body: {
      ttl: number;
      src_ip_addr: Uint8Array;
      dst_ip_addr: Uint8Array;
      body: {
        body: {
          src_port: number;
          dst_port: number;
          seq_num: number;
          ack_num: number;
          flags: Flags;
          window_size: number;
          body: Uint8Array;
        };
      };
    };
  };
}

/** Kaitai's decoded packet, as far as the walk goes (its lowerCamelCase names). */
interface KaitaiPacket {
  inclLen: number;
  body: {
    body: {
      ttl: number;
      srcIpAddr: Uint8Array;
      dstIpAddr: Uint8Array;
      body: {
        body: {
          srcPort: number;
          dstPort: number;
          seqNum: number;
          ackNum: number;
          flags: Flags;
          windowSize: number;
          body: Uint8Array;
        };
      };
    };
  };
}

/** Stride's capture (`{packets: [...]}`) into `sink`. */
export function foldStride(top: unknown, sink: CaptureSink): void {
  const packets = (top as { packets: StridePacket[] }).packets;
  for (let i = 0; i < packets.length; i++) foldStridePacket(packets[i], sink);
}

/** One of Stride's packets (as `records()` gives them, one by one) into `sink`. */
export function foldStridePacket(packet: unknown, sink: CaptureSink): void {
  {
    const p = packet as StridePacket;
    const ip = p.body.body;
    const tcp = ip.body.body;
    sink.add(
      p.incl_len,
      addressText(ip.src_ip_addr),
      addressText(ip.dst_ip_addr),
      ip.ttl,
      tcp.src_port,
      tcp.dst_port,
      tcp.seq_num,
      tcp.ack_num,
      flagBits(tcp.flags),
      tcp.window_size,
      tcp.body.length,
    );
  }
}

/** Kaitai's capture (`{packets: [...]}`) into `sink`. */
export function foldKaitai(top: unknown, sink: CaptureSink): void {
  const packets = (top as { packets: KaitaiPacket[] }).packets;
  for (let i = 0; i < packets.length; i++) {
    const p = packets[i] as KaitaiPacket;
    const ip = p.body.body;
    const tcp = ip.body.body;
    sink.add(
      p.inclLen,
      addressText(ip.srcIpAddr),
      addressText(ip.dstIpAddr),
      ip.ttl,
      tcp.srcPort,
      tcp.dstPort,
      tcp.seqNum,
      tcp.ackNum,
      flagBits(tcp.flags),
      tcp.windowSize,
      tcp.body.length,
    );
  }
}
