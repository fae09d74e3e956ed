/**
 * Reader-shaped events for the writer's tests, built from the walker's chunks (no reader needed):
 * whole `chunk` events, or a chunk streamed as `header`, `data` pieces, `end`, with warnings between.
 */

import { chunkProperties } from '../../src/chunk/chunk-type.js';
import type {
  PngChunkData,
  PngChunkEnd,
  PngChunkHeader,
  PngEvent,
  PngWarning,
} from '../../src/chunk/events.js';
import type { RawChunk } from './png-file.js';

export function chunkEvent(c: RawChunk): PngEvent {
  return {
    kind: 'chunk',
    type: c.type,
    offset: c.offset,
    length: c.data.length,
    crcOk: true,
    data: c.data,
    ...chunkProperties(c.type),
  };
}

export function warning(offset: number, chunk?: string): PngWarning {
  return { kind: 'warning', code: 'FIELDS_NOT_DECODED', offset, message: 'a test warning', chunk };
}

/** `c` streamed: its header, its data cut at `cuts` (offsets into the data, ascending), a warning, its end. */
export function streamedEvents(c: RawChunk, cuts: readonly number[]): PngEvent[] {
  const header: PngChunkHeader = {
    kind: 'header',
    type: c.type,
    offset: c.offset,
    length: c.data.length,
    ...chunkProperties(c.type),
  };
  const events: PngEvent[] = [header, warning(c.offset, c.type)];
  let from = 0;
  for (const to of [...cuts, c.data.length]) {
    const piece: PngChunkData = {
      kind: 'data',
      type: c.type,
      offset: c.offset + 8 + from,
      data: c.data.subarray(from, to),
    };
    events.push(piece);
    from = to;
  }
  const end: PngChunkEnd = {
    kind: 'end',
    type: c.type,
    offset: c.offset,
    length: c.data.length,
    crcOk: true,
  };
  events.push(end);
  return events;
}

/** A small deterministic PRNG (mulberry32) for cut points. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `max` ascending cut points in [0, length], repeats allowed (so empty pieces happen). */
export function randomCuts(length: number, max: number, random: () => number): number[] {
  const n = Math.floor(random() * (max + 1));
  return Array.from({ length: n }, () => Math.floor(random() * (length + 1))).sort((a, b) => a - b);
}
