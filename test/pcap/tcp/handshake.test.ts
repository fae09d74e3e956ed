// A connection's life: the handshake names the client, data comes with its offsets and frames,
// FIN both ways or a RST closes it, the capture's end closes what is left, and without a SYN the
// roles come from the ports or the first sender (roles.ts's rule).
import { TcpReassembler } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { ofType, run, stream, Wire } from './wire.js';

describe('a connection with a handshake', () => {
  const w = new Wire();
  const events = run([
    w.seg('c', 1000, '', 'S'),
    w.seg('s', 5000, '', 'SA'),
    w.seg('c', 1001, '', 'A'),
    w.seg('c', 1001, 'PING\r\n', 'PA'),
    w.seg('s', 5001, '+PONG\r\n', 'PA'),
    w.seg('c', 1007, 'QUIT', 'PA'),
    w.seg('c', 1011, '', 'FA'),
    w.seg('s', 5008, '', 'FA'),
    w.seg('c', 1012, '', 'A'),
  ]);

  it('opens with the SYN sender as client and closes on FIN both ways', () => {
    expect(events[0]).toMatchObject({
      type: 'open',
      connection: { id: 0, client: '10.0.0.1:50312', server: '10.0.0.2:6379', handshake: true, frame: 1 },
    });
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'fin', frame: 8 });
    expect(ofType(events, 'close')).toHaveLength(1);
  });

  it('gives each direction in order with offsets from the byte after the SYN and each frame', () => {
    expect(stream(events, 'c2s')).toBe('PING\r\nQUIT');
    expect(stream(events, 's2c')).toBe('+PONG\r\n');
    const data = ofType(events, 'data').map((e) => [e.direction, e.offset, e.frame, e.timestamp]);
    expect(data).toEqual([
      ['c2s', 0, 4, 4_000_000n],
      ['s2c', 0, 5, 5_000_000n],
      ['c2s', 6, 6, 6_000_000n],
    ]);
  });

  it('gives no warning, gap or overlap', () => {
    expect(events.filter((e) => !['open', 'data', 'close'].includes(e.type))).toEqual([]);
  });
});

describe('closing', () => {
  it('a RST closes at once, flushing what was held as gaps and data', () => {
    const w = new Wire();
    const events = run([w.seg('c', 0, '', 'S'), w.seg('c', 4, 'late', 'PA'), w.seg('s', 9, '', 'R')]);
    expect(stream(events, 'c2s')).toBe('???late');
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'rst', frame: 3 });
  });

  it('the end of the capture closes open connections in the order they opened', () => {
    const w1 = new Wire();
    const w2 = new Wire({ ip: '10.0.0.3', port: 40000 });
    const events = run([w1.seg('c', 0, 'a', 'PA'), w2.seg('c', 0, 'b', 'PA'), w1.seg('c', 1, 'c', 'PA')]);
    expect(ofType(events, 'close').map((e) => [e.connection.id, e.reason, e.frame])).toEqual([
      [0, 'end', undefined],
      [1, 'end', undefined],
    ]);
  });

  it('one FIN alone does not close; the bytes before a FIN never seen are a gap at the end', () => {
    const w = new Wire();
    const events = run([w.seg('c', 0, '', 'S'), w.seg('c', 1, 'ab', 'PA'), w.seg('c', 6, '', 'FA')]);
    expect(stream(events, 'c2s')).toBe('ab???');
    expect(ofType(events, 'close')).toEqual([expect.objectContaining({ reason: 'end' })]);
  });

  it('a FIN carrying data ends the stream after it; bytes past the FIN are dropped with a warning', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('s', 0, '', 'SA'),
      w.seg('c', 1, 'bye', 'FA'),
      w.seg('c', 4, 'more', 'PA'),
      w.seg('s', 1, '', 'FA'),
    ]);
    expect(stream(events, 'c2s')).toBe('bye');
    expect(ofType(events, 'warning').map((e) => [e.code, e.frame])).toEqual([['DATA_AFTER_FIN', 4]]);
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'fin', frame: 5 });
  });

  it('late segments of a closed connection are absorbed (data with a warning)', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('c', 1, '', 'FA'),
      w.seg('s', 0, '', 'FA'),
      w.seg('c', 2, '', 'A'),
      w.seg('s', 1, 'x', 'PA'),
    ]);
    expect(ofType(events, 'open')).toHaveLength(1);
    expect(ofType(events, 'warning').map((e) => [e.code, e.frame])).toEqual([['SEGMENT_AFTER_CLOSE', 5]]);
  });

  it('a RST on endpoints never seen opens nothing', () => {
    const w = new Wire();
    expect(run([w.seg('c', 7, '', 'R')])).toEqual([]);
  });
});

describe('roles', () => {
  const client = (events: ReturnType<typeof run>) => ofType(events, 'open')[0]?.connection.client;

  it('a SYN-ACK seen first comes from the server', () => {
    const w = new Wire();
    expect(client(run([w.seg('s', 0, '', 'SA')]))).toBe('10.0.0.1:50312');
  });

  it('without a SYN, a well-known port is the server', () => {
    const w = new Wire({ ip: '10.0.0.1', port: 5000 }, { ip: '10.0.0.2', port: 443 });
    expect(client(run([w.seg('s', 0, 'x', 'PA')]))).toBe('10.0.0.1:5000');
  });

  it('without a SYN, a registered port is the server when the other is ephemeral', () => {
    const w = new Wire({ ip: '10.0.0.1', port: 50312 }, { ip: '10.0.0.2', port: 16379 });
    expect(client(run([w.seg('s', 0, 'x', 'PA')]))).toBe('10.0.0.1:50312');
  });

  it('without a SYN and with ports of one class, the first sender is the client', () => {
    const w = new Wire({ ip: '10.0.0.1', port: 50312 }, { ip: '10.0.0.2', port: 50313 });
    expect(client(run([w.seg('s', 0, 'x', 'PA')]))).toBe('10.0.0.2:50313');
  });

  it('serverPorts comes first', () => {
    const w = new Wire({ ip: '10.0.0.1', port: 80 }, { ip: '10.0.0.2', port: 50313 });
    expect(client(run([w.seg('c', 0, 'x', 'PA')], { serverPorts: [50313] }))).toBe('10.0.0.1:80');
  });

  it('IPv6 endpoints are written in brackets', () => {
    const w = new Wire({ ip: '::1', port: 50312 }, { ip: '::1', port: 5432 });
    expect(ofType(run([w.seg('c', 0, '', 'S')]), 'open')[0]?.connection).toMatchObject({
      client: '[::1]:50312',
      server: '[::1]:5432',
    });
  });
});

describe('a connection that began before the capture', () => {
  it('starts at the first segment with data; pure ACKs before it do not place the stream', () => {
    const w = new Wire();
    const events = run([w.seg('c', 99, '', 'A'), w.seg('c', 700, 'abc', 'PA'), w.seg('s', 3, 'de', 'PA')]);
    expect(ofType(events, 'open')[0]?.connection).toMatchObject({ handshake: false, frame: 1 });
    expect(stream(events, 'c2s')).toBe('abc');
    expect(stream(events, 's2c')).toBe('de');
  });

  it('drops bytes from before the first one seen with a warning', () => {
    const w = new Wire();
    const events = run([w.seg('c', 10, 'cd', 'PA'), w.seg('c', 8, 'abcd', 'PA')]);
    expect(stream(events, 'c2s')).toBe('cd');
    expect(ofType(events, 'warning').map((e) => e.code)).toEqual(['SEGMENT_BEFORE_START']);
    expect(ofType(events, 'overlap')).toMatchObject([{ offset: 0, length: 2, conflicting: false }]);
  });
});

describe('a SYN carrying data (TCP Fast Open)', () => {
  it('its payload starts at offset 0', () => {
    const w = new Wire();
    expect(stream(run([w.seg('c', 41, 'GET', 'S'), w.seg('c', 45, '/', 'PA')]), 'c2s')).toBe('GET/');
  });
});

describe('options', () => {
  it('refuses bounds that are not non-negative integers, and maxGap past half the sequence space', () => {
    expect(() => new TcpReassembler({ maxConnections: 0 })).toThrow(RangeError);
    expect(() => new TcpReassembler({ maxBufferedPerDirection: -1 })).toThrow(RangeError);
    expect(() => new TcpReassembler({ retainDelivered: 1.5 })).toThrow(RangeError);
    expect(() => new TcpReassembler({ maxGap: 2 ** 31 })).toThrow(RangeError);
    expect(new TcpReassembler({ maxGap: 2 ** 31 - 1 }).connections).toBe(0);
  });
});
