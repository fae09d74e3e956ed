// `dissect` over the corpus captures (PostgreSQL, Redis, MQTT, on their capture's ports by decode
// rules) against tshark's own dissection of the same captures, message by message: the committed
// per-protocol oracles (test/pg, test/redis, test/mqtt support/tshark.ts, each per TCP stream and
// direction) give the counts, types, stream offsets and fields; tshark's TCP segments
// (fixtures/*.segments.tsv) the frame that holds each message's first byte, and its packet list
// (test/pcap/fixtures/*.frames.tsv) that frame's time. Connection ids are tshark's tcp.stream.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttPacket } from '@stride/mqtt';
import { type CollectedMessage, type DissectedConnection, portOf } from '@stride/pcap';
import type { PgReadMessage } from '@stride/pg';
import type { RespRequest, RespValue } from '@stride/redis';
import { describe, expect, it } from 'vitest';
import { readDissection as mqttDissection } from '../../mqtt/support/tshark.js';
import { readDissection as pgDissection, type TsharkMessage, wireSize } from '../../pg/support/tshark.js';
import { readDissection as redisDissection, shape, type TsharkShape } from '../../redis/support/tshark.js';
import { epoch, FIXTURES } from '../file/support.js';
import { dissectCapture, frameOf, readSegments } from './support.js';

/** Each frame's time as tshark prints it (frame.time_epoch), from the capture's packet list. */
function frameTimes(name: string): Map<number, string> {
  const lines = readFileSync(join(FIXTURES, `${name}.frames.tsv`), 'utf8').split('\n');
  return new Map(
    lines
      .filter((l) => l !== '')
      .map((l) => l.split('\t').slice(0, 2) as [string, string])
      .map(([f, t]) => [Number(f), t]),
  );
}

function ofDir(c: DissectedConnection, dir: 'c2s' | 's2c'): CollectedMessage[] {
  return c.messages.filter((m) => m.dir === dir);
}

/** Every message is in the frame tshark's segments put its first byte in, at that frame's time. */
function expectFramesAndTimes(name: string, connections: readonly DissectedConnection[]): void {
  const segments = readSegments(name);
  const times = frameTimes(name);
  for (const c of connections) {
    for (const m of c.messages) {
      const port = portOf(m.dir === 'c2s' ? c.client : c.server);
      const where = `${name} stream ${c.connection.id} ${m.dir} ${m.type} at ${m.offset}`;
      expect(m.frame, where).toBe(frameOf(segments, c.connection.id, port, m.offset));
      expect(epoch(m.time), where).toBe(times.get(m.frame));
    }
  }
}

// PostgreSQL: our fields as tshark shows them (as test/pg/captures.test.ts compares them).
type PgMessage = PgReadMessage<'server' | 'client', 'bytes'>;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const unsigned = (m: Record<string, unknown>) => ({
  processId: m.processId,
  secretKey: (m.secretKey as number) >>> 0,
});
const copy = (m: Record<string, unknown>) => ({
  format: m.format,
  columnCount: (m.columnFormats as unknown[]).length,
});
const PG_AS_TSHARK: Record<string, (m: Record<string, unknown>) => Record<string, unknown>> = {
  BackendKeyData: unsigned,
  CancelRequest: unsigned,
  CopyInResponse: copy,
  CopyOutResponse: copy,
  // Columns as bytes here; tshark shows them as text.
  DataRow: (m) => ({
    columns: (m.columns as (Uint8Array | null)[]).map((c) => (c === null ? null : utf8.decode(c))),
  }),
};

function pgFields(message: unknown): Record<string, unknown> {
  const { type, ...fields } = message as PgMessage & Record<string, unknown>;
  return PG_AS_TSHARK[type]?.(fields) ?? fields;
}

function tsharkOffsets(messages: readonly TsharkMessage[]): number[] {
  let at = 0;
  return messages.map((m) => {
    const start = at;
    at += wireSize(m);
    return start;
  });
}

// Redis: tshark 4.0 knows RESP2 only. A RESP2 value is compared with its shape; an inline command
// and a RESP3 aggregate are a `fragment` line there (the aggregate's elements then follow as
// top-level values of tshark's, which lie inside our message).
const RESP2 = new Set(['simple', 'error', 'integer', 'bulk', 'array']);

function respShape(v: RespValue | RespRequest): TsharkShape {
  if (v.type === 'array')
    return { type: 'array', value: v.value === null ? null : v.value.map((e) => respShape(e)) };
  return { type: v.type, value: (v as { value: unknown }).value } as TsharkShape;
}

// MQTT: a 5.0 acknowledgement short enough to leave out its reason code (0) and properties has
// neither in tshark's dissection, where the reader gives 0 and {} (as test/mqtt/captures.test.ts).
function mqttAsTshark(p: MqttPacket, shown: Record<string, unknown>): Record<string, unknown> {
  const out = { ...p } as Record<string, unknown>;
  if (!('reasonCode' in shown) && out.reasonCode === 0 && p.type !== 'CONNACK') delete out.reasonCode;
  if (!('properties' in shown) && JSON.stringify(out.properties) === '{}') delete out.properties;
  return out;
}

describe('dissected PostgreSQL agrees with tshark', () => {
  const streams = pgDissection();
  for (const name of ['postgres-v3.pcap', 'postgres-v3-nsec.pcap', 'postgres-v3.pcapng']) {
    it(`${name}: every message of every connection, its offset, frame, time and fields`, () => {
      const connections = dissectCapture(name);
      expect(connections.map((c) => c.protocol)).toEqual(['postgresql', 'postgresql', 'postgresql']);
      expect(connections.map((c) => c.errors)).toEqual([[], [], []]);
      for (const c of connections) {
        const stream = streams[c.connection.id];
        for (const [dir, theirs] of [
          ['c2s', stream?.client ?? []],
          ['s2c', stream?.server ?? []],
        ] as const) {
          const ours = ofDir(c, dir);
          expect(ours.map((m) => m.type)).toEqual(theirs.map((m) => m.type));
          expect(ours.map((m) => m.offset)).toEqual(tsharkOffsets(theirs));
          ours.forEach((m, i) => {
            expect(pgFields(m.message), `${dir} ${m.type} at ${m.offset}`).toEqual(theirs[i]?.fields);
          });
        }
      }
      expect(connections.reduce((n, c) => n + c.messages.length, 0)).toBe(387);
      expectFramesAndTimes(name, connections);
    });
  }
});

describe('dissected Redis agrees with tshark', () => {
  const streams = redisDissection();
  it('redis-resp.pcapng: every value of every connection, its offset, frame, time and contents', () => {
    const connections = dissectCapture('redis-resp.pcapng');
    expect(connections).toHaveLength(6);
    for (const c of connections) {
      expect(c.protocol).toBe('redis');
      expect(c.errors).toEqual([]);
      const stream = streams[c.connection.id];
      for (const [dir, theirs] of [
        ['c2s', stream?.client ?? []],
        ['s2c', stream?.server ?? []],
      ] as const) {
        const ours = ofDir(c, dir);
        const at = new Map(theirs.map((t) => [t.offset, t]));
        ours.forEach((m, i) => {
          const t = at.get(m.offset);
          const v = m.message as RespValue | RespRequest;
          const where = `${dir} ${m.type} at ${m.offset}`;
          const end = ours[i + 1]?.offset ?? Number.POSITIVE_INFINITY;
          const inside = theirs.filter((x) => x.offset > m.offset && x.offset < end);
          if (v.type === 'inline' && v.value.length === 0) {
            // An empty line: tshark skips it without a trace.
            expect(t, where).toBeUndefined();
          } else if (RESP2.has(v.type)) {
            expect(t && shape(t), where).toEqual(respShape(v));
            expect(inside, where).toEqual([]);
          } else {
            expect(t?.type, where).toBe('fragment');
            // A RESP3 aggregate's elements, which tshark shows as values of their own.
            if (v.type === 'map') expect(inside.length, where).toBeGreaterThanOrEqual(v.value.length * 2);
          }
        });
        // Every tshark value is at one of ours or inside one of our RESP3 aggregates.
        const starts = new Set(ours.map((m) => m.offset));
        for (const t of theirs) {
          const before = ours.findLast((m) => m.offset <= t.offset);
          expect(starts.has(t.offset) || (before !== undefined && !RESP2.has(before.type))).toBe(true);
        }
      }
    }
    // 108 commands and 108 replies, and the empty line of redis-cli --pipe (an inline command of no words).
    expect(connections.reduce((n, c) => n + c.messages.length, 0)).toBe(217);
    expectFramesAndTimes('redis-resp.pcapng', connections);
  });
});

describe('dissected MQTT agrees with tshark', () => {
  const streams = mqttDissection();
  it('mqtt.pcapng: every packet of every connection, its offset, frame, time and fields', () => {
    const connections = dissectCapture('mqtt.pcapng');
    expect(connections).toHaveLength(8);
    for (const c of connections) {
      expect(c.protocol).toBe('mqtt');
      expect(c.errors).toEqual([]);
      const stream = streams[c.connection.id];
      for (const [dir, theirs] of [
        ['c2s', stream?.client ?? []],
        ['s2c', stream?.server ?? []],
      ] as const) {
        const ours = ofDir(c, dir);
        expect(ours.map((m) => [m.offset, m.type])).toEqual(theirs.map((t) => [t.offset, t.packet.type]));
        ours.forEach((m, i) => {
          const shown = theirs[i]?.packet as unknown as Record<string, unknown>;
          expect(mqttAsTshark(m.message as MqttPacket, shown), `${dir} ${m.type} at ${m.offset}`).toEqual(
            shown,
          );
        });
      }
    }
    expect(connections.reduce((n, c) => n + c.messages.length, 0)).toBe(52);
    expectFramesAndTimes('mqtt.pcapng', connections);
  });
});
