import { encodeBackend, PgReader } from '@stride/pg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientBytes,
  clientMessages,
  concat,
  cut,
  cutsFor,
  read,
  serverBytes,
  serverMessages,
} from '../helpers.js';

const bytewise = (b: Uint8Array) =>
  cut(
    b,
    Array.from({ length: b.length }, (_, i) => i),
  );

/** Each message's offset: the running sum of the encoded sizes. */
function offsetsOf(sizes: number[]): number[] {
  let at = 0;
  return sizes.map((n) => {
    const o = at;
    at += n;
    return o;
  });
}

describe('PgReader', () => {
  it('reads every backend message, the SSL answer in the startup framing first', () => {
    const got = read({ from: 'server' }, [serverBytes]);
    expect(got.error).toBeUndefined();
    expect(got.messages).toEqual(serverMessages);
    expect(got.offsets).toEqual(offsetsOf(serverMessages.map((m) => encodeBackend(m).length)));
  });

  it('reads every frontend message, switching from the startup framing after the StartupMessage', () => {
    const got = read({ from: 'client' }, [clientBytes]);
    expect(got.error).toBeUndefined();
    expect(got.messages).toEqual(clientMessages);
  });

  it('gives the same messages and offsets in any chunking, down to 1 byte', () => {
    for (const [from, bytes] of [
      ['server', serverBytes],
      ['client', clientBytes],
    ] as const) {
      const whole = read({ from }, [bytes]);
      expect(read({ from }, bytewise(bytes))).toEqual(whole);
      expect(read({ from, compile: false }, bytewise(bytes))).toEqual(whole);
      fc.assert(
        fc.property(cutsFor(bytes.length), (at) => {
          expect(read({ from }, cut(bytes, at))).toEqual(whole);
        }),
        { numRuns: 200 },
      );
    }
  });

  it('hands out columns as byte views with columns: bytes', () => {
    const got = read({ from: 'server', columns: 'bytes' }, [serverBytes]);
    const rows = got.messages.filter((m) => (m as { type: string }).type === 'DataRow');
    expect(rows).toEqual([
      { type: 'DataRow', columns: [Uint8Array.of(0x31), new TextEncoder().encode('first')] },
      { type: 'DataRow', columns: [Uint8Array.of(0x32), null] },
      { type: 'DataRow', columns: [Uint8Array.of(0x33), new Uint8Array(0)] },
    ]);
  });

  it("reads a stream picked up after the startup phase with phase: 'messages'", () => {
    const rest = serverBytes.subarray(1);
    expect(read({ from: 'server', phase: 'messages' }, [rest]).messages).toEqual(serverMessages.slice(1));
  });
});

describe('PgReader on hostile input', () => {
  const ready = encodeBackend({ type: 'ReadyForQuery', status: 'I' });
  const rowDescription = encodeBackend({
    type: 'RowDescription',
    fields: [
      { name: 'a', tableOid: 0, columnAttribute: 0, typeOid: 25, typeSize: -1, typeModifier: -1, format: 0 },
    ],
  });
  const row = encodeBackend({ type: 'DataRow', columns: ['x'] });

  /** Every chunking gives the same messages before the error, and the error's code and offset. */
  function fails(bytes: Uint8Array, code: string, offset: number, delivered: number, options = {}) {
    const outcomes = [[bytes], bytewise(bytes), cut(bytes, [1, 7, 13])].map((c) =>
      read({ from: 'server', phase: 'messages', ...options }, c),
    );
    for (const got of outcomes) {
      expect(got.error).toMatchObject({ code, offset });
      expect(got.messages).toHaveLength(delivered);
      expect(got).toEqual(outcomes[0]);
    }
  }

  it('refuses a length below 4 (BAD_LENGTH) at the length field', () => {
    fails(concat([ready, Uint8Array.of(0x5a, 0, 0, 0, 3)]), 'BAD_LENGTH', ready.length + 1, 1);
  });

  it('refuses a length past maxMessageBytes (MESSAGE_TOO_LARGE) without holding it', () => {
    // At the first byte of the body that would not fit.
    const huge = Uint8Array.of(0x44, 0x7f, 0xff, 0xff, 0xff, 0, 1);
    fails(concat([ready, huge]), 'MESSAGE_TOO_LARGE', ready.length + 5, 1, { maxMessageBytes: 1024 });
    const reader = new PgReader({ from: 'server', phase: 'messages', maxMessageBytes: 1024 });
    expect(() => reader.write(huge, () => {})).toThrow(
      /^the message is longer than maxMessageBytes \(1024\); raise it if messages this large are legitimate at byte 5/,
    );
    expect(reader.buffered).toBeLessThanOrEqual(1024);
  });

  it('refuses an unknown message type (UNKNOWN_MESSAGE)', () => {
    fails(concat([ready, Uint8Array.of(0x3f, 0, 0, 0, 4)]), 'UNKNOWN_MESSAGE', ready.length, 1);
  });

  it('refuses a DataRow whose column count disagrees with the RowDescription (COLUMN_COUNT)', () => {
    const two = encodeBackend({ type: 'DataRow', columns: ['x', 'y'] });
    const bytes = concat([rowDescription, row, row, two]);
    fails(bytes, 'COLUMN_COUNT', rowDescription.length + 2 * row.length + 5, 3);
  });

  it('raises INCOMPLETE when the stream ends inside a message, after the messages before it', () => {
    // At the column count the stream ends inside.
    const bytes = concat([rowDescription, row, row.subarray(0, 6)]);
    fails(bytes, 'INCOMPLETE', rowDescription.length + row.length + 5, 2);
  });

  it('refuses a body that does not match its type (BAD_MESSAGE), e.g. bytes left over', () => {
    const padded = Uint8Array.of(0x5a, 0, 0, 0, 6, 0x49, 0);
    fails(concat([ready, padded]), 'BAD_MESSAGE', ready.length + 6, 1);
  });

  it('names faults in the startup framing the same way, with no wrapper in the path', () => {
    const server = read({ from: 'server' }, [Uint8Array.of(0x52, 0, 0, 0, 2)]);
    expect(server.error).toMatchObject({ code: 'BAD_LENGTH', offset: 1, path: '' });
    // A client's startup message of length 4 has no room for its code.
    const client = read({ from: 'client' }, [Uint8Array.of(0, 0, 0, 4, 0, 0, 0, 8)]);
    expect(client.error).toMatchObject({ code: 'BAD_MESSAGE', offset: 4 });
  });

  it('keeps a startup parameter named __proto__ as a parameter', () => {
    // Written by hand: an object literal cannot be given an own key __proto__ to encode.
    const params = new TextEncoder().encode('__proto__\0x\0\0');
    const renamed = concat([Uint8Array.of(0, 0, 0, 8 + params.length, 0, 3, 0, 0), params]);
    const [m] = read({ from: 'client' }, [renamed]).messages as { parameters: object }[];
    expect(Object.getPrototypeOf(m?.parameters)).toBe(Object.prototype);
    expect(Object.keys(m?.parameters ?? {})).toEqual(['__proto__']);
  });

  it('refuses bytes after the server accepted SSL (ENCRYPTED)', () => {
    const got = read({ from: 'server' }, [Uint8Array.of(0x53, 0x16, 0x03, 0x01)]);
    expect(got.messages).toEqual([{ type: 'SSLResponse', answer: 'S' }]);
    expect(got.error).toMatchObject({ code: 'ENCRYPTED', offset: 1 });
  });
});
