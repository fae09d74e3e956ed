// One direction's bytes whatever the order they come in: out-of-order segments held and delivered
// when the hole fills, retransmissions and overlaps (first copy wins, a different copy reported as
// conflicting, held or already delivered), keep-alive and zero-window probes kept out of the
// stream, the held bytes bounded (the oldest hole given up as a gap), bogus sequence numbers
// dropped, and streams whose sequence numbers wrap around 2^32.
import { describe, expect, it } from 'vitest';
import { ofType, run, stream, Wire } from './wire.js';

const syn = (w: Wire, isn: number) => w.seg('c', isn, '', 'S');

describe('out-of-order segments', () => {
  it('are held until the hole fills, then delivered in order with their own frames', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 7, 'ghi', 'PA'),
      w.seg('c', 4, 'def', 'PA'),
      w.seg('c', 1, 'abc', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcdefghi');
    expect(ofType(events, 'data').map((e) => [e.offset, e.frame])).toEqual([
      [0, 4],
      [3, 3],
      [6, 2],
    ]);
    expect(ofType(events, 'gap')).toEqual([]);
  });

  it('a segment that fills a hole and overlaps held bytes delivers each byte once', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 3, 'cd', 'PA'),
      w.seg('c', 7, 'gh', 'PA'),
      w.seg('c', 1, 'abcdefgh', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcdefgh');
    expect(ofType(events, 'overlap').map((e) => [e.offset, e.length, e.conflicting, e.frame])).toEqual([
      [2, 2, false, 4],
      [6, 2, false, 4],
    ]);
  });
});

describe('retransmissions and overlaps', () => {
  it('a retransmission of delivered bytes is an overlap, not data', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 1, 'abcd', 'PA'),
      w.seg('c', 1, 'abcd', 'PA'),
      w.seg('c', 3, 'cdef', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcdef');
    expect(ofType(events, 'overlap').map((e) => [e.offset, e.length, e.conflicting])).toEqual([
      [0, 4, false],
      [2, 2, false],
    ]);
  });

  it('a different copy of delivered bytes is conflicting; the first copy wins', () => {
    const w = new Wire();
    const events = run([syn(w, 0), w.seg('c', 1, 'abcd', 'PA'), w.seg('c', 2, 'XYZ', 'PA')]);
    expect(stream(events, 'c2s')).toBe('abcd');
    expect(ofType(events, 'overlap').map((e) => [e.offset, e.length, e.conflicting])).toEqual([[1, 3, true]]);
  });

  it('a different copy of held bytes is conflicting; the first copy wins', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 3, 'cd', 'PA'),
      w.seg('c', 3, 'CD', 'PA'),
      w.seg('c', 1, 'ab', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcd');
    expect(ofType(events, 'overlap').map((e) => [e.offset, e.length, e.conflicting])).toEqual([[2, 2, true]]);
  });

  it('delivered bytes older than retainDelivered are not compared', () => {
    const w = new Wire();
    const segments = [syn(w, 0), w.seg('c', 1, 'abcd', 'PA'), w.seg('c', 1, 'XXXX', 'PA')];
    const overlaps = ofType(run(segments, { retainDelivered: 2 }), 'overlap');
    expect(overlaps.map((e) => e.conflicting)).toEqual([true]);
    const old = ofType(
      run([syn(w, 0), w.seg('c', 1, 'abcd', 'PA'), w.seg('c', 1, 'XX', 'PA')], { retainDelivered: 2 }),
      'overlap',
    );
    expect(old.map((e) => e.conflicting)).toEqual([false]);
  });
});

describe('probes', () => {
  it('a keep-alive (one byte at next-1) leaves the stream alone and is not an overlap', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 1, 'abc', 'PA'),
      w.seg('c', 3, '\0', 'A'),
      w.seg('c', 4, 'd', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcd');
    expect(events.filter((e) => e.type === 'overlap' || e.type === 'warning')).toEqual([]);
  });

  it('a keep-alive first seen does not place a stream that began before the capture', () => {
    const w = new Wire();
    const events = run([w.seg('c', 9, '', 'A'), w.seg('c', 10, 'ab', 'PA')]);
    expect(stream(events, 'c2s')).toBe('ab');
  });

  it('a zero-window probe (the next byte alone) is delivered once, its retransmission an overlap', () => {
    const w = new Wire();
    const events = run([
      syn(w, 0),
      w.seg('c', 1, 'ab', 'PA'),
      w.seg('c', 3, 'c', 'A'),
      w.seg('c', 3, 'cdef', 'PA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcdef');
    expect(ofType(events, 'overlap').map((e) => [e.offset, e.length, e.conflicting])).toEqual([
      [2, 1, false],
    ]);
  });
});

describe('bounds', () => {
  it('past maxBufferedPerDirection, the oldest hole becomes a gap with a warning', () => {
    const w = new Wire();
    const events = run(
      [
        syn(w, 0),
        w.seg('c', 3, 'cd', 'PA'),
        w.seg('c', 7, 'gh', 'PA'),
        w.seg('c', 11, 'kl', 'PA'),
        w.seg('c', 1, 'ab', 'PA'),
      ],
      { maxBufferedPerDirection: 2 * (2 + 64) }, // two pieces of two bytes, each counted 64 more
    );
    expect(stream(events, 'c2s')).toBe('??cd??gh??kl');
    expect(ofType(events, 'warning').map((e) => [e.code, e.frame])).toEqual([['BUFFER_FULL', 4]]);
    expect(ofType(events, 'gap').map((e) => [e.offset, e.length])).toEqual([
      [0, 2],
      [4, 2],
      [8, 2],
    ]);
    expect(ofType(events, 'overlap')).toMatchObject([{ offset: 0, length: 2 }]);
  });

  it('a flood of one-byte segments, backwards, holds a bounded number of pieces, in linear time', () => {
    const w = new Wire();
    const segments = [syn(w, 0)];
    for (let i = 200_000; i > 0; i--) segments.push(w.seg('c', 1 + i, 'x', 'PA'));
    const started = performance.now();
    const events = run(segments, { maxBufferedPerDirection: 65 * 1000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    // 1000 pieces (65 each) fill the bound, the 1001st passes it: the hole before them is given up,
    // and the rest come too late (overlaps of the gap).
    expect(stream(events, 'c2s')).toBe('?'.repeat(199_000) + 'x'.repeat(1001));
    expect(ofType(events, 'warning').map((e) => e.code)).toEqual(['BUFFER_FULL']);
    expect(ofType(events, 'overlap')).toHaveLength(198_999);
  });

  it('a segment further ahead than maxGap is dropped with a warning', () => {
    const w = new Wire();
    const events = run(
      [syn(w, 0), w.seg('c', 1, 'ab', 'PA'), w.seg('c', 0x4000_0000, 'zz', 'PA'), w.seg('c', 3, 'c', 'PA')],
      {
        maxGap: 1000,
      },
    );
    expect(stream(events, 'c2s')).toBe('abc');
    expect(ofType(events, 'warning').map((e) => e.code)).toEqual(['SEGMENT_OUT_OF_WINDOW']);
  });

  it('a 4 GB window of held segments never holds more than the bound', () => {
    const w = new Wire();
    const segments = [syn(w, 0)];
    for (let i = 0; i < 1000; i++) segments.push(w.seg('c', 2 + i * 4_000_000, 'x'.repeat(1000), 'PA'));
    const events = run(segments, { maxBufferedPerDirection: 10_000 });
    const data = ofType(events, 'data');
    expect(data).toHaveLength(1000);
    expect(ofType(events, 'warning').length).toBeGreaterThan(900);
  });
});

describe('sequence numbers wrapping around 2^32', () => {
  it('a stream whose ISN is near 0xFFFFFFFF crosses 0 unnoticed', () => {
    const w = new Wire();
    const events = run([
      w.seg('c', 0xfffffffd, '', 'S'),
      w.seg('s', 0xffffffff, '', 'SA'),
      w.seg('c', 0xfffffffe, 'ab', 'PA'),
      w.seg('c', 2, 'ef', 'PA'),
      w.seg('c', 0, 'cd', 'PA'),
      w.seg('s', 0, 'reply', 'PA'),
      w.seg('c', 4, '', 'FA'),
      w.seg('s', 5, '', 'FA'),
    ]);
    expect(stream(events, 'c2s')).toBe('abcdef');
    expect(stream(events, 's2c')).toBe('reply');
    expect(ofType(events, 'data').map((e) => [e.direction, e.offset])).toEqual([
      ['c2s', 0],
      ['c2s', 2],
      ['c2s', 4],
      ['s2c', 0],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'close', reason: 'fin' });
  });

  it('offsets pass 2^32 on a long stream', () => {
    const w = new Wire();
    const step = 0x4000_0000;
    const segments = [w.seg('c', 0, 'a', 'PA')];
    // Gaps of a quarter of the sequence space each, given up at once (nothing may be held).
    for (let i = 1; i <= 5; i++) segments.push(w.seg('c', i * step, 'b', 'PA'));
    const events = run(segments, { maxBufferedPerDirection: 0, maxGap: step });
    expect(ofType(events, 'data').map((e) => e.offset)).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * step));
  });
});
