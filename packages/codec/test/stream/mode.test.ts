import {
  bytes,
  type Codec,
  encode,
  literal,
  magic,
  StreamDecoder,
  string,
  struct,
  u8,
  u16be,
  u32be,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, cutsFor, finished, shape, written } from '../helpers.js';

// A protocol with two phases: a handshake (magic, version, a name), then fixed-size frames, one of
// which (`kind` 0xff) asks for a new handshake; and a variable-size message codec a handshake with
// version 2 selects.
const Hello = struct({ m: magic('HELO'), hello: literal(u8, 1), version: u8, name: string(u8) });
const Frame = struct({ kind: u8, a: u16be, b: u32be });
const Message = struct({ kind: literal(u8, 2), body: bytes(u16be) });

type Hello = typeof Hello extends Codec<infer T> ? T : never;
type Frame = typeof Frame extends Codec<infer T> ? T : never;
type Message = typeof Message extends Codec<infer T> ? T : never;
type Rec = Hello | Frame | Message;

function mode(r: Rec): Codec<Rec> | undefined {
  if ('hello' in r) return r.version === 2 ? Message : Frame;
  if (r.kind === 0xff) return Hello;
  return undefined;
}

function records(chunks: readonly Uint8Array[]): { records: Rec[]; error?: unknown } {
  const d = new StreamDecoder<Rec>(Hello, { mode });
  const out: Rec[] = [];
  try {
    for (const c of chunks) d.write(c, (r) => out.push(r));
    d.finish((r) => out.push(r));
    return { records: out };
  } catch (e) {
    return { records: out, error: shape(e) };
  }
}

const bytewise = (b: Uint8Array) =>
  cut(
    b,
    Array.from({ length: b.length }, (_, i) => i),
  );
const join = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const hello = (version: number, name: string) => encode(Hello, { hello: 1, version, name });
const frame = (kind: number, a: number, b: number) => encode(Frame, { kind, a, b });
const message = (body: number[]) => encode(Message, { kind: 2, body: Uint8Array.from(body) });

describe('StreamDecoder mode hook', () => {
  const session = join(
    hello(1, 'alpha'),
    frame(1, 2, 3),
    frame(4, 5, 6),
    frame(0xff, 0, 0),
    hello(2, 'beta'),
    message([9, 8, 7]),
    message([]),
  );

  it('switches codecs after the record that asks for it, keeping the bytes already held', () => {
    const d = new StreamDecoder<Rec>(Hello, { mode });
    expect(d.current).toBe(Hello);
    const got = written(d, session);
    expect(got).toEqual([
      { hello: 1, version: 1, name: 'alpha' },
      { kind: 1, a: 2, b: 3 },
      { kind: 4, a: 5, b: 6 },
      { kind: 0xff, a: 0, b: 0 },
      { hello: 1, version: 2, name: 'beta' },
      { kind: 2, body: Uint8Array.from([9, 8, 7]) },
      { kind: 2, body: new Uint8Array(0) },
    ]);
    expect(d.current).toBe(Message);
    expect(finished(d)).toEqual([]);
  });

  it('gives the same records in any chunking', () => {
    const whole = records([session]);
    expect(whole.error).toBeUndefined();
    expect(records(bytewise(session))).toEqual(whole);
    fc.assert(
      fc.property(cutsFor(session.length), (at) => {
        expect(records(cut(session, at))).toEqual(whole);
      }),
    );
  });

  it('raises an error against the codec in force, at its absolute offset, after the records before it', () => {
    // A frame where version 2 put Message in force: its kind is not Message's literal 2.
    const bad = join(hello(2, 'x'), message([1]), frame(3, 0, 0));
    const at = hello(2, 'x').length + message([1]).length;
    for (const chunks of [[bad], cut(bad, [1, at + 1]), bytewise(bad)]) {
      const got = records(chunks);
      expect(got.records).toHaveLength(2);
      expect(got.error).toMatchObject({
        name: 'ConstantError',
        code: 'BAD_CONSTANT',
        offset: at,
        path: 'kind',
      });
    }
  });
});

describe('StreamDecoder final mode switch', () => {
  // A handshake, then frames for good: after the final switch the hook is never called again.
  const session = join(hello(1, 'alpha'), ...Array.from({ length: 50 }, (_, i) => frame(i, i * 3, i * 7)));
  const expected = [
    { hello: 1, version: 1, name: 'alpha' },
    ...Array.from({ length: 50 }, (_, i) => ({ kind: i, a: i * 3, b: i * 7 })),
  ];

  function run(chunks: readonly Uint8Array[]): { records: Rec[]; calls: number; ends: number[] } {
    let calls = 0;
    const d = new StreamDecoder<Rec>(Hello, {
      mode: (r) => {
        calls++;
        return 'hello' in r ? { codec: Frame, final: true } : Hello;
      },
    });
    const records: Rec[] = [];
    const ends: number[] = [];
    const emit = (r: Rec) => {
      records.push(r);
      ends.push(d.offset);
    };
    for (const c of chunks) d.write(c, emit);
    d.finish(emit);
    expect(d.current).toBe(Frame);
    return { records, calls, ends };
  }

  it('retires the hook: every later record is decoded by the codec it switched to, in any chunking', () => {
    const helloSize = hello(1, 'alpha').length;
    const ends = [helloSize, ...Array.from({ length: 50 }, (_, i) => helloSize + (i + 1) * 7)];
    for (const chunks of [[session], bytewise(session), cut(session, [3, 40, 41, 200])]) {
      const got = run(chunks);
      expect(got.records).toEqual(expected);
      // Called once, for the handshake: the hook would have switched back to Hello after a frame.
      expect(got.calls).toBe(1);
      // While emit runs, offset is the end of the record being emitted (compiled loop or not).
      expect(got.ends).toEqual(ends);
    }
  });
});
