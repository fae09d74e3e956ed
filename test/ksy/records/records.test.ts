// A .ksy's records read from a chunk stream (`format.records()`): the items of a top-level
// `repeat: eos`, each emitted as soon as it is complete; the same records as decoding the whole
// input, in any chunking; linear time when one record arrives a byte at a time (a long sized field,
// a long terminated string); bounded by maxRecordBytes against a lying length; errors after the
// records before them, with the item's path and an absolute offset.
import { IncompleteError, LimitError } from '@stride/codec';
import { KsyDecodeError, type KsyObject, loadKsy, toJson } from '@stride/ksy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut } from '../../support/pieces.js';
import { thrownBy } from '../../support/thrown.js';

const MESSAGES = `
meta:
  id: messages
  endian: be
seq:
  - id: messages
    type: message
    repeat: eos
types:
  message:
    seq:
      - id: kind
        type: u1
        enum: kind
        valid:
          any-of: ['kind::text', 'kind::numbers']
      - id: len
        type: u4
      - id: body
        size: len
        type:
          switch-on: kind
          cases:
            'kind::text': text_body
            'kind::numbers': numbers_body
      - id: tag
        type: strz
        encoding: ASCII
      - id: flags
        type: b3
      - id: level
        type: b5
    instances:
      total:
        value: len + tag.length
    types:
      text_body:
        seq:
          - id: text
            type: str
            size-eos: true
            encoding: UTF-8
      numbers_body:
        seq:
          - id: values
            type: u4
            repeat: eos
enums:
  kind:
    1: text
    2: numbers
`;

interface Message {
  kind: 1 | 2;
  text: string;
  values: number[];
  tag: string;
  flags: number;
  level: number;
}

function encode(m: Message): Uint8Array {
  const body =
    m.kind === 1
      ? new TextEncoder().encode(m.text)
      : new Uint8Array(new Uint32Array(m.values.length).map((_, i) => m.values[i] as number).buffer).map(
          (_, i, a) => a[i - (i % 4) + 3 - (i % 4)] as number,
        );
  const tag = new TextEncoder().encode(m.tag);
  const out = new Uint8Array(5 + body.length + tag.length + 2);
  const dv = new DataView(out.buffer);
  out[0] = m.kind;
  dv.setUint32(1, body.length);
  out.set(body, 5);
  out.set(tag, 5 + body.length);
  out[5 + body.length + tag.length] = 0;
  out[out.length - 1] = (m.flags << 5) | m.level;
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What a decoded message says, as plain data. */
function plain(o: KsyObject): unknown {
  const body = o.body as KsyObject;
  return {
    kind: o.kind,
    body: 'text' in body ? body.text : [...(body.values as number[])],
    tag: o.tag,
    flags: o.flags,
    level: o.level,
    total: o.total,
  };
}

/** Every record of `input` fed in `cuts` pieces, or the error after them. */
function stream(input: Uint8Array, cuts: readonly number[], options = {}) {
  const reader = format.records(options);
  const records: unknown[] = [];
  const emit = (r: KsyObject) => records.push(plain(r));
  let at = 0;
  try {
    for (const cut of [...cuts, input.length]) {
      const end = Math.min(input.length, Math.max(at, cut));
      reader.write(input.subarray(at, end), emit);
      at = end;
    }
    reader.finish(emit);
    return { records };
  } catch (error) {
    return { records, error };
  }
}

const format = loadKsy(MESSAGES);

const message = fc.record<Message>({
  kind: fc.constantFrom(1 as const, 2 as const),
  text: fc.string({ maxLength: 40 }),
  values: fc.array(fc.nat(), { maxLength: 10 }),
  tag: fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0'), maxLength: 8 }),
  flags: fc.nat(7),
  level: fc.nat(31),
});

describe('format.records()', () => {
  it('gives the items of the whole decode, in any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 12 }),
        fc.array(fc.nat(2000), { maxLength: 30 }),
        (messages, cuts) => {
          const input = concat(messages.map(encode));
          const whole = (format.decode(input).messages as KsyObject[]).map(plain);
          expect(whole).toHaveLength(messages.length);
          expect(
            stream(
              input,
              [...cuts].sort((a, b) => a - b),
            ),
          ).toEqual({ records: whole });
          expect(
            stream(
              input,
              Array.from({ length: input.length }, (_, i) => i),
            ),
          ).toEqual({ records: whole });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('emits each record as soon as its last byte arrives', () => {
    const a = encode({ kind: 1, text: 'hello', values: [], tag: 'x', flags: 1, level: 2 });
    const reader = format.records();
    const seen: unknown[] = [];
    reader.write(a.subarray(0, a.length - 1), (r) => seen.push(r));
    expect(seen).toHaveLength(0);
    expect(reader.buffered).toBe(a.length - 1);
    reader.write(a.subarray(a.length - 1), (r) => seen.push(r));
    expect(seen.map((r) => plain(r as KsyObject))).toEqual([
      { kind: 1, body: 'hello', tag: 'x', flags: 1, level: 2, total: 6 },
    ]);
    expect(reader.offset).toBe(a.length);
  });

  it('fixed-size records in any chunking: each emitted by the write of its last byte, the same values', () => {
    const fixed = loadKsy(
      'meta: {id: fixed, endian: be}\nseq:\n  - {id: a, type: u2}\n  - {id: b, type: u4}\n  - {id: c, size: 3}\n',
    );
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 90 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 40 }),
        (bytes, sizes) => {
          const reader = fixed.records();
          const emitted: [number, KsyObject][] = [];
          const ends: number[] = []; // where the input stood after each write
          let at = 0;
          for (const n of [...sizes, bytes.length]) {
            const chunk = bytes.subarray(at, at + n);
            at += chunk.length;
            ends.push(at);
            reader.write(chunk, (r) => emitted.push([at, r]));
            expect(reader.needed).toBe(at % 9 === 0 ? 0 : 9 - (at % 9));
            if (at === bytes.length) break;
          }
          // Record k ends at byte 9(k + 1): the first write that brought that byte emitted it.
          expect(emitted.map(([end]) => end)).toEqual(
            emitted.map((_, k) => ends.find((end) => end >= 9 * (k + 1))),
          );
          expect(emitted.map(([, r]) => toJson(r))).toEqual(
            Array.from({ length: Math.floor(bytes.length / 9) }, (_, k) =>
              toJson(fixed.decode(bytes.subarray(9 * k, 9 * k + 9))),
            ),
          );
        },
      ),
    );
  });

  /** Milliseconds to stream `input` a byte at a time. */
  function byteByByte(input: Uint8Array): number {
    const t0 = performance.now();
    const r = stream(
      input,
      Array.from({ length: input.length }, (_, i) => i),
    );
    expect(r.records).toHaveLength(1);
    return performance.now() - t0;
  }

  it('reads a record that arrives a byte at a time in linear time (a sized field, a terminated string)', () => {
    const sized = (n: number) =>
      encode({ kind: 1, text: 'x'.repeat(n), values: [], tag: 't', flags: 0, level: 0 });
    const terminated = (n: number) =>
      encode({ kind: 1, text: '', values: [], tag: 'a'.repeat(n), flags: 0, level: 0 });
    for (const make of [sized, terminated]) {
      byteByByte(make(1 << 14)); // warm-up
      const small = byteByByte(make(1 << 17));
      const large = byteByByte(make(1 << 19));
      // 4 times the bytes: about 4 times the time when linear, 16 times when quadratic.
      expect(large / small).toBeLessThan(9);
    }
  });

  it('reads a record that asks its stream’s size (_io.size) again only at the end of the input', () => {
    let reads = 0;
    const counted = {
      decode: (data: Uint8Array) => {
        reads++;
        return data;
      },
    };
    const format = loadKsy(
      'meta: {id: sized_by_io}\nseq:\n  - {id: head, size: 1, process: counted}\n  - {id: rest, size: _io.size - _io.pos}\n',
      { process: { counted } },
    );
    const input = Uint8Array.from({ length: 5000 }, (_, i) => i & 255);
    const out: KsyObject[] = [];
    const reader = format.records();
    for (let i = 0; i < input.length; i++) reader.write(input.subarray(i, i + 1), (r) => out.push(r));
    expect(out).toEqual([]);
    expect(reader.needed).toBe(1);
    reader.finish((r) => out.push(r));
    expect(out.map((r) => (r as unknown as { rest: Uint8Array }).rest.length)).toEqual([4999]);
    expect(reads).toBeLessThanOrEqual(4); // not once per byte
  });

  it('a recursive type nested deeper than the stack holds is a TOO_DEEP fault, not a RangeError', () => {
    const tree = loadKsy(
      'meta: {id: tree}\nseq:\n  - {id: more, type: u1}\n  - {id: child, type: tree, if: more != 0}\n',
    );
    const hostile = new Uint8Array(200_000).fill(1);
    const faults = [
      () => tree.decode(hostile),
      () => {
        const reader = tree.records();
        for (const piece of cut(hostile, [1460])) reader.write(piece, () => {});
        reader.finish(() => {});
      },
    ].map((run) => thrownBy(KsyDecodeError, run));
    for (const e of faults) {
      expect(e.code).toBe('TOO_DEEP');
      expect(e.offset).toBeGreaterThan(0);
      expect(e.message.length).toBeLessThan(1000);
    }
    // Nested as deep as the data says, but no deeper than the stack holds: read.
    const shallow = Uint8Array.from({ length: 500 }, (_, i) => (i < 499 ? 1 : 0));
    expect(tree.decode(shallow)).toBeDefined();
  });

  it('holds no more than maxRecordBytes for a length that lies', () => {
    const lie = new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, ...new Uint8Array(5000)]);
    const r = stream(
      lie,
      Array.from({ length: 50 }, (_, i) => i * 100),
      { maxRecordBytes: 4096 },
    );
    expect(r.error).toBeInstanceOf(LimitError);
    expect(r.error).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 0 });
  });

  it('raises an error after the records before it, with its item path and absolute offset', () => {
    const good = encode({ kind: 2, text: '', values: [7, 8], tag: 'ok', flags: 0, level: 0 });
    const bad = new Uint8Array([9, 0, 0, 0, 0, 0, 0]);
    const r = stream(concat([good, good, bad]), [3, 20]);
    expect(r.records).toHaveLength(2);
    expect(r.error).toBeInstanceOf(KsyDecodeError);
    expect(r.error).toMatchObject({
      code: 'NOT_ANY_OF',
      path: 'messages[2].kind',
      kaitaiName: 'ValidationNotAnyOfError',
    });
    expect((r.error as KsyDecodeError).offset).toBe(2 * good.length + 1);
  });

  it('reports a record cut by the end of the input', () => {
    const a = encode({ kind: 1, text: 'hello', values: [], tag: 'x', flags: 1, level: 2 });
    const r = stream(a.subarray(0, 7), []);
    expect(r.records).toHaveLength(0);
    expect(r.error).toBeInstanceOf(KsyDecodeError);
    expect(r.error).toMatchObject({ code: 'END_OF_STREAM' });
  });

  it('gives a file’s header first, then each item of its repeat: eos (pcap-like), in any chunking', () => {
    const capture = loadKsy(`
meta: {id: capture, endian: le}
seq:
  - id: magic
    contents: [0x43, 0x41, 0x50]
  - id: version
    type: u1
  - id: items
    type: item
    repeat: eos
types:
  item:
    seq:
      - id: len
        type: u1
      - id: data
        size: len
    instances:
      version_seen:
        value: _parent.version
`);
    const items = [[1, 2, 3], [], [9], [4, 5]];
    const input = Uint8Array.from([0x43, 0x41, 0x50, 7, ...items.flatMap((d) => [d.length, ...d])]);
    fc.assert(
      fc.property(fc.array(fc.nat(input.length), { maxLength: 8 }), (seeds) => {
        const reader = capture.records();
        const got: KsyObject[] = [];
        let at = 0;
        for (const cut of [...seeds].sort((a, b) => a - b).concat(input.length)) {
          reader.write(input.subarray(at, Math.max(at, cut)), (r) => got.push(r));
          at = Math.max(at, cut);
        }
        reader.finish((r) => got.push(r));
        expect(got).toHaveLength(1 + items.length);
        expect(toJson(got[0])).toEqual({ magic: '434150', version: 7, items: [] });
        expect(got.slice(1).map((r) => [...(r.data as Uint8Array)])).toEqual(items);
        expect(got.slice(1).map((r) => r.version_seen)).toEqual([7, 7, 7, 7]);
      }),
    );
  });

  it('refuses a record that reads no bytes', () => {
    const empty = loadKsy('meta: {id: empty}\ninstances:\n  x:\n    value: 1\n');
    const reader = empty.records();
    expect(() => reader.write(new Uint8Array([1]), () => {})).toThrow(
      expect.objectContaining({ code: 'EMPTY_RECORD' }),
    );
  });

  it('is the top object, one per record, when asked not to split a repeat: eos into items', () => {
    const input = concat(
      [1, 2, 3].map((v) => encode({ kind: 2, text: '', values: [v], tag: '', flags: 0, level: 0 })),
    );
    const reader = format.records({ items: false });
    const got: KsyObject[] = [];
    for (const b of input) reader.write(new Uint8Array([b]), (r) => got.push(r));
    expect(got).toHaveLength(0);
    reader.finish((r) => got.push(r));
    expect(got).toHaveLength(1);
    expect(((got[0] as KsyObject).messages as KsyObject[]).map(plain)).toEqual(
      (format.decode(input).messages as KsyObject[]).map(plain),
    );
    expect(() => format.records().finish(() => {})).not.toThrow(IncompleteError);
  });
});
