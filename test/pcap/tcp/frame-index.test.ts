// FrameIndex: the frame of any stream offset from the (offset, frame) of each data event, through
// discarding what a consumer no longer needs; and fed from a reassembly, it names the frame of
// every byte.
import { FrameIndex } from '@stride/pcap';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ofType, run, Wire } from './wire.js';

describe('FrameIndex', () => {
  it('answers the frame of each offset, undefined before the first', () => {
    const index = new FrameIndex();
    index.add(0, 4);
    index.add(10, 4);
    index.add(20, 7);
    index.add(25, 9);
    expect([0, 9, 19, 20, 24, 25, 1000].map((o) => index.frameAt(o))).toEqual([4, 4, 4, 7, 7, 9, 9]);
    expect(new FrameIndex().frameAt(0)).toBeUndefined();
  });

  it('discardBefore keeps the answers for the offsets from there on', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 3000 }), fc.nat(), (sizes, cut) => {
        const index = new FrameIndex();
        const starts: number[] = [];
        let at = 0;
        sizes.forEach((size, i) => {
          index.add(at, i + 1);
          starts.push(at);
          at += size;
        });
        const from = at === 0 ? 0 : cut % at;
        index.discardBefore(from);
        for (let i = 0; i < sizes.length; i++) {
          const start = starts[i] as number;
          const last = start + (sizes[i] as number) - 1;
          if (last >= from) expect(index.frameAt(Math.max(start, from))).toBe(i + 1);
        }
      }),
    );
  });

  it('fed with data events, names the frame holding each byte', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0, '', 'S'),
      w.seg('c', 5, 'efgh', 'PA'),
      w.seg('c', 1, 'abcd', 'PA'),
      w.seg('c', 9, 'ij', 'PA'),
    ]);
    const index = new FrameIndex();
    for (const e of ofType(events, 'data')) index.add(e.offset, e.frame);
    expect([0, 3, 4, 7, 8, 9].map((o) => index.frameAt(o))).toEqual([3, 3, 2, 2, 4, 4]);
  });
});
