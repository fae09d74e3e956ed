// The table of connections: a new SYN on a closed connection's endpoints, or with another ISN on an
// open one's, is a new connection (port reuse); the table is bounded by maxConnections (the least
// recently active evicted with a warning and closed, its held bytes flushed), and a flood of a
// million half-open connections stays within the bound in linear time.
import { TcpReassembler, type TcpSegment } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { ofType, run, stream, Wire } from './wire.js';

describe('port reuse', () => {
  it('a SYN on the endpoints of a closed connection opens a new one', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('s', 0, '', 'SA'),
      w.seg('c', 1, 'one', 'PA'),
      w.seg('c', 4, '', 'FA'),
      w.seg('s', 1, '', 'FA'),
      w.seg('c', 900, '', 'S'),
      w.seg('s', 300, '', 'SA'),
      w.seg('c', 901, 'two', 'PA'),
    ]);
    expect(ofType(events, 'open').map((e) => [e.connection.id, e.connection.frame])).toEqual([
      [0, 1],
      [1, 6],
    ]);
    expect(stream(events, 'c2s', 0)).toBe('one');
    expect(stream(events, 'c2s', 1)).toBe('two');
    expect(ofType(events, 'close').map((e) => [e.connection.id, e.reason])).toEqual([
      [0, 'fin'],
      [1, 'end'],
    ]);
  });

  it('a SYN with another ISN on an open connection (its close never seen) closes it as reused', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('c', 1, 'held', 'PA'),
      w.seg('c', 9, 'lost', 'PA'),
      w.seg('c', 500, '', 'S'),
      w.seg('c', 501, 'next', 'PA'),
    ]);
    expect(ofType(events, 'close').map((e) => [e.connection.id, e.reason, e.frame])).toEqual([
      [0, 'reused', 4],
      [1, 'end', undefined],
    ]);
    expect(stream(events, 'c2s', 0)).toBe('held????lost');
    expect(stream(events, 'c2s', 1)).toBe('next');
  });

  it('a SYN-ACK or a server SYN on an open connection does not start a new one', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('c', 1, 'a', 'PA'),
      w.seg('s', 70, '', 'SA'),
      w.seg('s', 70, '', 'SA'),
    ]);
    expect(ofType(events, 'open')).toHaveLength(1);
  });

  it('a SYN on the endpoints of an open connection is not a new one (a retransmitted SYN)', () => {
    const w = new Wire();
    const events = run([w.seg('c', 0, '', 'S'), w.seg('c', 0, '', 'S'), w.seg('c', 1, 'x', 'PA')]);
    expect(ofType(events, 'open')).toHaveLength(1);
    expect(stream(events, 'c2s')).toBe('x');
  });
});

describe('maxConnections', () => {
  const from = (port: number) => new Wire({ ip: '10.0.0.1', port }, { ip: '10.0.0.2', port: 80 });

  it('evicts the least recently active connection, flushing it, with a warning', () => {
    const [a, b, c] = [from(40001), from(40002), from(40003)];
    const events = run(
      [
        a.seg('c', 0, '', 'S'),
        a.seg('c', 5, 'later', 'PA'),
        b.seg('c', 0, '', 'S'),
        a.seg('c', 10, '', 'A'),
        c.seg('c', 0, '', 'S'),
      ],
      { maxConnections: 2 },
    );
    const evicted = ofType(events, 'close').find((e) => e.reason === 'evicted');
    expect(evicted?.connection.client).toBe('10.0.0.1:40002');
    expect(ofType(events, 'warning')).toMatchObject([{ code: 'CONNECTION_EVICTED', frame: 1 }]);
    expect(stream(events, 'c2s', 0)).toBe('????later');
  });

  it('closed connections make room silently', () => {
    const [a, b] = [from(40001), from(40002)];
    const events = run(
      [a.seg('c', 0, '', 'R'), a.seg('c', 0, 'x', 'PA'), a.seg('c', 1, '', 'R'), b.seg('c', 0, '', 'S')],
      {
        maxConnections: 1,
      },
    );
    expect(ofType(events, 'warning')).toEqual([]);
    expect(ofType(events, 'close').map((e) => e.reason)).toEqual(['rst', 'end']);
  });

  it('a million half-open connections stay within the bound, in linear time', () => {
    const reassembler = new TcpReassembler({ maxConnections: 1000 });
    const counts = { open: 0, close: 0, warning: 0 };
    const flags = { syn: true, fin: false, rst: false, ack: false, psh: false };
    const payload = new Uint8Array(0);
    const started = performance.now();
    for (let i = 0; i < 1_000_000; i++) {
      const segment: TcpSegment = {
        frame: i + 1,
        timestamp: 0n,
        src: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        dst: '10.255.255.255',
        srcPort: 1024 + (i % 60000),
        dstPort: 80,
        seq: i,
        ack: 0,
        flags,
        payload,
      };
      reassembler.push(segment, (e) => {
        if (e.type in counts) counts[e.type as keyof typeof counts]++;
      });
      if (i % 100_000 === 0) expect(reassembler.connections).toBeLessThanOrEqual(1000);
    }
    reassembler.finish((e) => {
      if (e.type in counts) counts[e.type as keyof typeof counts]++;
    });
    expect(counts).toEqual({ open: 1_000_000, close: 1_000_000, warning: 999_000 });
    expect(reassembler.connections).toBe(0);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
