// The Dissector's promises beyond agreeing with tshark (tshark.test.ts): the same dissection in any
// chunking of the capture file; a gap (a frame dropped from a capture with CaptureWriter) stops its
// direction with a GAP error where the bytes went missing and nothing else changes; a reader's
// fault stops its direction with the reader's code; decode rules checked; connections no protocol
// claims listed with none; mutated captures give a dissection or the capture's DecodeError, no
// other exception.
import { DecodeError } from '@stride/codec';
import { dissect, type PacketRecord, parseDecodeRule } from '@stride/pcap';
import { PROTOCOLS } from '@stride/pcap/protocols';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, readRecords, writeRecords } from '../file/support.js';
import { CAPTURES, dissectCapture, pieces, readSegments } from './support.js';

describe('chunk-split invariance', () => {
  for (const name of Object.keys(CAPTURES)) {
    it(`${name}: the same dissection in any pieces of the file`, () => {
      const bytes = fixture(name);
      const whole = dissectCapture(name);
      expect(
        dissectCapture(
          name,
          [1, 2, 3, 24, 25, 100, 1000].filter((c) => c < bytes.length),
        ),
      ).toEqual(whole);
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 40 }),
          (cuts) => {
            expect(
              dissectCapture(
                name,
                cuts.sort((a, b) => a - b),
              ),
            ).toEqual(whole);
          },
        ),
        { numRuns: 10 },
      );
    });
  }
});

describe('mutated captures', () => {
  for (const name of Object.keys(CAPTURES).filter((n) => !n.includes('nsec'))) {
    it(`${name}: bytes changed anywhere give a dissection, with errors where readers fail, or a capture DecodeError`, () => {
      const bytes = fixture(name);
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })),
            {
              minLength: 1,
              maxLength: 8,
            },
          ),
          (changes) => {
            const mutated = bytes.slice();
            for (const [at, b] of changes) mutated[at] = b;
            try {
              const connections = dissectCapture(name, [], mutated);
              for (const c of connections) for (const e of c.errors) expect(e.code).toMatch(/^[A-Z0-9_]+$/);
            } catch (e) {
              expect(e).toBeInstanceOf(DecodeError);
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('a gap', () => {
  it('a dropped client segment stops the client direction at its offset; the server direction goes on', () => {
    const name = 'redis-resp.pcapng';
    // Stream 0's client segments with payload (redis-cli --pipe's commands): drop the third.
    const client = readSegments(name).filter((s) => s.stream === 0 && s.srcPort === 45696 && s.length > 0);
    const dropped = client[2];
    if (dropped === undefined) throw new Error('stream 0 has fewer than 3 client segments');
    expect(dropped.start).toBeGreaterThan(0);
    const records = readRecords(fixture(name)).filter(
      (r) => !(r.type === 'packet' && r.frame === dropped.frame),
    );
    const gapped = dissectCapture(name, [], writeRecords(records));
    const whole = dissectCapture(name);
    const [g, w] = [gapped[0], whole[0]];
    if (g === undefined || w === undefined) throw new Error('no stream 0');
    expect(g.errors).toEqual([
      {
        dir: 'c2s',
        code: 'GAP',
        offset: dropped.start,
        message: expect.stringContaining(`${dropped.length} bytes missing at ${dropped.start}`),
      },
    ]);
    // The client's messages that ended before the gap, and none after.
    const c2s = w.messages.filter((m) => m.dir === 'c2s');
    const before = c2s.filter((_, i) => (c2s[i + 1]?.offset ?? Number.POSITIVE_INFINITY) <= dropped.start);
    expect(before.length).toBeGreaterThan(0);
    expect(g.messages.filter((m) => m.dir === 'c2s')).toEqual(before);
    // The server's, all of them (the frames after the dropped one are numbered one less).
    const renumbered = w.messages
      .filter((m) => m.dir === 's2c')
      .map((m) => (m.frame > dropped.frame ? { ...m, frame: m.frame - 1 } : m));
    expect(g.messages.filter((m) => m.dir === 's2c')).toEqual(renumbered);
    // The other connections are as they were, but for their frame numbers.
    expect(gapped.slice(1).map((c) => c.messages.map((m) => [m.dir, m.offset, m.type]))).toEqual(
      whole.slice(1).map((c) => c.messages.map((m) => [m.dir, m.offset, m.type])),
    );
    expect(gapped.slice(1).every((c) => c.errors.length === 0)).toBe(true);
  });
});

describe("a reader's fault", () => {
  it("MQTT read as Redis: each direction stops at its first byte with a RESP error code (the client's, an inline line never ended, at the end)", () => {
    const connections = dissect(pieces(fixture('mqtt.pcapng')), {
      protocols: PROTOCOLS,
      decode: [parseDecodeRule('tcp.port==18830,redis')],
    });
    expect(connections).toHaveLength(8);
    for (const c of connections) {
      expect(c.protocol).toBe('redis');
      expect(c.messages).toEqual([]);
      expect(c.errors.map((e) => [e.dir, e.offset]).sort()).toEqual([
        ['c2s', 0],
        ['s2c', 0],
      ]);
      for (const e of c.errors) expect(e.code).toMatch(/^[A-Z_]+$/);
    }
  });
});

describe('choosing the protocol', () => {
  it('a connection on no registered port is listed with no protocol and no messages', () => {
    const connections = dissect(pieces(fixture('redis-resp.pcapng')), { protocols: PROTOCOLS });
    expect(connections.map((c) => [c.protocol, c.server, c.messages.length])).toEqual(
      Array.from({ length: 6 }, () => [null, '127.0.0.1:16379', 0]),
    );
  });

  it('a default port chooses its protocol: the capture with its port rewritten to 6379', () => {
    const records = readRecords(fixture('redis-resp.pcapng')).map((r) =>
      r.type === 'packet' ? toPort(r, 16379, 6379) : r,
    );
    const connections = dissect([writeRecords(records)], { protocols: PROTOCOLS });
    expect(connections.map((c) => c.protocol)).toEqual(Array(6).fill('redis'));
    expect(connections.map((c) => c.messages.map((m) => [m.dir, m.offset, m.type]))).toEqual(
      dissectCapture('redis-resp.pcapng').map((c) => c.messages.map((m) => [m.dir, m.offset, m.type])),
    );
  });

  it('decode rules: tcp.port==N,NAME of a registered protocol, anything else a RangeError', () => {
    expect(parseDecodeRule('tcp.port==54329,postgresql')).toEqual({ port: 54329, protocol: 'postgresql' });
    for (const bad of ['tcp.port==70000,redis', 'udp.port==53,dns', 'tcp.port==1,', 'tcp.port=1,redis'])
      expect(() => parseDecodeRule(bad), bad).toThrow(RangeError);
    expect(() => dissect([], { protocols: PROTOCOLS, decode: [{ port: 1, protocol: 'pgsql' }] })).toThrow(
      /unknown protocol "pgsql" \(known: postgresql, redis, mqtt\)/,
    );
  });
});

/** A packet with the TCP port `from` rewritten to `to` (either end; the checksum is not checked). */
function toPort(r: PacketRecord, from: number, to: number): PacketRecord {
  const data = r.data.slice();
  // Ethernet (14 bytes), IPv4 header length from its first byte, then the two TCP ports.
  const tcp = 14 + ((data[14] as number) & 0x0f) * 4;
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  if (data[14 + 9] === 6) {
    for (const at of [tcp, tcp + 2]) if (view.getUint16(at) === from) view.setUint16(at, to);
  }
  return { ...r, data };
}
