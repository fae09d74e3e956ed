// Address texts as tshark prints them (the IPv6 cases are tshark 4.0's output for these addresses),
// and the address codecs' round trips.
import { decode, encode } from '@stride/codec';
import { ipv4Address, ipv6Address, ipv6Text, macAddress } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Bytes } from './support/build.js';

describe('addresses', () => {
  it('prints IPv6 as tshark does: RFC 5952, embedded IPv4 for mapped and compatible addresses', () => {
    const cases: [string, string][] = [
      ['0:0:0:0:0:ffff:7f00:1', '::ffff:127.0.0.1'],
      ['0:0:0:0:0:0:203:405', '::2.3.4.5'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:0:0:0:0', '2001:db8:0:1::'],
      ['0:0:0:0:0:0:0:1', '::1'],
      ['fe80:0:0:0:0:0:0:a', 'fe80::a'],
      ['2001:0:0:0:ffff:0:0:1', '2001::ffff:0:0:1'],
      ['64:ff9b:0:0:0:0:102:304', '64:ff9b::102:304'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['1:0:1:0:1:0:1:0', '1:0:1:0:1:0:1:0'],
    ];
    for (const [full, text] of cases) expect(ipv6Text(Uint8Array.from(ipv6Bytes(full)))).toBe(text);
  });

  it('decodes and encodes IPv4, IPv6 and MAC addresses both ways', () => {
    expect(decode(ipv4Address, Uint8Array.of(192, 168, 0, 255))).toBe('192.168.0.255');
    expect(decode(macAddress, Uint8Array.of(0, 0x1b, 0x21, 0x0a, 0x0b, 0xff))).toBe('00:1b:21:0a:0b:ff');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 6, maxLength: 6 }),
        (v6, mac) => {
          expect(encode(ipv6Address, decode(ipv6Address, v6))).toEqual(v6);
          expect(encode(macAddress, decode(macAddress, mac))).toEqual(mac);
          expect(encode(ipv4Address, decode(ipv4Address, v6.subarray(0, 4)))).toEqual(v6.subarray(0, 4));
        },
      ),
    );
    expect(() => encode(ipv4Address, '1.2.3')).toThrow(/not an IPv4 address/);
    expect(() => encode(ipv6Address, 'nope')).toThrow(/not an IPv6 address/);
  });
});
