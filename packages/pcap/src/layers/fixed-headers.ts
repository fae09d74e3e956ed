/**
 * The fixed parts of the headers nearly every packet has (Ethernet, IPv4, TCP), read straight from
 * the packet's bytes: even a Decoder set up once (header-reader.ts) costs more per header than the
 * header's fields, and these three are every packet of a TCP capture. Each gives exactly what its
 * schema in link-schemas.ts / ip-schemas.ts / transport-schemas.ts decodes (a test holds them to
 * it); the schemas stay the definition, and encode. None of these headers has a field that can
 * fail, so the caller's check that the bytes are there is the only one.
 */
import { ipv4Text, macText } from './addresses.js';
import type { Ipv4Header } from './ip-schemas.js';
import type { EthernetHeader } from './link-schemas.js';
import type { TcpHeader } from './transport-schemas.js';

function u16(d: Uint8Array, at: number): number {
  return ((d[at] as number) << 8) | (d[at + 1] as number);
}

function u32(d: Uint8Array, at: number): number {
  return (d[at] as number) * 0x100_0000 + (((d[at + 1] as number) << 16) | u16(d, at + 2));
}

/** The 14-byte Ethernet header at `at`. */
export function readEthernet(d: Uint8Array, at: number): EthernetHeader {
  return {
    dst: macText(u16(d, at), u32(d, at + 2)),
    src: macText(u16(d, at + 6), u32(d, at + 8)),
    etherType: u16(d, at + 12),
  };
}

/** IPv4's fixed 20 bytes at `at`. */
export function readIpv4(d: Uint8Array, at: number): Ipv4Header {
  const first = d[at] as number;
  const tos = d[at + 1] as number;
  const fragment = u16(d, at + 6);
  return {
    versionIhl: { version: first >> 4, ihl: first & 15 },
    tos: { dscp: tos >> 2, ecn: tos & 3 },
    totalLength: u16(d, at + 2),
    identification: u16(d, at + 4),
    fragment: {
      reserved: (fragment & 0x8000) !== 0,
      dontFragment: (fragment & 0x4000) !== 0,
      moreFragments: (fragment & 0x2000) !== 0,
      offset: fragment & 0x1fff,
    },
    ttl: d[at + 8] as number,
    protocol: d[at + 9] as number,
    checksum: u16(d, at + 10),
    src: ipv4Text(u32(d, at + 12)),
    dst: ipv4Text(u32(d, at + 16)),
  };
}

/** TCP's fixed 20 bytes at `at`. */
export function readTcp(d: Uint8Array, at: number): TcpHeader {
  const flags = u16(d, at + 12);
  return {
    srcPort: u16(d, at),
    dstPort: u16(d, at + 2),
    seq: u32(d, at + 4),
    ack: u32(d, at + 8),
    flags: {
      dataOffset: flags >> 12,
      reserved: (flags >> 9) & 7,
      ae: (flags & 0x100) !== 0,
      cwr: (flags & 0x80) !== 0,
      ece: (flags & 0x40) !== 0,
      urg: (flags & 0x20) !== 0,
      ack: (flags & 0x10) !== 0,
      psh: (flags & 0x8) !== 0,
      rst: (flags & 0x4) !== 0,
      syn: (flags & 0x2) !== 0,
      fin: (flags & 0x1) !== 0,
    },
    window: u16(d, at + 14),
    checksum: u16(d, at + 16),
    urgentPointer: u16(d, at + 18),
  };
}
