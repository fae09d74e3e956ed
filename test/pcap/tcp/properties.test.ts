// Properties of one direction's reassembly: a random byte stream cut into random segments, with
// retransmissions of random ranges (faithful or not) and the segments shuffled within a window,
// reassembles to the first copy of every byte with its offset and the frame that carried it; with
// ISNs near 2^32 the stream wraps around; with a small bound on held bytes, what comes out is still
// right where it is data, and the rest is reported as gaps with a warning.
import type { TcpEvent } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expected, type Schedule, schedule, segments } from './schedule.js';
import { ofType, run, streamBytes } from './wire.js';

/** Checks every data byte against the expected value and frame; returns the bytes given as gaps. */
function check(s: Schedule, events: TcpEvent[]): number {
  const want = expected(s);
  const got = streamBytes(events, 'c2s');
  expect(got.length).toBe(s.bytes.length);
  for (const e of ofType(events, 'data')) {
    expect(Buffer.from(e.bytes)).toEqual(
      Buffer.from(want.bytes.subarray(e.offset, e.offset + e.bytes.length)),
    );
    for (let x = e.offset; x < e.offset + e.bytes.length; x++) expect(want.frames[x]).toBe(e.frame);
  }
  return ofType(events, 'gap').reduce((n, g) => n + g.length, 0);
}

/**
 * The frames of the segments with a byte whose first copy differs from theirs (a corrupt piece
 * against a faithful one, or the other way round), but for keep-alive probes (one byte just below
 * the next byte to deliver), which are dropped unseen.
 */
function conflictingFrames(s: Schedule): Set<number> {
  const first: number[] = new Array(s.bytes.length).fill(-1);
  const frames = new Set<number>();
  let next = 0;
  s.pieces.forEach((p, i) => {
    const keepAlive = p.end - p.start === 1 && p.start === next - 1;
    for (let x = p.start; x < p.end; x++) {
      const kept = first[x] as number;
      if (kept < 0) first[x] = i;
      else if (!keepAlive && s.pieces[kept]?.corrupt !== p.corrupt) frames.add(i + 2);
    }
    while (next < first.length && (first[next] as number) >= 0) next++;
  });
  return frames;
}

const anyIsn = fc.integer({ min: 0, max: 0xffffffff });
const nearWrap = fc.integer({ min: 0xffffffff - 3100, max: 0xffffffff });

describe('reassembly of a shuffled, retransmitted stream', () => {
  for (const [name, isn] of [
    ['any ISN', anyIsn],
    ['an ISN near 2^32', nearWrap],
  ] as const) {
    it(`gives the first copy of every byte, its offset and frame (${name})`, () => {
      fc.assert(
        fc.property(schedule(isn), (s) => {
          const events = run(segments(s));
          expect(check(s, events)).toBe(0);
          expect(ofType(events, 'warning')).toEqual([]);
          if (!s.pieces.some((p) => p.corrupt))
            expect(ofType(events, 'overlap').filter((o) => o.conflicting)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('reports a conflicting overlap exactly for the copies that differ from the first', () => {
    fc.assert(
      fc.property(schedule(anyIsn), (s) => {
        const events = run(segments(s), { retainDelivered: 1 << 20 });
        const got = new Set(ofType(events, 'overlap').flatMap((o) => (o.conflicting ? [o.frame] : [])));
        expect(got).toEqual(conflictingFrames(s));
      }),
      { numRuns: 300 },
    );
  });

  it('with a small bound on held bytes, data is right where given and the rest is gaps, warned', () => {
    fc.assert(
      fc.property(schedule(nearWrap, 30), fc.integer({ min: 0, max: 400 }), (s, bound) => {
        const events = run(segments(s), { maxBufferedPerDirection: bound });
        const gaps = check(s, events);
        const full = ofType(events, 'warning').filter((w) => w.code === 'BUFFER_FULL');
        if (gaps > 0) expect(full.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
