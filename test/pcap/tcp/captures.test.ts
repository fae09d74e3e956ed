// Every capture of test/pcap/fixtures, and synthetic.pcap, read by CaptureReader, decoded by
// decodePacket and reassembled: each TCP stream, each way, is what `tshark -qz follow,tcp,raw,N`
// gives (fixtures/follow.json), with tshark's client and server; data events name the frames that
// hold their bytes, in any chunking of the file.
import { join } from 'node:path';
import { decodePacket, segmentOf, type TcpEvent, TcpReassembler } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { CAPTURES, fixture, readRecords } from '../file/support.js';
import { expectFollowed, readFollow } from './follow.js';
import { syntheticSegments } from './synthetic.js';
import { ofType, run } from './wire.js';

const follow = readFollow();

/** Reassembles the capture `bytes` (read in the pieces `cuts` make); also each TCP frame's payload. */
function reassemble(
  bytes: Uint8Array,
  cuts: number[] = [],
): { events: TcpEvent[]; payloads: Map<number, Buffer> } {
  const reassembler = new TcpReassembler();
  const events: TcpEvent[] = [];
  const payloads = new Map<number, Buffer>();
  for (const record of readRecords(bytes, cuts)) {
    if (record.type !== 'packet') continue;
    const segment = segmentOf(decodePacket(record.linkType, record.data), record.frame, record.timestamp);
    if (segment === undefined) continue;
    payloads.set(segment.frame, Buffer.from(segment.payload));
    reassembler.push(segment, (e) => events.push(e));
  }
  reassembler.finish((e) => events.push(e));
  return { events, payloads };
}

describe("reassembly of the captures against tshark's follow,tcp,raw", () => {
  it('has every capture in follow.json', () => {
    expect(CAPTURES.length).toBeGreaterThan(0);
    for (const file of CAPTURES) expect(follow[file], file).toBeDefined();
  });

  for (const file of [...CAPTURES, 'synthetic.pcap']) {
    it(file, () => {
      const bytes = file === 'synthetic.pcap' ? fixture(join('..', 'tcp', 'fixtures', file)) : fixture(file);
      const { events, payloads } = reassemble(bytes);
      expectFollowed(events, follow[file] ?? []);
      for (const e of ofType(events, 'data'))
        expect(payloads.get(e.frame)?.includes(Buffer.from(e.bytes))).toBe(true);
      // The same events whatever the chunking of the file.
      const cuts = [1, 7, 25, 100, 333, 1000, 4096].filter((c) => c < bytes.length);
      expect(reassemble(bytes, cuts).events).toEqual(events);
    });
  }

  it('synthetic.pcap gives, through the file and the layers, the events of its segments', () => {
    const { events } = reassemble(fixture(join('..', 'tcp', 'fixtures', 'synthetic.pcap')));
    expect(events).toEqual(run(syntheticSegments()));
  });
});
