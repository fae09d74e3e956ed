/**
 * Linear time and bounded memory in any chunking. Time is proven by counting the bytes the decoder
 * examines (delimiter searches and element reads), not by timing: a record trickling in must not
 * be decoded again from its start at every piece.
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  array,
  bytes,
  type Codec,
  cstring,
  type DecodeState,
  defineCodec,
  encode,
  StreamDecoder,
  sized,
  string,
  struct,
  u8,
  u32le,
  uleb128,
} from '@stride/codec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countScans, feed } from './scan-count.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function text(n: number): Uint8Array {
  const b = new Uint8Array(n + 1).fill(0x61);
  b[n] = 0;
  return b;
}

describe('StreamDecoder in linear time', () => {
  it('searches a NUL-terminated string fed a byte at a time once, not once per byte', () => {
    for (const n of [16_384, 32_768]) {
      const scans = countScans();
      const [s] = feed(cstring, text(n), 1);
      expect(s).toHaveLength(n);
      // each byte is searched about once (plus the compiled first try over the first piece)
      expect(scans.bytes).toBeLessThanOrEqual(2 * n + 16);
      vi.restoreAllMocks();
    }
  });

  it('tries a delimited line fed a byte at a time compiled only a few times, and searches it once', () => {
    // The compiled code searches from the record's start at every try: it may try a few times
    // (the first piece, a speculative completion, copies out of the chain), then the interpreter
    // goes on. Each compiled try reads `tag` again (the interpreter's tries resume after it).
    let tags = 0;
    const tag = defineCodec<number>({
      read: (st) => {
        tags++;
        return st.u8();
      },
      write: (w, v) => w.u8(v),
    });
    const Line = struct({ tag, line: string({ until: '\r\n' }) });
    for (const n of [16_384, 32_768]) {
      const input = new Uint8Array([1, ...new Uint8Array(n).fill(0x61), 13, 10]);
      tags = 0;
      const scans = countScans();
      const [r] = feed(Line, input, 1);
      expect(r?.line).toHaveLength(n);
      expect(tags).toBeLessThanOrEqual(8);
      expect(scans.bytes).toBeLessThanOrEqual(2 * input.length + 16);
      vi.restoreAllMocks();
    }
  });

  it('does not search a completed field again while a later one trickles in', () => {
    const Two = struct({ a: cstring, b: cstring });
    const a = text(20_000);
    const b = text(20_000);
    const input = new Uint8Array([...a, ...b]);
    const scans = countScans();
    const [r] = feed(Two, input, 7);
    expect(r?.a).toHaveLength(20_000);
    expect(r?.b).toHaveLength(20_000);
    expect(scans.bytes).toBeLessThanOrEqual(2 * input.length + 16);
  });

  it('a user codec that finds its delimiter with st.scan resumes too', () => {
    const CRLF = Uint8Array.of(13, 10);
    const line = defineCodec<Uint8Array>({
      read: (st: DecodeState) => {
        const at = st.pos;
        const i = st.scan(CRLF, at);
        if (i < 0) st.short(at, st.end - at + 2);
        const v = st.bytes(i - at);
        st.take(2);
        return v;
      },
      write: (w, v) => {
        w.bytes(v);
        w.bytes(CRLF);
      },
    });
    const body = new Uint8Array(50_000).fill(13);
    const input = new Uint8Array([...body, 13, 10]);
    const scans = countScans();
    const [v] = feed(line, input, 1);
    expect(v).toHaveLength(50_000);
    // every CR is a candidate match, checked once
    expect(scans.bytes).toBeLessThanOrEqual(2 * input.length + 16);
  });

  it('reads each element of a long array once, whatever the pieces', () => {
    let reads = 0;
    const item = defineCodec<number>({
      read: (st) => {
        reads++;
        return uleb128.read(st);
      },
      write: (w, v) => uleb128.write(w, v),
    });
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => (i * 7919) % 100_000);
    const Counted = struct({ n: u32le }).field('items', (s) => array(item, s.n));
    const ToEnd = sized(u32le, array(item, 'toEnd'));
    for (const codec of [Counted, ToEnd] as Codec<unknown>[]) {
      const input = codec === Counted ? encode(Counted, { n, items: values }) : encode(ToEnd, values);
      for (const piece of [1, 1024]) {
        reads = 0;
        const [r] = feed(codec, input, piece);
        expect(r).toBeDefined();
        // each item once, plus one interrupted try per piece, plus the compiled path's first pass
        expect(reads).toBeLessThanOrEqual(2 * n + Math.ceil(input.length / piece) + 16);
      }
    }
  });

  it('nested arrays resume at every level', () => {
    let reads = 0;
    const leaf = defineCodec<number>({
      read: (st) => {
        reads++;
        return st.u8();
      },
      write: (w, v) => u8.write(w, v),
    });
    const Inner = struct({ n: u8 }).field('xs', (s) => array(leaf, s.n));
    const Outer = struct({ n: u32le }).field('rows', (s) => array(Inner, s.n));
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      n: 10,
      xs: Array.from({ length: 10 }, (_, j) => (i + j) & 255),
    }));
    const input = encode(Outer, { n: rows.length, rows });
    const [r] = feed(Outer, input, 1);
    expect(r?.rows).toEqual(rows);
    expect(reads).toBeLessThanOrEqual(2 * 20_000 + input.length + 16);
  });
});

describe('StreamDecoder memory', () => {
  it('holds a record of maxRecordBytes fed a byte at a time in about its own size', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const size = 2 * 1024 * 1024;
    const Frame = struct({ len: u32le }).field('body', (s) => bytes(s.len));
    const input = encode(Frame, { len: size - 4, body: new Uint8Array(size - 4).fill(7) });
    const d = new StreamDecoder(Frame, { limits: { maxRecordBytes: size } });
    gc();
    const before = process.memoryUsage();
    const out: unknown[] = [];
    for (let i = 0; i < input.length - 1; i++) d.write(input.subarray(i, i + 1), (r) => out.push(r));
    gc();
    const after = process.memoryUsage();
    const held = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(out).toEqual([]);
    expect(d.buffered).toBe(size - 1);
    // packed: about the bytes themselves (at most twice), not ~200 bytes of bookkeeping per piece
    expect(held).toBeLessThan(2 * size + 4 * 1024 * 1024);
    d.write(input.subarray(input.length - 1), (r) => out.push(r));
    expect(out).toHaveLength(1);
  });

  it('fails past maxBuffered with a LimitError at the record, after the records before it', () => {
    const d = new StreamDecoder(cstring, { limits: { maxBuffered: 100 } });
    const out: string[] = [];
    d.write(new TextEncoder().encode('ok\0'), (r) => out.push(r));
    const long = new Uint8Array(101).fill(0x61);
    expect(() => d.write(long, (r) => out.push(r))).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED', limit: 'maxBuffered', offset: 3 }),
    );
    expect(out).toEqual(['ok']);
  });
});
