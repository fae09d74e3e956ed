// Random deliveries of a byte stream for the property tests: the stream cut into consecutive
// segments, plus retransmissions of random ranges (some with different bytes), shuffled within a
// window of positions, behind a SYN. `expected` says, byte by byte, what reassembly must give: the
// bytes and frame of the first segment, in capture order, that covers it (first copy wins).

import type { TcpSegment } from '@stride/pcap';
import fc from 'fast-check';
import { Wire } from './wire.js';

export interface Piece {
  readonly start: number;
  readonly end: number;
  /** A retransmission whose bytes differ from the stream's. */
  readonly corrupt: boolean;
}

export interface Schedule {
  readonly isn: number;
  readonly bytes: Uint8Array;
  /** In capture order. */
  readonly pieces: Piece[];
}

/** A schedule with ISNs from `isn`, segments reordered at most `window` places. */
export function schedule(isn: fc.Arbitrary<number>, window = 8): fc.Arbitrary<Schedule> {
  return fc
    .record({
      isn,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
      cuts: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 60 }),
      extra: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), at: fc.nat(), corrupt: fc.boolean() }), {
        maxLength: 15,
      }),
      jitter: fc.array(fc.nat({ max: window }), { minLength: 80, maxLength: 80 }),
    })
    .map(({ isn, bytes, cuts, extra, jitter }) => {
      const pieces: Piece[] = [];
      for (let start = 0, i = 0; start < bytes.length; i++) {
        const end = Math.min(bytes.length, start + (cuts[i % cuts.length] as number));
        pieces.push({ start, end, corrupt: false });
        start = end;
      }
      const keyed = pieces.map((p, i) => ({ p, key: i + (jitter[i % jitter.length] as number) }));
      for (const { a, b, at, corrupt } of extra) {
        const [start, end] = [a % bytes.length, b % bytes.length].sort((x, y) => x - y) as [number, number];
        keyed.push({ p: { start, end: end + 1, corrupt }, key: at % (pieces.length + window) });
      }
      keyed.sort((x, y) => x.key - y.key);
      return { isn, bytes, pieces: keyed.map((k) => k.p) };
    });
}

/** The segments of a schedule: the client's SYN, then each piece (frames 2, 3 …). */
export function segments(s: Schedule): TcpSegment[] {
  const w = new Wire();
  const out = [w.seg('c', s.isn, '', 'S')];
  for (const p of s.pieces) out.push(w.seg('c', s.isn + 1 + p.start, pieceBytes(s, p), 'PA'));
  return out;
}

function pieceBytes(s: Schedule, p: Piece): Uint8Array {
  const bytes = s.bytes.slice(p.start, p.end);
  if (p.corrupt) for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] as number) ^ 0x5a;
  return bytes;
}

/** Per byte of the stream: the value and frame reassembly must give (first copy in capture order). */
export function expected(s: Schedule): { bytes: Uint8Array; frames: number[] } {
  const bytes = new Uint8Array(s.bytes.length);
  const frames: number[] = new Array(s.bytes.length).fill(0);
  s.pieces.forEach((p, i) => {
    const copy = pieceBytes(s, p);
    for (let x = p.start; x < p.end; x++) {
      if (frames[x] !== 0) continue;
      frames[x] = i + 2;
      bytes[x] = copy[x - p.start] as number;
    }
  });
  return { bytes, frames };
}
