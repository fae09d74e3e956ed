// IPv4 (options, lengths, padding, header checksum) and IPv6 (the extension header chain), built by
// hand: what decodePacket reads, the problems it notes and the LayerErrors it throws, at which offset.
import { decodePacket, type Ipv4Layer, type Ipv6Layer, LinkType } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { concat, ethernet, ipv4, ipv6, tcp, text, udp } from './support/build.js';

const raw4 = (bytes: Uint8Array) => decodePacket(LinkType.IPV4, bytes, { checksums: true });
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return [(e as { code: string }).code, (e as { offset: number }).offset];
  }
  return undefined;
};

describe('IPv4', () => {
  it('reads the options (no-op, record route, end with padding) and goes on past them', () => {
    const options = [1, 7, 7, 4, 10, 0, 0, 1, 0, 0, 0, 0];
    const p = raw4(ipv4({ protocol: 17, options }, udp(5, 6, text('x'))));
    expect(p.network?.type === 'ipv4' && p.network.options).toEqual([
      { type: 1 },
      { type: 7, length: 7, data: new Uint8Array([4, 10, 0, 0, 1]) },
      { type: 0, padding: new Uint8Array([0, 0, 0]) },
    ]);
    expect(p.network).toMatchObject({ headerLength: 32, checksum: 'good' });
    expect(p.payload).toEqual(text('x'));
  });

  it('refuses an option that overruns the header or is shorter than 2, at the option', () => {
    expect(code(() => raw4(ipv4({ protocol: 17, options: [1, 68, 9, 0] }, udp(5, 6, text('x')))))).toEqual([
      'BAD_OPTION',
      23,
    ]);
    expect(code(() => raw4(ipv4({ protocol: 17, options: [68, 1, 0, 0] }, udp(5, 6, text('x')))))).toEqual([
      'BAD_OPTION',
      21,
    ]);
  });

  it('refuses an IHL below 5, a total length below the header, a header cut short', () => {
    const good = ipv4({ protocol: 17 }, udp(5, 6, text('x')));
    const ihl4 = good.slice();
    ihl4[0] = 0x44;
    expect(code(() => raw4(ihl4))).toEqual(['BAD_HEADER_LENGTH', 0]);
    expect(code(() => raw4(ipv4({ protocol: 17, totalLength: 19 }, udp(5, 6, text('x')))))).toEqual([
      'BAD_LENGTH',
      2,
    ]);
    expect(code(() => raw4(good.subarray(0, 19)))).toEqual(['HEADER_TRUNCATED', 0]);
    expect(
      code(() => raw4(ipv4({ protocol: 17, options: [1, 1, 1, 1] }, new Uint8Array(0)).subarray(0, 22))),
    ).toEqual(['HEADER_TRUNCATED', 0]);
  });

  it('ends the datagram at its total length: Ethernet padding is not payload', () => {
    const segment = tcp({}, text('abc'));
    const frame = concat(ethernet(0x0800), ipv4({ protocol: 6 }, segment), [0, 0, 0, 0, 0, 0]);
    const p = decodePacket(LinkType.ETHERNET, frame);
    expect(p.payload).toEqual(text('abc'));
    expect(p.network?.end).toBe(frame.length - 6);
  });

  it('notes a datagram cut by the snap length, and a total length of 0 (offload), and decodes on', () => {
    const whole = ipv4({ protocol: 6 }, tcp({}, text('abcdef')));
    const cut = raw4(whole.subarray(0, whole.length - 2));
    expect(cut.problems.map((x) => [x.code, x.offset])).toEqual([['PAYLOAD_TRUNCATED', whole.length - 2]]);
    expect(cut.payload).toEqual(text('abcd'));
    expect(cut.transport?.checksum).toBe('unverified');
    const zero = raw4(ipv4({ protocol: 6, totalLength: 0 }, tcp({}, text('ab'))));
    expect(zero.problems.map((x) => x.code)).toEqual(['TOTAL_LENGTH_ZERO']);
    expect(zero.payload).toEqual(text('ab'));
  });

  it('verifies the header checksum on request only', () => {
    const bad = ipv4({ protocol: 17, badChecksum: true }, udp(5, 6, text('x')));
    expect((raw4(bad).network as Ipv4Layer).checksum).toBe('bad');
    expect((decodePacket(LinkType.IPV4, bad).network as Ipv4Layer).checksum).toBe('unverified');
  });

  it('does not decode past a fragment: its payload is the fragment data', () => {
    for (const spec of [{ moreFragments: true }, { fragmentOffset: 8 }]) {
      const p = raw4(ipv4({ protocol: 17, ...spec }, udp(5, 6, text('abcdefgh'))));
      expect([p.network?.fragmented, p.transport, p.payload.length]).toEqual([true, undefined, 16]);
    }
  });
});

describe('IPv6', () => {
  const hopByHop = (next: number) => [next, 0, 5, 2, 0, 0, 1, 0];
  const routing = (next: number) => [next, 2, 0, 1, 0, 0, 0, 0, ...new Array(16).fill(0xaa)];
  const destination = (next: number) => [next, 1, 1, 12, ...new Array(12).fill(0)];
  const auth = (next: number) => [
    next,
    4,
    0,
    0,
    0,
    0,
    1,
    0,
    0,
    0,
    0,
    9,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    11,
    12,
  ];

  it('steps over hop-by-hop, routing, destination options and AH to TCP', () => {
    const chain = concat(hopByHop(43), routing(60), destination(51), auth(6), tcp({}, text('data')));
    const p = decodePacket(LinkType.IPV6, ipv6({ nextHeader: 0 }, chain));
    const net = p.network as Ipv6Layer;
    expect(net.extensions.map((e) => [e.type, e.offset])).toEqual([
      [0, 40],
      [43, 48],
      [60, 72],
      [51, 88],
    ]);
    expect(net).toMatchObject({ headerLength: 112, protocol: 6, fragmented: false });
    expect(net.extensions[1]?.header).toEqual({
      nextHeader: 60,
      length: 2,
      data: new Uint8Array([0, 1, 0, 0, 0, 0, ...new Array(16).fill(0xaa)]),
    });
    expect(p.transport?.type).toBe('tcp');
    expect(p.payload).toEqual(text('data'));
  });

  it('reads a fragment header; a fragment is not decoded further', () => {
    const whole = ipv6({ nextHeader: 44 }, concat([17, 0, 0, 0, 0, 0, 0, 7], udp(5, 6, text('x'))));
    const first = decodePacket(LinkType.IPV6, whole);
    expect((first.network as Ipv6Layer).extensions[0]?.header).toEqual({
      nextHeader: 17,
      reserved: 0,
      fragment: { offset: 0, reserved: 0, moreFragments: false },
      identification: 7,
    });
    expect(first.transport?.type).toBe('udp');
    const more = decodePacket(
      LinkType.IPV6,
      ipv6({ nextHeader: 44 }, concat([17, 0, 0, 1, 0, 0, 0, 7], udp(5, 6, text('x')))),
    );
    expect([more.network?.fragmented, more.transport]).toEqual([true, undefined]);
  });

  it('refuses an extension header that runs past the datagram, at its offset', () => {
    const p = ipv6({ nextHeader: 0 }, new Uint8Array([6, 3, 0, 0, 0, 0, 0, 0]));
    expect(code(() => decodePacket(LinkType.IPV6, p))).toEqual(['HEADER_TRUNCATED', 40]);
  });

  it('ends the chain at ESP and at no next header', () => {
    for (const next of [50, 59]) {
      const p = decodePacket(LinkType.IPV6, ipv6({ nextHeader: next }, text('opaque')));
      expect([p.network?.protocol, p.transport, p.payload]).toEqual([next, undefined, text('opaque')]);
    }
  });
});
