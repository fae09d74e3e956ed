// Any sequence of segments, however wrong (random sequence numbers, flags, payloads, on a few port
// pairs, with small bounds), keeps reassembly's promises: no throw, every connection opened once
// and closed once with nothing but warnings after its close, each direction's data and gaps tiling its stream
// from 0, and the table within maxConnections.
import { type TcpEvent, TcpReassembler } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamBytes, Wire } from './wire.js';

const wires = [40001, 40002, 40003].map(
  (port) => new Wire({ ip: '10.0.0.1', port }, { ip: '10.0.0.2', port: 80 }),
);

const segment = fc.record({
  wire: fc.nat({ max: wires.length - 1 }),
  from: fc.constantFrom('c' as const, 's' as const),
  // Near a few bases, so that segments meet, and anywhere.
  seq: fc.oneof(
    fc.integer({ min: -40, max: 40 }).map((n) => n >>> 0),
    fc.nat({ max: 0xffffffff }),
  ),
  payload: fc.uint8Array({ maxLength: 12 }),
  flags: fc.subarray(['S', 'A', 'F', 'R', 'P']).map((f) => f.join('')),
});

describe('reassembly of arbitrary segments', () => {
  it('keeps its promises', () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 80 }),
        fc.integer({ min: 1, max: 3 }),
        (specs, maxConnections) => {
          for (const w of wires) w.frames.last = 0;
          const reassembler = new TcpReassembler({
            maxConnections,
            maxBufferedPerDirection: 150,
            maxGap: 1000,
          });
          const events: TcpEvent[] = [];
          for (const s of specs) {
            const w = wires[s.wire] as Wire;
            reassembler.push(w.seg(s.from, s.seq, s.payload, s.flags), (e) => events.push(e));
            expect(reassembler.connections).toBeLessThanOrEqual(maxConnections);
          }
          reassembler.finish((e) => events.push(e));
          const closed = new Set<number>();
          const opened = new Set<number>();
          for (const e of events) {
            const id = e.connection.id;
            if (e.type !== 'warning') expect(closed.has(id)).toBe(false); // late segments: warnings only
            if (e.type === 'open') opened.add(id);
            else expect(opened.has(id)).toBe(true);
            if (e.type === 'close') closed.add(id);
          }
          expect(closed).toEqual(opened);
          for (const id of opened) for (const d of ['c2s', 's2c'] as const) streamBytes(events, d, id);
        },
      ),
      { numRuns: 500 },
    );
  });
});
