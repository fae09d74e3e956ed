// The header schemas encode what they decode: any bytes of a fixed header's size decode to fields
// that encode back to the same bytes (every bit pattern is a header), and options lists too.
import { type Codec, decode, encode } from '@stride/codec';
import {
  EthernetHeader,
  Ipv4Header,
  Ipv6FragmentHeader,
  Ipv6Header,
  ipv4Options,
  Sll2Header,
  SllHeader,
  TcpHeader,
  tcpOptions,
  UdpHeader,
  VlanTag,
} from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const FIXED: [string, Codec<unknown>, number][] = [
  ['Ethernet', EthernetHeader as Codec<unknown>, 14],
  ['VLAN tag', VlanTag as Codec<unknown>, 4],
  ['SLL', SllHeader as Codec<unknown>, 16],
  ['SLL2', Sll2Header as Codec<unknown>, 20],
  ['IPv4', Ipv4Header as Codec<unknown>, 20],
  ['IPv6', Ipv6Header as Codec<unknown>, 40],
  ['IPv6 fragment', Ipv6FragmentHeader as Codec<unknown>, 8],
  ['TCP', TcpHeader as Codec<unknown>, 20],
  ['UDP', UdpHeader as Codec<unknown>, 8],
];

describe('header schemas', () => {
  for (const [name, codec, size] of FIXED) {
    it(`${name}: ${size} bytes decode and encode back`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: size, maxLength: size }), (bytes) => {
          expect(encode(codec, decode(codec, bytes))).toEqual(bytes);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('TCP and IPv4 options encode back to their bytes', () => {
    const tcpBytes = Uint8Array.from([
      2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0,
    ]);
    const tcp = tcpOptions[13] as (typeof tcpOptions)[number];
    expect(encode(tcp, decode(tcp, tcpBytes))).toEqual(tcpBytes);
    const ipBytes = Uint8Array.from([1, 148, 4, 0, 0, 0, 0, 0]);
    const ip = ipv4Options[7] as (typeof ipv4Options)[number];
    expect(decode(ip, ipBytes)).toEqual([
      { type: 1 },
      { type: 148, length: 4, data: Uint8Array.of(0, 0) },
      { type: 0, padding: Uint8Array.of(0, 0) },
    ]);
    expect(encode(ip, decode(ip, ipBytes))).toEqual(ipBytes);
  });
});
