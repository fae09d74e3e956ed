// TcpReassembler against tshark on synthetic.pcap's segments (synthetic.ts): wrap-around,
// reordering, retransmissions, a keep-alive, a connection begun before the capture, reused port
// pairs and IPv6 give the streams `tshark -qz follow,tcp,raw,N` gives, with the events the cases call for.
import { describe, expect, it } from 'vitest';
import { expectFollowed, readFollow } from './follow.js';
import { syntheticSegments } from './synthetic.js';
import { ofType, run, stream } from './wire.js';

describe('synthetic.pcap', () => {
  const events = run(syntheticSegments());
  const streams = readFollow()['synthetic.pcap'] ?? [];

  it("gives tshark's streams", () => {
    expect(streams).toHaveLength(6);
    expectFollowed(events, streams);
  });

  it('reports the retransmissions as overlaps, none conflicting, and nothing else', () => {
    expect(
      ofType(events, 'overlap').map((e) => [e.connection.id, e.offset, e.length, e.conflicting, e.frame]),
    ).toEqual([
      [0, 10, 10, false, 8],
      [0, 25, 5, false, 9],
      [2, 10, 1, false, 16],
      [2, 5, 3, false, 17],
    ]);
    expect(ofType(events, 'warning')).toEqual([]);
    expect(ofType(events, 'close').map((e) => [e.connection.id, e.reason])).toEqual([
      [0, 'fin'],
      [2, 'rst'],
      [1, 'reused'],
      [3, 'end'],
      [4, 'end'],
      [5, 'end'],
    ]);
  });

  it('crosses 2^32 in the first connection', () => {
    expect(stream(events, 'c2s', 0)).toBe('abcdefghijklmnopqrstuvwxyz0123456789abcd');
  });

  it('names IPv6 endpoints in brackets, as tshark does', () => {
    expect(ofType(events, 'open')[5]?.connection).toMatchObject({
      client: '[2001:db8::12]:53000',
      server: '[2001:db8::20]:1883',
    });
    expect(stream(events, 'c2s', 5)).toBe('abcddef');
  });
});
