// The segments of synthetic.pcap (fixtures/), a capture made to hold what the loopback captures
// lack: sequence numbers wrapping around 2^32, segments out of order, retransmissions (whole,
// partial, overlapping held bytes), a keep-alive probe, a connection that began before the
// capture, port pairs reused (after a close, and with the close never seen), and IPv6. fixtures/write-synthetic.ts writes them as a pcap
// for tshark to follow; synthetic.test.ts reassembles the same segments and compares.
import type { TcpSegment } from '@stride/pcap';
import { Wire } from './wire.js';

const text = (n: number, seed: string) => Array.from({ length: n }, (_, i) => seed[i % seed.length]).join('');

export function syntheticSegments(): TcpSegment[] {
  const frames = { last: 0 };
  const a = new Wire({ ip: '192.168.1.10', port: 51000 }, { ip: '192.168.1.20', port: 6379 }, frames);
  const b = new Wire({ ip: '192.168.1.11', port: 5000 }, { ip: '192.168.1.20', port: 443 }, frames);
  const c = new Wire({ ip: '192.168.1.12', port: 52000 }, { ip: '192.168.1.20', port: 5432 }, frames);
  const d = new Wire({ ip: '2001:db8::12', port: 53000 }, { ip: '2001:db8::20', port: 1883 }, frames);
  const A = 0xfffffff0; // a's client ISN: its bytes cross 2^32 at offset 15
  const S = 0xffffff00;
  const body = text(40, 'abcdefghijklmnopqrstuvwxyz0123456789');
  return [
    a.seg('c', A, '', 'S'),
    a.seg('s', S, '', 'SA', A + 1),
    a.seg('c', A + 1, '', 'A', S + 1),
    a.seg('c', A + 1, body.slice(0, 10), 'PA', S + 1),
    a.seg('c', A + 21, body.slice(20, 30), 'PA', S + 1), // ahead of a hole
    b.seg('c', 7000, 'GET / HTTP/1.1\r\n', 'PA', 9000), // began before the capture
    a.seg('c', A + 11, body.slice(10, 20), 'PA', S + 1), // fills the hole, across 0
    a.seg('c', A + 11, body.slice(10, 20), 'PA', S + 1), // a retransmission
    a.seg('c', A + 26, body.slice(25, 40), 'PA', S + 1), // half old, half new
    b.seg('s', 9000, 'HTTP/1.1 200 OK\r\n', 'PA', 7016),
    a.seg('s', S + 1, text(300, '+OK\r\n'), 'PA', A + 41),
    b.seg('c', 7015, '\n', 'A', 9017), // a keep-alive probe
    c.seg('c', 100, '', 'S'),
    c.seg('s', 500, '', 'SA', 101),
    c.seg('c', 111, 'klmno', 'PA', 501),
    c.seg('c', 106, 'fghijk', 'PA', 501), // ends inside the held bytes
    c.seg('c', 101, 'abcdefgh', 'PA', 501), // ends inside the bytes just given
    a.seg('c', A + 41, '', 'FA', S + 301),
    a.seg('s', S + 301, '', 'FA', A + 42),
    a.seg('c', A + 42, '', 'A', S + 302),
    c.seg('s', 501, 'ok', 'PA', 116),
    c.seg('c', 116, '', 'R'),
    a.seg('c', 77, '', 'S'), // the same port pair again: a new connection
    a.seg('s', 4000, '', 'SA', 78),
    a.seg('c', 78, 'again', 'PA', 4001),
    a.seg('s', 4001, 'back', 'PA', 83),
    b.seg('c', 7016, 'Host: x\r\n\r\n', 'PA', 9017),
    b.seg('c', 123, '', 'S'), // the same port pair, its close never seen: a new connection
    b.seg('s', 8000, '', 'SA', 124),
    b.seg('c', 124, 'new', 'PA', 8001),
    d.seg('c', 0xffffffff, '', 'S'), // IPv6, the first byte at sequence number 0
    d.seg('s', 1, '', 'SA', 0),
    d.seg('c', 4, 'def', 'PA', 2),
    d.seg('c', 0, 'abcd', 'PA', 2),
    d.seg('s', 2, 'v6', 'PA', 7),
  ];
}
