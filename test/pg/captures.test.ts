// PgReader against tshark on a real capture: each fixture stream (one direction of a TCP
// connection between PostgreSQL 15 and psql or pgbench), decoded in one piece, in 1-byte pieces and
// in random pieces, gives tshark 4.0's messages (support/tshark.ts): as many, the same types in the
// same order, each at the same length, and the fields tshark shows equal to ours.

import { PgReader, type PgReadMessage } from '@stride/pg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Direction,
  readDissection,
  streamBytes,
  type TsharkMessage,
  wireSize,
} from './support/tshark.js';

const streams = readDissection();
const DIRECTIONS: Direction[] = ['client', 'server'];

interface Decoded {
  offset: number;
  length: number;
  message: { type: string } & Record<string, unknown>;
}

/** `bytes` through one PgReader, cut at `cuts` (sorted offsets inside the stream). */
function decode(bytes: Uint8Array, from: Direction, cuts: readonly number[] = []): Decoded[] {
  const reader = new PgReader({ from });
  const out: Decoded[] = [];
  const emit = (m: PgReadMessage<Direction>): void => {
    const offset = reader.messageOffset;
    out.push({ offset, length: reader.offset - offset, message: m as Decoded['message'] });
  };
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.write(bytes.subarray(at, cut), emit);
    at = cut;
  }
  reader.finish(emit);
  return out;
}

/** Every offset of the stream: 1-byte pieces. */
function everyByte(n: number): number[] {
  return Array.from({ length: n - 1 }, (_, i) => i + 1);
}

/** Our message's fields in tshark's shape, where they differ (see support/tshark.ts's header). */
const AS_TSHARK: Record<string, (m: Record<string, unknown>) => Record<string, unknown>> = {
  // tshark shows the key unsigned.
  BackendKeyData: (m) => ({ processId: m.processId, secretKey: (m.secretKey as number) >>> 0 }),
  CancelRequest: (m) => ({ processId: m.processId, secretKey: (m.secretKey as number) >>> 0 }),
  // tshark 4.0 shows the number of columns, not their formats.
  CopyInResponse: (m) => ({ format: m.format, columnCount: (m.columnFormats as unknown[]).length }),
  CopyOutResponse: (m) => ({ format: m.format, columnCount: (m.columnFormats as unknown[]).length }),
  // tshark reads every `p` as a password; ours is the body's bytes (a NUL-terminated string here).
  PasswordMessage: (m) => ({
    password: Buffer.from(m.data as Uint8Array)
      .toString('utf8')
      .replace(/\0$/, ''),
  }),
};

/** Our message's fields, without `type`, as tshark would show them. */
function fieldsOf({ type, ...fields }: Decoded['message']): Record<string, unknown> {
  return AS_TSHARK[type]?.(fields) ?? fields;
}

/** Where each tshark message starts: their wire sizes added up. */
function offsets(messages: readonly TsharkMessage[]): number[] {
  let at = 0;
  return messages.map((m) => {
    const start = at;
    at += wireSize(m);
    return start;
  });
}

describe('PgReader on the capture agrees with tshark', () => {
  it('has the capture: 3 streams, 6 directions, every message type the fixtures promise', () => {
    expect(streams).toHaveLength(3);
    const types = new Set(streams.flatMap((s) => [...s.client, ...s.server].map((m) => m.type)));
    for (const t of ['SSLResponse', 'StartupMessage', 'DataRow', 'RowDescription', 'ErrorResponse'])
      expect(types).toContain(t);
    for (const t of ['CopyOutResponse', 'CopyData', 'CopyDone', 'Parse', 'Bind', 'Describe', 'Execute'])
      expect(types).toContain(t);
  });

  for (const stream of streams) {
    for (const from of DIRECTIONS) {
      const name = `stream ${stream.stream} ${from}`;
      const expected = stream[from];
      const bytes = streamBytes(stream.stream, from);
      const whole = decode(bytes, from);

      it(`${name}: ${expected.length} messages, the same types in order, at the same offsets and lengths`, () => {
        expect(whole.map((d) => d.message.type)).toEqual(expected.map((m) => m.type));
        expect(whole.map((d) => d.length)).toEqual(expected.map(wireSize));
        expect(whole.map((d) => d.offset)).toEqual(offsets(expected));
        expect(whole.reduce((n, d) => n + d.length, 0)).toBe(bytes.length);
      });

      it(`${name}: the fields tshark shows are ours, and we have none it lacks`, () => {
        whole.forEach((d, i) => {
          const t = expected[i] as TsharkMessage;
          expect({ at: d.offset, type: d.message.type, fields: fieldsOf(d.message) }).toEqual({
            at: d.offset,
            type: t.type,
            fields: t.fields,
          });
        });
      });

      it(`${name}: 1-byte pieces give the same messages`, () => {
        expect(decode(bytes, from, everyByte(bytes.length))).toEqual(whole);
      });

      it(`${name}: random pieces give the same messages`, () => {
        const cuts = fc
          .uniqueArray(fc.integer({ min: 1, max: Math.max(1, bytes.length - 1) }), { maxLength: 40 })
          .map((a) => a.sort((x, y) => x - y));
        fc.assert(
          fc.property(cuts, (c) => {
            expect(decode(bytes, from, c)).toEqual(whole);
          }),
          { numRuns: 40 },
        );
      });
    }
  }

  it('the comparison can fail: a changed column, a lost message or a wrong length is seen', () => {
    const server = streams[0]?.server as TsharkMessage[];
    const whole = decode(streamBytes(0, 'server'), 'server');
    const row = whole.findIndex((d) => d.message.type === 'DataRow');
    const changed = { ...(whole[row] as Decoded) };
    changed.message = { ...changed.message, columns: ['1', 'x'] };
    expect(fieldsOf(changed.message)).not.toEqual(server[row]?.fields);
    expect(whole.slice(1).map((d) => d.message.type)).not.toEqual(server.map((m) => m.type));
    expect(whole.map((d, i) => (i === row ? d.length + 1 : d.length))).not.toEqual(server.map(wireSize));
  });
});
