// decodePacket reads the Ethernet, IPv4 and TCP fixed headers straight from the bytes, not through
// their schemas: any bytes give exactly what the schemas decode (the packet a view inside a larger
// buffer, as a capture's packets are).
import { decode } from '@stride/codec';
import { decodePacket, EthernetHeader, Ipv4Header, LinkType, TcpHeader } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });

describe('fixed headers', () => {
  it('Ethernet, IPv4 and TCP decode as their schemas do', () => {
    fc.assert(
      fc.property(bytes(14), bytes(20), bytes(20), fc.nat(7), (eth, ip, tcp, before) => {
        eth.set([0x08, 0x00], 12);
        ip.set([0x45], 0);
        ip.set([0, 40], 2);
        ip[6] = (ip[6] as number) & 0xc0; // neither more fragments nor an offset
        ip[7] = 0;
        ip[9] = 6;
        tcp[12] = 0x50 | ((tcp[12] as number) & 0x0f);
        const buffer = new Uint8Array(before + 54 + 3);
        buffer.set(eth, before);
        buffer.set(ip, before + 14);
        buffer.set(tcp, before + 34);
        const p = decodePacket(LinkType.ETHERNET, buffer.subarray(before, before + 54));
        expect(p.link.type === 'ethernet' && p.link.header).toEqual(decode(EthernetHeader, eth));
        expect(p.network?.header).toEqual(decode(Ipv4Header, ip));
        expect(p.transport?.header).toEqual(decode(TcpHeader, tcp));
      }),
      { numRuns: 300 },
    );
  });
});
