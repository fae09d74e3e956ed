/**
 * What decodePacket returns: a packet's layers, each with its header as its schema decoded it
 * (`header`, exactly the wire fields) and what was worked out from it (lengths, checksum status,
 * the protocol that follows). Offsets are from the packet's first byte.
 */

import type { LayerProblem } from '../errors.js';
import type { ChecksumStatus } from './checksum.js';
import type {
  AuthenticationHeader,
  Ipv4Header,
  Ipv4Option,
  Ipv6FragmentHeader,
  Ipv6Header,
  Ipv6OptionsHeader,
} from './ip-schemas.js';
import type { EthernetHeader, Sll2Header, SllHeader, VlanTag } from './link-schemas.js';
import type { TcpHeader, TcpOption, UdpHeader } from './transport-schemas.js';

interface LinkBase {
  /** The LINKTYPE_* number the packet came with. */
  readonly linkType: number;
  /** Bytes of link-layer header (VLAN tags included): where the network layer starts. */
  readonly headerLength: number;
}

export interface EthernetLink extends LinkBase {
  readonly type: 'ethernet';
  readonly header: EthernetHeader;
  /** 802.1Q / 802.1ad tags in wire order (outermost first); empty when untagged. */
  readonly vlans: readonly VlanTag[];
  /** The EtherType after the tags (0x0800, 0x86DD …; below 0x0600 an 802.3 length). */
  readonly etherType: number;
}

export interface SllLink extends LinkBase {
  readonly type: 'sll';
  readonly header: SllHeader;
  readonly etherType: number;
}

export interface Sll2Link extends LinkBase {
  readonly type: 'sll2';
  readonly header: Sll2Header;
  readonly etherType: number;
}

/** BSD loopback (NULL, 0: the host's byte order, found from the value; LOOP, 108: network order). */
export interface NullLink extends LinkBase {
  readonly type: 'null';
  /** The address family: 2 IPv4; 24, 28 or 30 IPv6 (the BSDs and macOS differ). */
  readonly family: number;
  readonly littleEndian: boolean;
}

/** Raw IP (101, 228, 229): no link header. */
export interface RawLink extends LinkBase {
  readonly type: 'raw';
}

/** A link type this package does not decode (the packet has an UNSUPPORTED_LINK_TYPE problem). */
export interface UnknownLink extends LinkBase {
  readonly type: 'unknown';
}

export type Link = EthernetLink | SllLink | Sll2Link | NullLink | RawLink | UnknownLink;

export interface Ipv4Layer {
  readonly type: 'ipv4';
  readonly offset: number;
  readonly header: Ipv4Header;
  readonly options: readonly Ipv4Option[];
  /** IHL × 4. */
  readonly headerLength: number;
  /** Of the header; 'unverified' unless checksums were asked for. */
  readonly checksum: ChecksumStatus;
  /** The protocol of the payload (header.protocol). */
  readonly protocol: number;
  /** True for a fragment (more fragments, or an offset): its payload is not decoded further. */
  readonly fragmented: boolean;
  /** Where the datagram ends in the data: its total length, or the data's end when cut short. */
  readonly end: number;
  /** True when the data ends before the total length (a snap length): the checksums after are unverified. */
  readonly truncated: boolean;
}

/** An IPv6 extension header, tagged by the protocol number that announced it. */
export type Ipv6Extension =
  | { readonly type: 0 | 43 | 60; readonly offset: number; readonly header: Ipv6OptionsHeader }
  | { readonly type: 44; readonly offset: number; readonly header: Ipv6FragmentHeader }
  | { readonly type: 51; readonly offset: number; readonly header: AuthenticationHeader };

export interface Ipv6Layer {
  readonly type: 'ipv6';
  readonly offset: number;
  readonly header: Ipv6Header;
  /** The extension headers stepped over, in order. */
  readonly extensions: Ipv6Extension[];
  /** 40 plus the extension headers. */
  readonly headerLength: number;
  /** The protocol after the extension headers (59: none). */
  readonly protocol: number;
  /** True when a fragment header says this is a fragment (offset or more fragments). */
  readonly fragmented: boolean;
  /** Where the datagram ends in the data: its payload length, or the data's end when cut short. */
  readonly end: number;
  /** True when the data ends before the payload length says. */
  readonly truncated: boolean;
}

export type Network = Ipv4Layer | Ipv6Layer;

export interface TcpLayer {
  readonly type: 'tcp';
  readonly offset: number;
  readonly header: TcpHeader;
  readonly options: TcpOption[];
  /** Data offset × 4. */
  readonly headerLength: number;
  /** Over the pseudo-header and the segment; 'unverified' unless asked for or when the segment is cut short. */
  readonly checksum: ChecksumStatus;
}

export interface UdpLayer {
  readonly type: 'udp';
  readonly offset: number;
  readonly header: UdpHeader;
  /** As TCP's; 'absent' for a zero checksum over IPv4 (no checksum sent). */
  readonly checksum: ChecksumStatus;
}

export type Transport = TcpLayer | UdpLayer;

export interface Packet {
  /** The bytes decoded (the argument). */
  readonly data: Uint8Array;
  readonly link: Link;
  readonly network: Network | undefined;
  readonly transport: Transport | undefined;
  /**
   * A view of the bytes after the last header decoded, up to where that layer says its data ends:
   * a TCP or UDP payload without the Ethernet padding after the IP datagram, a fragment's data, an
   * unknown protocol's bytes.
   */
  readonly payload: Uint8Array;
  readonly problems: LayerProblem[];
}

export interface DecodePacketOptions {
  /** Verify the IPv4 header, TCP and UDP checksums (default false: every status is 'unverified'). */
  readonly checksums?: boolean;
}
