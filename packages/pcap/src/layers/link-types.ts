/**
 * The link types decodePacket reads (LINKTYPE_* numbers of pcap and pcapng headers, as tcpdump.org
 * lists them), and the EtherTypes it follows.
 */
export const LinkType = {
  /** BSD loopback: a 4-byte address family in the capturing host's byte order. */
  NULL: 0,
  ETHERNET: 1,
  /** Raw IP: the version nibble says 4 or 6. */
  RAW: 101,
  /** OpenBSD loopback: a 4-byte address family in network byte order. */
  LOOP: 108,
  /** Linux cooked capture v1 (`tcpdump -i any` before libpcap 1.10). */
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  /** Linux cooked capture v2. */
  LINUX_SLL2: 276,
} as const;

export const EtherType = {
  IPV4: 0x0800,
  IPV6: 0x86dd,
  /** 802.1Q VLAN tag. */
  VLAN: 0x8100,
  /** 802.1ad service tag (QinQ). */
  QINQ: 0x88a8,
  /** The pre-standard QinQ tag some switches still send. */
  QINQ_OLD: 0x9100,
} as const;

/** The BSD address families that mean IPv4 and IPv6 in a NULL or LOOP header (IPv6's differ per OS). */
export const AF_INET = 2;
export const AF_INET6 = [24, 28, 30] as const;
