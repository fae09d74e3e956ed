// RespReader against tshark on a real capture (../shared/corpus/captures/redis-resp.pcapng, copied to
// fixtures/): each direction of each TCP connection between Redis 7 and redis-cli, decoded in one
// piece, in 1-byte pieces and in random pieces, gives the same values, and they are tshark 4.0's
// values (support/tshark.ts): the same types at the same stream offsets, with the same contents.
// tshark's dissector knows RESP2 only: it shows an inline command, and a RESP3 header (`%7`), as a
// one-line `fragment`, and a RESP3 aggregate's elements as values of their own after it; so ours
// are put in that shape before comparing (a RESP3 aggregate becomes its header line, then its
// elements; an inline command its line).
import { encodeValue, RespReader, type RespRequest, type RespValue } from '@stride/redis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Direction, readDissection, shape, streamBytes, type TsharkShape } from './support/tshark.js';

const streams = readDissection();
const DIRECTIONS: Direction[] = ['client', 'server'];

interface Placed {
  offset: number;
  value: RespValue | RespRequest;
}

/** `bytes` through one RespReader (requests from a client, replies from a server), cut at `cuts`. */
function decode(bytes: Uint8Array, from: Direction, cuts: readonly number[] = []): Placed[] {
  const reader = new RespReader({ from: from === 'client' ? 'client' : 'server' });
  const out: Placed[] = [];
  const emit = (value: RespValue | RespRequest) => out.push({ offset: reader.messageOffset, value });
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.write(bytes.subarray(at, cut), emit);
    at = cut;
  }
  reader.finish(emit);
  expect(reader.offset).toBe(bytes.length);
  return out;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** The line a value starts with, without its CRLF (what tshark shows as a fragment). */
function firstLine(bytes: Uint8Array, at: number): string {
  const end = bytes.indexOf(0x0d, at);
  return latin1(bytes.subarray(at, end));
}

/**
 * Our value at `at` as tshark shows it: a list of top-level items with their offsets (a RESP3
 * aggregate is its header line and then its elements, each an item). Sizes come from encoding
 * the value again, which gives back its bytes (checked below).
 */
function asTshark(
  v: RespValue | RespRequest,
  at: number,
  bytes: Uint8Array,
): { offset: number; shape: TsharkShape }[] {
  switch (v.type) {
    case 'inline':
      return v.value.length === 0
        ? []
        : [{ offset: at, shape: { type: 'fragment', line: firstLine(bytes, at) } }];
    case 'simple':
    case 'error':
    case 'integer':
    case 'bulk':
      return [{ offset: at, shape: { type: v.type, value: v.value } as TsharkShape }];
    case 'array': {
      if (v.value === null) return [{ offset: at, shape: { type: 'array', value: null } }];
      const items: TsharkShape[] = [];
      let next = at + firstLine(bytes, at).length + 2;
      for (const e of v.value) {
        for (const item of asTshark(e, next, bytes)) items.push(item.shape);
        next += encodeValue(e).length;
      }
      return [{ offset: at, shape: { type: 'array', value: items } }];
    }
    case 'map':
    case 'set':
    case 'push': {
      const out = [{ offset: at, shape: { type: 'fragment', line: firstLine(bytes, at) } as TsharkShape }];
      let next = at + firstLine(bytes, at).length + 2;
      for (const e of v.type === 'map' ? v.value.flat() : v.value) {
        out.push(...asTshark(e, next, bytes));
        next += encodeValue(e).length;
      }
      return out;
    }
    default:
      return [{ offset: at, shape: { type: 'fragment', line: firstLine(bytes, at) } }];
  }
}

describe('RespReader on the capture agrees with tshark', () => {
  it('has the capture: 6 streams with inline commands, RESP2 and RESP3 (HELLO 3) sessions', () => {
    expect(streams.map((s) => s.stream)).toEqual([0, 1, 2, 3, 4, 5]);
    const types = new Set(streams.flatMap((s) => [...s.client, ...s.server].map((v) => v.type)));
    expect([...types].sort()).toEqual(['array', 'bulk', 'error', 'fragment', 'integer', 'simple']);
  });

  for (const { stream, client, server } of streams) {
    for (const from of DIRECTIONS) {
      it(`stream ${stream}, ${from}: tshark's values, at tshark's offsets, in any chunking`, () => {
        const bytes = streamBytes(stream, from);
        const ours = decode(bytes, from);
        expect(
          decode(
            bytes,
            from,
            Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
          ),
        ).toEqual(ours);
        fc.assert(
          fc.property(
            fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 20 }),
            (cuts) => {
              expect(
                decode(
                  bytes,
                  from,
                  cuts.sort((a, b) => a - b),
                ),
              ).toEqual(ours);
            },
          ),
          { numRuns: 20 },
        );
        // Replies write back byte for byte (the sizes asTshark uses).
        if (from === 'server') {
          const again = Buffer.concat(ours.map((p) => encodeValue(p.value as RespValue)));
          expect(latin1(again)).toBe(latin1(bytes));
        }
        const theirs = (from === 'client' ? client : server).map((v) => ({
          offset: v.offset,
          shape: shape(v),
        }));
        expect(ours.flatMap((p) => asTshark(p.value, p.offset, bytes))).toEqual(theirs);
      });
    }
  }
});
