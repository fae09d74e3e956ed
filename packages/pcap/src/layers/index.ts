/**
 * Decoding one packet's headers: `decodePacket` (link, IPv4 / IPv6, TCP / UDP, payload, checksums on
 * request), the header schemas it uses (they encode too), address texts, and `Ipv4Reassembler`
 * for IPv4 fragments.
 */

export { ipv4Address, ipv6Address, macAddress } from './address-codecs.js';
export { ipv4Text, ipv6Text, macText, parseIpv4 } from './addresses.js';
export { type ChecksumStatus, fold, pseudoHeaderSum, sumWords } from './checksum.js';
export {
  AuthenticationHeader,
  IpProtocol,
  Ipv4Header,
  Ipv4Option,
  Ipv6FragmentHeader,
  Ipv6Header,
  Ipv6OptionsHeader,
  ipv4Options,
} from './ip-schemas.js';
export { Ipv4Reassembler } from './ipv4-reassembler.js';
export { EthernetHeader, Sll2Header, SllHeader, VlanTag } from './link-schemas.js';
export { AF_INET, AF_INET6, EtherType, LinkType } from './link-types.js';
export { decodePacket } from './packet.js';
export {
  type Ipv4ReassemblerOptions,
  ReassemblyDropCode,
  type ReassemblyEmit,
  type ReassemblyEvent,
} from './reassembly-events.js';
export { TcpHeader, TcpOption, tcpOptions, UdpHeader } from './transport-schemas.js';
export type {
  DecodePacketOptions,
  EthernetLink,
  Ipv4Layer,
  Ipv6Extension,
  Ipv6Layer,
  Link,
  Network,
  NullLink,
  Packet,
  RawLink,
  Sll2Link,
  SllLink,
  TcpLayer,
  Transport,
  UdpLayer,
  UnknownLink,
} from './types.js';
