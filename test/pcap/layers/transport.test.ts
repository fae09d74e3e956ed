// TCP (options, data offset, flags) and UDP (lengths), and the checksums over the pseudo-header
// for both over IPv4 and IPv6: known-good packets (summed by the test's own loop) and corrupted ones.
import { decode } from '@stride/codec';
import { decodePacket, LinkType, type TcpLayer, tcpOptions } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv4, ipv6, tcp, text, udp, withChecksum } from './support/build.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as { code: string }).code, (e as { offset: number }).offset];
  }
  return undefined;
};
const overV4 = (segment: Uint8Array, protocol: 6 | 17) =>
  decodePacket(LinkType.IPV4, ipv4({ protocol }, segment), { checksums: true });

describe('TCP', () => {
  it('parses MSS, window scale, SACK permitted, SACK blocks, timestamps, unknown kinds and the end', () => {
    const options = [
      ...[2, 4, 0x05, 0xb4],
      ...[1, 3, 3, 7],
      ...[4, 2, 1, 1],
      ...[5, 10, 0, 0, 0, 10, 0, 0, 0, 20],
      ...[8, 10, 0, 0, 0, 1, 0, 0, 0, 2],
      ...[30, 4, 0xab, 0xcd],
      ...[0, 0, 0, 0],
    ];
    const p = overV4(tcp({ options, flags: 0x002 }), 6);
    const t = p.transport as TcpLayer;
    expect(t.headerLength).toBe(20 + options.length);
    expect(t.options).toEqual([
      { kind: 2, length: 4, mss: 1460 },
      { kind: 1 },
      { kind: 3, length: 3, shift: 7 },
      { kind: 4, length: 2 },
      { kind: 1 },
      { kind: 1 },
      { kind: 5, length: 10, blocks: [{ left: 10, right: 20 }] },
      { kind: 8, length: 10, value: 1, echo: 2 },
      { kind: 30, length: 4, data: new Uint8Array([0xab, 0xcd]) },
      { kind: 0, padding: new Uint8Array([0, 0, 0]) },
    ]);
    expect(t.header.flags).toMatchObject({ dataOffset: 5 + options.length / 4, syn: true, ack: false });
  });

  it('refuses a fixed option of the wrong length, a SACK not 2 + 8n, an option past the header', () => {
    expect(code(() => overV4(tcp({ options: [2, 5, 0, 0] }), 6))).toEqual(['BAD_OPTION', 41]);
    expect(code(() => overV4(tcp({ options: [5, 6, 0, 0, 0, 0, 0, 0] }), 6))).toEqual(['BAD_OPTION', 41]);
    expect(code(() => overV4(tcp({ options: [1, 1, 8, 10] }), 6))).toEqual(['BAD_OPTION', 43]);
  });

  it('checks options as the schema decodes them: random option bytes fail in both or in neither', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.constantFrom(0, 1, 2, 3, 4, 5, 8, 10, 18, 99), { maxLength: 40 }),
        (words, pool) => {
          const options = Array.from({ length: words * 4 }, (_, i) => pool[i] ?? 1);
          let schema = true;
          try {
            decode(tcpOptions[5 + words] as (typeof tcpOptions)[number], Uint8Array.from(options));
          } catch {
            schema = false;
          }
          const decoded = code(() => (overV4(tcp({ options }), 6).transport as TcpLayer).options);
          expect(decoded === undefined).toBe(schema);
          if (decoded !== undefined) expect(decoded[0]).toBe('BAD_OPTION');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a data offset below 5 and a header past the datagram', () => {
    const segment = tcp({});
    segment[12] = 0x40;
    expect(code(() => overV4(segment, 6))).toEqual(['BAD_DATA_OFFSET', 32]);
    expect(code(() => overV4(tcp({}).subarray(0, 19), 6))).toEqual(['HEADER_TRUNCATED', 20]);
    expect(code(() => overV4(tcp({ options: [1, 1, 1, 1] }).subarray(0, 22), 6))).toEqual([
      'HEADER_TRUNCATED',
      20,
    ]);
  });

  it('verifies the checksum over the IPv4 and the IPv6 pseudo-header, and finds a flipped bit', () => {
    const v4 = withChecksum(tcp({}, text('payload')), 6, '10.0.0.1', '10.0.0.2');
    expect(overV4(v4, 6).transport?.checksum).toBe('good');
    expect(
      overV4(withChecksum(tcp({}, text('payload')), 6, '10.0.0.1', '10.0.0.2', true), 6).transport?.checksum,
    ).toBe('bad');
    const v6 = withChecksum(tcp({}, text('odd')), 6, '2001:db8::1', '2001:db8::2');
    expect(
      decodePacket(LinkType.IPV6, ipv6({ nextHeader: 6 }, v6), { checksums: true }).transport?.checksum,
    ).toBe('good');
    const bad6 = withChecksum(tcp({}, text('odd')), 6, '2001:db8::1', '2001:db8::3');
    expect(
      decodePacket(LinkType.IPV6, ipv6({ nextHeader: 6 }, bad6), { checksums: true }).transport?.checksum,
    ).toBe('bad');
    expect(decodePacket(LinkType.IPV4, ipv4({ protocol: 6 }, v4)).transport?.checksum).toBe('unverified');
  });
});

describe('UDP', () => {
  it('verifies its checksum over v4 and v6; a zero checksum is absent over IPv4, bad over IPv6', () => {
    const v4 = withChecksum(udp(53, 5353, text('dns?')), 17, '10.0.0.1', '10.0.0.2');
    expect(overV4(v4, 17).transport?.checksum).toBe('good');
    expect(
      overV4(withChecksum(udp(53, 5353, text('dns?')), 17, '10.0.0.1', '10.0.0.2', true), 17).transport
        ?.checksum,
    ).toBe('bad');
    expect(overV4(udp(53, 5353, text('dns?')), 17).transport?.checksum).toBe('absent');
    const v6 = withChecksum(udp(53, 5353, text('x')), 17, '2001:db8::1', '2001:db8::2');
    expect(
      decodePacket(LinkType.IPV6, ipv6({ nextHeader: 17 }, v6), { checksums: true }).transport?.checksum,
    ).toBe('good');
    const zero6 = ipv6({ nextHeader: 17 }, udp(53, 5353, text('x')));
    expect(decodePacket(LinkType.IPV6, zero6, { checksums: true }).transport?.checksum).toBe('bad');
  });

  it('ends the payload at the UDP length; a length past the IP payload is noted, below 8 refused', () => {
    const short = overV4(udp(1, 2, text('abcdef'), 10), 17);
    expect(short.payload).toEqual(text('ab'));
    const long = overV4(udp(1, 2, text('ab'), 50), 17);
    expect([long.payload, long.problems.map((x) => x.code)]).toEqual([text('ab'), ['UDP_LENGTH_PAST_IP']]);
    expect(code(() => overV4(udp(1, 2, text('ab'), 7), 17))).toEqual(['BAD_LENGTH', 24]);
  });
});
