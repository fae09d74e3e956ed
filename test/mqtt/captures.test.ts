// The real capture (fixtures/mqtt.pcapng: Mosquitto 2.0.11 and its clients, MQTT 3.1.1 and 5.0)
// read by MqttReader, each TCP stream's two directions, against tshark's own dissection of it
// (support/tshark.ts): the same packets at the same offsets, field by field, in one piece and in
// random pieces down to 1 byte.
import { type MqttPacket, MqttReader } from '@stride/mqtt';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut } from '../support/pieces.js';
import { type Direction, readDissection, streamBytes, type TsharkStream } from './support/tshark.js';

const streams = readDissection();

interface Read {
  offset: number;
  packet: MqttPacket;
}

function read(s: TsharkStream, direction: Direction, pieces: Uint8Array[]): Read[] {
  const reader =
    direction === 'client'
      ? new MqttReader({ from: 'client' })
      : new MqttReader({ from: 'server', protocolVersion: s.protocolVersion as 4 | 5 });
  const out: Read[] = [];
  const emit = (packet: MqttPacket) => out.push({ offset: reader.messageOffset, packet });
  for (const piece of pieces) reader.write(piece, emit);
  reader.finish(emit);
  return out;
}

/**
 * A packet as tshark shows it: a 5.0 acknowledgement or DISCONNECT short enough to leave out its
 * reason code (0) and properties (none) has neither there, where the reader gives 0 and {}.
 */
function asTshark(p: MqttPacket, shown: Record<string, unknown>): MqttPacket {
  const out = { ...p } as Record<string, unknown>;
  if (!('reasonCode' in shown) && out.reasonCode === 0 && p.type !== 'CONNACK') delete out.reasonCode;
  if (!('properties' in shown) && JSON.stringify(out.properties) === '{}') delete out.properties;
  return out as unknown as MqttPacket;
}

describe('the MQTT capture against tshark', () => {
  it('has the streams the fixtures describe', () => {
    expect(streams.length).toBe(8);
    expect(streams.map((s) => s.protocolVersion)).toEqual([4, 4, 4, 4, 5, 5, 5, 5]);
  });

  for (const s of streams) {
    for (const direction of ['client', 'server'] as const) {
      const expected = s[direction];
      it(`stream ${s.stream} ${direction}: ${expected.length} packets, as tshark dissects them`, () => {
        const bytes = streamBytes(s.stream, direction);
        const got = read(s, direction, [bytes]);
        expect(got.map((r) => r.offset)).toEqual(expected.map((m) => m.offset));
        got.forEach((r, i) => {
          const shown = (expected[i] as (typeof expected)[number]).packet as unknown as Record<
            string,
            unknown
          >;
          expect(asTshark(r.packet, shown)).toEqual(shown);
        });
        // Every byte of the direction is in a packet.
        const last = expected[expected.length - 1];
        expect(last ? last.offset + last.size : 0).toBe(bytes.length);
      });

      it(`stream ${s.stream} ${direction}: the same packets in any chunking`, () => {
        const bytes = streamBytes(s.stream, direction);
        const whole = read(s, direction, [bytes]);
        fc.assert(
          fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (sizes) => {
            expect(read(s, direction, cut(bytes, sizes))).toEqual(whole);
          }),
          { numRuns: 30 },
        );
        expect(read(s, direction, cut(bytes, [1]))).toEqual(whole);
      });
    }
  }
});
