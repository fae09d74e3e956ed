import {
  array,
  bytes,
  type Codec,
  defineCodec,
  encode,
  IncompleteError,
  LimitError,
  StreamDecoder,
  sized,
  struct,
  u8,
  u16be,
  u32le,
  ValidationError,
} from '@stride/codec';

import { describe, expect, it } from 'vitest';
import { finished, written } from '../helpers.js';

/** n raw bytes through the public DecodeState API (a view where they lie in one chunk). */
function raw(n: number): Codec<Uint8Array> {
  return defineCodec({ read: (st) => st.bytes(n), write: (w, v) => w.bytes(v) });
}

const Frame = struct({ len: u32le }).field('body', (s) => raw(s.len));

function frame(body: number[]): number[] {
  const n = body.length;
  return [n & 255, (n >> 8) & 255, (n >> 16) & 255, n >>> 24, ...body];
}

describe('StreamDecoder', () => {
  it('emits each record as soon as it is complete', () => {
    const d = new StreamDecoder(Frame);
    expect(written(d, new Uint8Array([...frame([1, 2]), 3, 0]))).toEqual([
      { len: 2, body: new Uint8Array([1, 2]) },
    ]);
    expect(d.offset).toBe(6);
    expect(d.buffered).toBe(2);
    expect(written(d, new Uint8Array([0, 0, 7, 8]))).toEqual([]);
    expect(written(d, new Uint8Array([9]))).toEqual([{ len: 3, body: new Uint8Array([7, 8, 9]) }]);
    expect(d.buffered).toBe(0);
    expect(finished(d)).toEqual([]);
  });

  it('does not retry a partial record before the bytes it needs have arrived', () => {
    let attempts = 0;
    const Counted = struct({
      len: defineCodec<number>({
        size: 4,
        read: (st) => {
          attempts++;
          return st.u32le();
        },
        write: (w, v) => w.u32le(v),
      }),
    }).field('body', (s) => raw(s.len));
    const d = new StreamDecoder(Counted);
    const bytes = new Uint8Array(frame(Array.from({ length: 1000 }, (_, i) => i & 255)));
    written(d, bytes.subarray(0, 10));
    // (the compiled path hands a failed record to the interpreter, so one try may read twice)
    const tried = attempts;
    expect(tried).toBeGreaterThan(0);
    expect(d.needed).toBe(994);
    for (let i = 10; i < bytes.length - 1; i++) expect(written(d, bytes.subarray(i, i + 1))).toEqual([]);
    expect(attempts).toBe(tried);
    expect(d.needed).toBe(1);
    const [rec] = written(d, bytes.subarray(bytes.length - 1));
    // the last try goes on after the fields an interpreted try completed (compiled code saves no
    // progress, so after a compiled-only first try `len` is read once more)
    expect(attempts - tried).toBeLessThanOrEqual(1);
    expect(rec?.body).toEqual(bytes.subarray(4));
  });

  it('hands out views of the chunks, copying only a field that straddles two (or lies in a small held piece)', () => {
    const d = new StreamDecoder(Frame);
    const a = new Uint8Array([...frame([1, 2, 3]), 4, 0, 0, 0, 5, 6]);
    const b = new Uint8Array([7, 8]);
    const first = written(d, a);
    expect(first[0]?.body.buffer).toBe(a.buffer);
    const second = written(d, b);
    expect(second[0]?.body).toEqual(new Uint8Array([5, 6, 7, 8]));
    expect(second[0]?.body.buffer).not.toBe(a.buffer);
    // a record that straddles, whose byte field lies in a large second chunk, is still a view
    const c = new Uint8Array([0x00, 0x10]);
    const e = new Uint8Array(2 + 4096);
    written(d, c);
    expect(written(d, e)[0]?.body.buffer).toBe(e.buffer);
    // a small piece held for a record not complete yet is copied (and packed with the next ones)
    const f = new Uint8Array([2, 0, 0, 0, 9]);
    written(d, f);
    const g = new Uint8Array([9]);
    const [last] = written(d, g);
    expect(last?.body).toEqual(new Uint8Array([9, 9]));
    expect(last?.body.buffer).not.toBe(f.buffer);
    expect(last?.body.buffer).not.toBe(g.buffer);
  });

  it('delivers the records before an error, then raises it', () => {
    const Strict = struct({ tag: u8, v: u16be }).field('check', (s) =>
      defineCodec<void>({
        read: (st) => {
          if (s.tag !== 1) st.invalid(st.pos - 3, 1, 'tag must be 1', '1', String(s.tag));
        },
        write: () => {},
      }),
    );
    const d = new StreamDecoder(Strict);
    const records: number[] = [];
    expect(() => d.write(new Uint8Array([1, 0, 1, 1, 0, 2, 2, 0, 3]), (r) => records.push(r.v))).toThrow(
      ValidationError,
    );
    expect(records).toEqual([1, 2]);
    // the decoder is done: every later call raises the same error
    expect(() => written(d, new Uint8Array([1]))).toThrow(ValidationError);
    expect(() => written(d, new Uint8Array([1]))).toThrow(/at byte 6/);
    // records reach the callback before the throw, in any chunk
    const seen: number[] = [];
    const w = new StreamDecoder(Strict);
    expect(() => w.write(new Uint8Array([1, 0, 1, 2, 0, 2]), (r) => seen.push(r.v))).toThrow(
      /check: tag must be 1 at byte 3/,
    );
    expect(seen).toEqual([1]);
  });

  it('finish() raises IncompleteError naming the offset and the bytes missing', () => {
    const d = new StreamDecoder(Frame);
    written(d, new Uint8Array([...frame([1]), 5, 0, 0, 0, 1, 2]));
    let err: unknown;
    try {
      finished(d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IncompleteError);
    expect(err).toMatchObject({ offset: 9, needed: 3, path: 'body' });
    expect(() => written(d, new Uint8Array([1]))).toThrow(IncompleteError);
  });

  it('refuses a codec whose records take no bytes, and writes after finish()', () => {
    const d = new StreamDecoder(struct({}));
    expect(() => written(d, new Uint8Array([1]))).toThrow(ValidationError);
    const e = new StreamDecoder(u8);
    finished(e);
    expect(() => e.write(new Uint8Array([1]), () => {})).toThrow(/after finish/);
  });

  it('ignores empty chunks', () => {
    const d = new StreamDecoder(u32le);
    expect(written(d, new Uint8Array(0))).toEqual([]);
    expect(written(d, new Uint8Array([1, 0]))).toEqual([]);
    expect(written(d, new Uint8Array(0))).toEqual([]);
    expect(written(d, new Uint8Array([0, 0]))).toEqual([1]);
  });
});

describe('StreamDecoder at the record limit', () => {
  it('a to-end record that exactly fills maxRecordBytes waits for the end instead of failing', () => {
    const d = new StreamDecoder(array(u8, 'toEnd'), { limits: { maxRecordBytes: 4 } });
    expect(written(d, new Uint8Array([1, 2, 3, 4]))).toEqual([]);
    expect(finished(d)).toEqual([[1, 2, 3, 4]]);
    const over = new StreamDecoder(array(u8, 'toEnd'), { limits: { maxRecordBytes: 4 } });
    written(over, new Uint8Array([1, 2, 3, 4]));
    expect(() => written(over, new Uint8Array([5]))).toThrow(LimitError);
  });
});

describe('StreamDecoder and a throwing callback', () => {
  it('keeps its place: the records after the failing callback are not lost or repeated', () => {
    const d = new StreamDecoder(u16be);
    const seen: number[] = [];
    expect(() =>
      d.write(new Uint8Array([0, 1, 0, 2, 0, 3]), (v) => {
        seen.push(v);
        if (v === 2) throw new Error('consumer failed');
      }),
    ).toThrow('consumer failed');
    expect(seen).toEqual([1, 2]);
    expect(d.offset).toBe(4);
  });
});

describe('StreamDecoder: small records cut by a chunk, each completed in a buffer of its own', () => {
  // Length-prefixed records (the compiled code knows where one ends) with byte fields, so the
  // decoder keeps a cut record's start in its own buffer and hands out views of it.
  const Message = sized(u16be, struct({ kind: u8, body: bytes('toEnd') }));
  const bodies = Array.from({ length: 300 }, (_, i) =>
    Uint8Array.from({ length: (i * 7) % 90 }, (_, j) => i + j),
  );
  const stream = Uint8Array.from(bodies.flatMap((body, i) => [...encode(Message, { kind: i & 0xff, body })]));

  it('hands out views that later records never overwrite, in pieces of 1 to 40 bytes', () => {
    for (const piece of [1, 3, 17, 40]) {
      const d = new StreamDecoder(Message);
      const got: { kind: number; body: Uint8Array }[] = [];
      for (let i = 0; i < stream.length; i += piece) d.write(stream.slice(i, i + piece), (r) => got.push(r));
      d.finish((r) => got.push(r));
      // Compared only now, after every later record was decoded: each body is still its own bytes.
      expect(got.map((r) => r.body)).toEqual(bodies);
      expect(got.map((r) => r.kind)).toEqual(bodies.map((_, i) => i & 0xff));
    }
  });

  it('reports what it holds for the cut record, and the bytes it still needs', () => {
    const d = new StreamDecoder(Message);
    const one = encode(Message, { kind: 1, body: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    const two = concat(one, one.subarray(0, 4));
    expect(written(d, two)).toHaveLength(1);
    expect(d.buffered).toBe(4);
    expect(d.needed).toBe(one.length - 4);
    expect(written(d, one.subarray(4))).toEqual([{ kind: 1, body: Uint8Array.of(1, 2, 3, 4, 5, 6) }]);
    expect(d.buffered).toBe(0);
  });
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
