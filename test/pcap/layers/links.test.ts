// Each link type decodePacket reads, built by hand: Ethernet with stacked VLAN tags, Linux cooked
// v1 and v2, BSD NULL in both byte orders and LOOP, raw IP (101, 228, 229), and an unknown one.
import { decodePacket, LayerError, LinkType } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { concat, ethernet, ipv4, ipv6, text, udp } from './support/build.js';

const datagram = ipv4({ protocol: 17 }, udp(1234, 53, text('hi')));
const datagram6 = ipv6({ nextHeader: 17 }, udp(1234, 53, text('hi')));

describe('link layers', () => {
  it('reads Ethernet: addresses as text, the EtherType, the IP after it', () => {
    const p = decodePacket(LinkType.ETHERNET, concat(ethernet(0x0800), datagram));
    expect(p.link).toMatchObject({
      type: 'ethernet',
      headerLength: 14,
      header: { dst: '02:00:00:00:00:01', src: '02:00:00:00:00:02', etherType: 0x0800 },
      vlans: [],
      etherType: 0x0800,
    });
    expect(p.network?.header.src).toBe('10.0.0.1');
    expect(p.transport?.header).toMatchObject({ srcPort: 1234, dstPort: 53, length: 10 });
    expect(p.payload).toEqual(text('hi'));
  });

  it('steps over stacked 802.1ad / 802.1Q / 0x9100 tags, outermost first', () => {
    const tags = [
      { tpid: 0x88a8, id: 100, priority: 5 },
      { tpid: 0x8100, id: 200 },
      { tpid: 0x9100, id: 4095 },
    ];
    const p = decodePacket(LinkType.ETHERNET, concat(ethernet(0x86dd, tags), datagram6));
    expect(p.link).toMatchObject({ headerLength: 26, etherType: 0x86dd });
    expect(p.link.type === 'ethernet' && p.link.vlans).toEqual([
      { tci: { priority: 5, dropEligible: false, id: 100 }, etherType: 0x8100 },
      { tci: { priority: 0, dropEligible: false, id: 200 }, etherType: 0x9100 },
      { tci: { priority: 0, dropEligible: false, id: 4095 }, etherType: 0x86dd },
    ]);
    expect(p.network?.type).toBe('ipv6');
    expect(p.payload).toEqual(text('hi'));
  });

  it('refuses a VLAN tag cut short, at its offset', () => {
    const bytes = concat(ethernet(0x8100), [0, 5]);
    expect(() => decodePacket(LinkType.ETHERNET, bytes)).toThrow(LayerError);
    expect(() => decodePacket(LinkType.ETHERNET, bytes)).toThrow(
      expect.objectContaining({ code: 'HEADER_TRUNCATED', offset: 14 }),
    );
  });

  it('leaves a non-IP EtherType (ARP) and an 802.3 length as payload', () => {
    for (const type of [0x0806, 0x0040]) {
      const p = decodePacket(LinkType.ETHERNET, concat(ethernet(type), [1, 2, 3]));
      expect([p.network, p.transport, p.payload]).toEqual([undefined, undefined, new Uint8Array([1, 2, 3])]);
    }
  });

  it('reads Linux cooked captures v1 (113) and v2 (276)', () => {
    const sll = concat([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 7, 0, 0, 0x08, 0x00], datagram);
    expect(sll.length).toBe(16 + datagram.length);
    const p1 = decodePacket(LinkType.LINUX_SLL, sll);
    expect(p1.link).toMatchObject({
      type: 'sll',
      headerLength: 16,
      etherType: 0x0800,
      header: { packetType: 0, arphrdType: 1, addressLength: 6 },
    });
    expect(p1.payload).toEqual(text('hi'));
    const sll2 = concat([0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 2, 0, 0, 0, 0, 0, 7, 0], datagram6);
    const p2 = decodePacket(LinkType.LINUX_SLL2, sll2);
    expect(p2.link).toMatchObject({
      type: 'sll2',
      headerLength: 20,
      etherType: 0x86dd,
      header: { interfaceIndex: 3, packetType: 4 },
    });
    expect(p2.network?.type).toBe('ipv6');
  });

  it('reads BSD NULL in either byte order and LOOP in network order; IPv6 by its BSD families', () => {
    const le = decodePacket(LinkType.NULL, concat([2, 0, 0, 0], datagram));
    expect(le.link).toEqual({ type: 'null', linkType: 0, headerLength: 4, family: 2, littleEndian: true });
    expect(le.network?.type).toBe('ipv4');
    const be = decodePacket(LinkType.NULL, concat([0, 0, 0, 2], datagram));
    expect(be.link).toMatchObject({ family: 2, littleEndian: false });
    for (const family of [24, 28, 30]) {
      const p = decodePacket(LinkType.LOOP, concat([0, 0, 0, family], datagram6));
      expect([p.link.type, p.network?.type]).toEqual(['null', 'ipv6']);
    }
    const other = decodePacket(LinkType.NULL, concat([7, 0, 0, 0], datagram));
    expect([other.network, other.payload.length]).toEqual([undefined, datagram.length]);
  });

  it('reads raw IP: 101 by the version nibble, 228 and 229 by the link type', () => {
    expect(decodePacket(LinkType.RAW, datagram).network?.type).toBe('ipv4');
    expect(decodePacket(LinkType.RAW, datagram6).network?.type).toBe('ipv6');
    expect(decodePacket(LinkType.IPV4, datagram).payload).toEqual(text('hi'));
    expect(decodePacket(LinkType.IPV6, datagram6).payload).toEqual(text('hi'));
    expect(() => decodePacket(LinkType.RAW, concat([0x55], datagram.subarray(1)))).toThrow(
      expect.objectContaining({ code: 'BAD_IP_VERSION', offset: 0 }),
    );
    expect(() => decodePacket(LinkType.IPV6, datagram)).toThrow(
      expect.objectContaining({ code: 'BAD_IP_VERSION' }),
    );
  });

  it('notes an unknown link type and keeps the packet as payload', () => {
    const p = decodePacket(147, datagram);
    expect(p.link).toEqual({ type: 'unknown', linkType: 147, headerLength: 0 });
    expect(p.problems.map((x) => x.code)).toEqual(['UNSUPPORTED_LINK_TYPE']);
    expect(p.payload).toEqual(datagram);
  });
});
