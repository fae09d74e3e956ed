// Ipv4Reassembler: a UDP datagram cut into fragments, put back in order, reversed, shuffled and with
// overlaps (the first copy wins, conflicts reported), and every bound: maxDatagrams, maxBytes,
// timeout by capture time, bad fragment sizes, inconsistent ends, finish.
import { decodePacket, Ipv4Reassembler, LinkType, type ReassemblyEvent } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ipv4Spec, ipv4, udp, withChecksum } from './support/build.js';

const payload = Uint8Array.from({ length: 100 }, (_, i) => i);
const datagram = withChecksum(udp(1000, 2000, payload), 17, '10.0.0.1', '10.0.0.2');

/** A fragment of `datagram`'s data [start, end) as a decoded packet. */
function fragment(start: number, end: number, spec: Partial<Ipv4Spec> = {}, data = datagram) {
  const more = end < data.length;
  const bytes = ipv4(
    { protocol: 17, fragmentOffset: start, moreFragments: more, ...spec },
    data.subarray(start, end),
  );
  return decodePacket(LinkType.IPV4, bytes);
}

/** The fragments of `datagram` at these cut points. */
const cut = (points: number[]) =>
  [0, ...points].map((p, i, all) => fragment(p, all[i + 1] ?? datagram.length));

function run(packets: ReturnType<typeof fragment>[], r = new Ipv4Reassembler(), times?: bigint[]) {
  const events: ReassemblyEvent[] = [];
  packets.forEach((p, i) => {
    r.push(p, times?.[i] ?? 0n, (e) => events.push(e));
  });
  return events;
}

function expectWhole(events: ReassemblyEvent[]) {
  const done = events.filter((e) => e.type === 'datagram');
  expect(done).toHaveLength(1);
  const data = done[0]?.type === 'datagram' ? done[0].data : new Uint8Array(0);
  const p = decodePacket(LinkType.IPV4, data, { checksums: true });
  expect(p.network).toMatchObject({ checksum: 'good', fragmented: false, header: { totalLength: 128 } });
  expect(p.transport).toMatchObject({ type: 'udp', checksum: 'good', header: { srcPort: 1000 } });
  expect(p.payload).toEqual(payload);
}

describe('Ipv4Reassembler', () => {
  it('puts fragments back together in order, reversed and in any order', () => {
    expectWhole(run(cut([40, 80])));
    expectWhole(run(cut([40, 80]).reverse()));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        (cuts, seed) => {
          const packets = cut(cuts.map((c) => c * 8).sort((a, b) => a - b));
          const order = packets.map((p, i) => ({ p, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k);
          expectWhole(run(order.map((o) => o.p)));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('keeps the first copy of overlapping bytes and reports each overlap, conflicting or not', () => {
    const forged = datagram.slice();
    forged[50] = (datagram[50] as number) ^ 0xff;
    const events = run([fragment(0, 64), fragment(32, 72, {}, forged), fragment(56, datagram.length)]);
    expect(events.filter((e) => e.type === 'overlap')).toEqual([
      { type: 'overlap', key: '10.0.0.1>10.0.0.2/17/4660', offset: 32, length: 32, conflicting: true },
      { type: 'overlap', key: '10.0.0.1>10.0.0.2/17/4660', offset: 56, length: 8, conflicting: false },
      { type: 'overlap', key: '10.0.0.1>10.0.0.2/17/4660', offset: 64, length: 8, conflicting: false },
    ]);
    expectWhole(events);
  });

  it('holds at most maxDatagrams, evicting the oldest', () => {
    const r = new Ipv4Reassembler({ maxDatagrams: 2 });
    const events = run(
      [1, 2, 3].map((id) => fragment(0, 40, { id })),
      r,
    );
    expect(events).toEqual([
      expect.objectContaining({ type: 'drop', code: 'EVICTED', key: '10.0.0.1>10.0.0.2/17/1' }),
    ]);
    expect(r.pending).toBe(2);
  });

  it('drops a datagram that waits longer than the timeout, by capture time', () => {
    const r = new Ipv4Reassembler({ timeout: 1_000n });
    const events = run([fragment(0, 40), fragment(40, 80, { id: 9 }), fragment(40, datagram.length)], r, [
      0n,
      2_000n,
      2_001n,
    ]);
    expect(events.map((e) => (e.type === 'drop' ? e.code : e.type))).toEqual(['TIMEOUT']);
    expect(r.pending).toBe(2);
  });

  it('drops fragments past maxBytes, non-last fragments not a multiple of 8, inconsistent ends', () => {
    const big = run([fragment(0, 64)], new Ipv4Reassembler({ maxBytes: 60 }));
    expect(big.map((e) => e.type === 'drop' && e.code)).toEqual(['TOO_LARGE']);
    const odd = run([fragment(0, 41)]);
    expect(odd.map((e) => e.type === 'drop' && e.code)).toEqual(['BAD_FRAGMENT']);
    const ends = run([fragment(40, datagram.length), fragment(40, 100, { moreFragments: false })]);
    expect(ends.map((e) => e.type === 'drop' && e.code)).toEqual(['INCONSISTENT_END']);
    const past = run([fragment(40, 80, { moreFragments: false }), fragment(80, 96, { moreFragments: true })]);
    expect(past.map((e) => e.type === 'drop' && e.code)).toEqual(['INCONSISTENT_END']);
  });

  it('drops what is still held at finish, and refuses a packet that is not a fragment', () => {
    const r = new Ipv4Reassembler();
    run([fragment(0, 40)], r);
    const events: ReassemblyEvent[] = [];
    r.finish((e) => events.push(e));
    expect(events.map((e) => e.type === 'drop' && e.code)).toEqual(['INCOMPLETE']);
    expect(r.pending).toBe(0);
    expect(() => r.push(decodePacket(LinkType.IPV4, ipv4({ protocol: 17 }, datagram)), 0n, () => {})).toThrow(
      TypeError,
    );
  });

  it('keeps the first fragment header and its options in the datagram', () => {
    const options = [1, 1, 1, 0];
    const first = decodePacket(
      LinkType.IPV4,
      ipv4({ protocol: 17, moreFragments: true, options }, datagram.subarray(0, 48)),
    );
    const events = run([fragment(48, datagram.length), first]);
    const done = events.find((e) => e.type === 'datagram');
    const p = decodePacket(LinkType.IPV4, done?.type === 'datagram' ? done.data : new Uint8Array(0), {
      checksums: true,
    });
    expect(p.network).toMatchObject({ headerLength: 24, checksum: 'good' });
    expect(p.payload).toEqual(payload);
  });
});
