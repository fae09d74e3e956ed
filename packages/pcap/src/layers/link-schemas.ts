/**
 * The link-layer headers as codec schemas: Ethernet II, an 802.1Q / 802.1ad tag, Linux cooked
 * capture v1 (SLL) and v2 (SLL2). Each decodes to exactly its wire fields.
 */
import { bits, bool, bytes, type Infer, struct, u8, u16be, u32be } from '@stride/codec';
import { macAddress } from './address-codecs.js';

/** Destination and source MAC, then the EtherType (or a VLAN tag's TPID). 14 bytes. */
export const EthernetHeader = struct({ dst: macAddress, src: macAddress, etherType: u16be });
export type EthernetHeader = Infer<typeof EthernetHeader>;

/** The 4 bytes after a TPID of 0x8100 / 0x88a8 / 0x9100: priority, drop eligible, VLAN id, next EtherType. */
export const VlanTag = struct({
  tci: bits({ priority: 3, dropEligible: bool, id: 12 }),
  etherType: u16be,
});
export type VlanTag = Infer<typeof VlanTag>;

/** Linux cooked capture v1: 16 bytes, the protocol (an EtherType) last. */
export const SllHeader = struct({
  packetType: u16be,
  arphrdType: u16be,
  addressLength: u16be,
  address: bytes(8),
  protocol: u16be,
});
export type SllHeader = Infer<typeof SllHeader>;

/** Linux cooked capture v2: 20 bytes, the protocol first, then the interface index. */
export const Sll2Header = struct({
  protocol: u16be,
  reserved: u16be,
  interfaceIndex: u32be,
  arphrdType: u16be,
  packetType: u8,
  addressLength: u8,
  address: bytes(8),
});
export type Sll2Header = Infer<typeof Sll2Header>;
