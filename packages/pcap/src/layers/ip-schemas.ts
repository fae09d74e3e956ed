/**
 * The IP headers as codec schemas: IPv4's fixed 20 bytes and its options, IPv6's fixed 40 bytes
 * and the extension headers decodePacket steps over (hop-by-hop, routing, fragment, destination
 * options, authentication). Options are a tagged union on their type byte, read inside a section
 * as long as the header says they are, so an option that overruns them fails there.
 */
import {
  array,
  bits,
  bool,
  bytes,
  type Infer,
  refine,
  type SizedCodec,
  sized,
  struct,
  taggedUnion,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import { ipv4Address, ipv6Address } from './address-codecs.js';

/** IPv4 without its options. `versionIhl.ihl` is the header length in 32-bit words. */
export const Ipv4Header = struct({
  versionIhl: bits({ version: 4, ihl: 4 }),
  tos: bits({ dscp: 6, ecn: 2 }),
  totalLength: u16be,
  identification: u16be,
  fragment: bits({ reserved: bool, dontFragment: bool, moreFragments: bool, offset: 13 }),
  ttl: u8,
  protocol: u8,
  checksum: u16be,
  src: ipv4Address,
  dst: ipv4Address,
});
export type Ipv4Header = Infer<typeof Ipv4Header>;

/** An option's length byte: it counts the type and length bytes, so at least 2. */
export const optionLength = refine(u8, (n) => n >= 2, 'an option length of 2 or more');

/** End of options: the bytes after it are padding, kept so the header encodes back as it was. */
const EndOfOptions = struct({ padding: bytes('toEnd') });

/** An IPv4 option: end (0), no-op (1), or any other as its type, length and data. */
export const Ipv4Option = taggedUnion(
  u8,
  { 0: EndOfOptions, 1: struct({}) },
  { default: struct({ length: optionLength }).field('data', (o) => bytes(o.length - 2)) },
);
export type Ipv4Option = Infer<typeof Ipv4Option>;

/** The options of an IPv4 header of `ihl` words (6 to 15), made once per length. */
export const ipv4Options: readonly SizedCodec<Ipv4Option[]>[] = Array.from({ length: 16 }, (_, ihl) =>
  sized(Math.max(0, ihl - 5) * 4, array(Ipv4Option, 'toEnd')),
);

/** IPv6's fixed header. `payloadLength` counts the extension headers too. */
export const Ipv6Header = struct({
  vtf: bits({ version: 4, trafficClass: 8, flowLabel: 20 }),
  payloadLength: u16be,
  nextHeader: u8,
  hopLimit: u8,
  src: ipv6Address,
  dst: ipv6Address,
});
export type Ipv6Header = Infer<typeof Ipv6Header>;

/** Hop-by-hop, routing and destination options: `length` counts 8-byte units after the first 8. */
export const Ipv6OptionsHeader = struct({ nextHeader: u8, length: u8 }).field('data', (h) =>
  bytes(h.length * 8 + 6),
);
export type Ipv6OptionsHeader = Infer<typeof Ipv6OptionsHeader>;

/** The fragment header: 8 bytes, the offset in 8-byte units. */
export const Ipv6FragmentHeader = struct({
  nextHeader: u8,
  reserved: u8,
  fragment: bits({ offset: 13, reserved: 2, moreFragments: bool }),
  identification: u32be,
});
export type Ipv6FragmentHeader = Infer<typeof Ipv6FragmentHeader>;

/** The authentication header: `length` counts 4-byte units after the first 8. */
export const AuthenticationHeader = struct({ nextHeader: u8, length: u8 }).field('data', (h) =>
  bytes(h.length * 4 + 6),
);
export type AuthenticationHeader = Infer<typeof AuthenticationHeader>;

/** The IP protocol numbers (IPv4's protocol, IPv6's next header) this package follows. */
export const IpProtocol = {
  HOP_BY_HOP: 0,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AUTHENTICATION: 51,
  NO_NEXT_HEADER: 59,
  DESTINATION_OPTIONS: 60,
} as const;
