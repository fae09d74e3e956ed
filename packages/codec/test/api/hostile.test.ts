/**
 * Hostile input never escapes as a JavaScript error nor loops: lengths computed from the wire,
 * records of no bytes, nesting deeper than the stack, huge fields cut short. Each failure is a
 * DecodeError with its code, offset and path, and a bounded message.
 */
import {
  bytes,
  Decoder,
  decode,
  encode,
  IncompleteError,
  i8,
  LimitError,
  padding,
  peek,
  StreamDecoder,
  string,
  struct,
  u8,
  u32be,
  ValidationError,
  when,
} from '@stride/codec';
import { describe, expect, it } from 'vitest';
import { bin, cut, expectChunkInvariant, finished, streamOutcome, thrown, written } from '../helpers.js';
import { Deep } from './deep.js';

describe('lengths computed from decoded fields', () => {
  const bad: [string, (n: number) => number][] = [
    ['negative', (n) => n],
    ['NaN', (n) => n * Number.NaN],
    ['fractional', (n) => n / 2],
    ['past 2^53', (n) => 2 ** 53 - n],
  ];
  const fields = { bytes: (n: number) => bytes(n), string: (n: number) => string(n) };

  for (const [what, make] of Object.entries(fields)) {
    for (const [why, length] of bad) {
      it(`${what}(n) with a ${why} n is a ValidationError at the field`, () => {
        const c = struct({ n: i8 }).field('b', (s) => make(length(s.n)));
        const e = thrown(() => decode(c, bin(0xfd)));
        expect(e).toBeInstanceOf(ValidationError);
        expect(e).toMatchObject({ code: 'VALIDATION_FAILED', offset: 1, path: 'b' });
        expect(e.message).toContain('is not a length');
        expect(expectChunkInvariant(c, bin(0xfd, 1, 2), 5).error).toMatchObject({ offset: 1, path: 'b' });
      });
    }

    it(`${what}(n) with a bad literal n fails when read or written, compiled or not`, () => {
      const c = struct({ a: u8, b: make(-3) });
      expect(thrown(() => decode(c, bin(1, 2)))).toMatchObject({
        code: 'VALIDATION_FAILED',
        offset: 1,
        path: 'b',
      });
      const value = { a: 1, b: what === 'bytes' ? new Uint8Array(0) : '' } as never;
      expect(thrown(() => encode(c, value))).toMatchObject({ name: 'EncodeError', path: 'b' });
    });
  }
});

describe('records of no bytes', () => {
  // The flag byte is peeked; with its top bit clear the record reads nothing.
  const c = struct({ flags: peek(u8) }).field('ext', (s) => when((s.flags & 0x80) !== 0, u32be));
  const stalled = { code: 'VALIDATION_FAILED', offset: 0 };

  /** Fails the test instead of looping when a decoder emits more records than the input holds. */
  const bounded = () => {
    let n = 0;
    return () => {
      if (++n > 4) throw new Error('the decoder loops');
    };
  };

  it('Decoder.readEach raises what StreamDecoder raises', () => {
    const e = thrown(() => new Decoder(c, bin(0)).readEach(bounded()));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject(stalled);
    expect(e.message).toContain('the record consumed no bytes');
    expect(streamOutcome(c, [bin(0)]).error).toMatchObject({ ...stalled, message: e.message });
  });

  it('for…of over a Decoder, and read, raise it too', () => {
    const tick = bounded();
    expect(
      thrown(() => {
        for (const _ of new Decoder(c, bin(0x80, 0, 0, 1, 0))) tick();
      }),
    ).toMatchObject({ ...stalled, offset: 4 });
    expect(thrown(() => new Decoder(c, bin(0)).read())).toMatchObject(stalled);
  });
});

describe('nesting deeper than the stack', () => {
  const expectTooDeep = (e: unknown) => {
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxDepth' });
  };

  it('is a LimitError with the default limits, from decode, Decoder and StreamDecoder', () => {
    const input = deep(300);
    expectTooDeep(thrown(() => decode(Deep, input)));
    expectTooDeep(thrown(() => new Decoder(Deep, input).read()));
    expectTooDeep(thrown(() => written(new StreamDecoder(Deep), input)));
    const ones = cut(
      input,
      Array.from(input, (_, i) => i),
    );
    expect(streamOutcome(Deep, ones).error).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 0 });
  });

  it('says to lower maxDepth when the stack runs out first', () => {
    const limits = { maxDepth: 1_000_000 };
    const e = thrown(() => decode(Deep, deep(20_000), { limits }));
    expectTooDeep(e);
    expect(e).toMatchObject({ offset: 0 });
    expect(e.message).toMatch(/too deep for the JavaScript stack.*lower maxDepth/);
    expectTooDeep(thrown(() => written(new StreamDecoder(Deep, { limits }), deep(20_000))));
  });
});

describe('bounded messages', () => {
  it('an IncompleteError for a 60 MB field cut short after 4 MiB', () => {
    const held = new Uint8Array(4 * 1024 * 1024);
    const e = thrown(() => decode(bytes(60_000_000), held));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e.message.length).toBeLessThan(300);
    expect(e.excerpt).toMatch(/^(00 ){31}00 …\(4194272 more\)$/);
    const d = new StreamDecoder(bytes(60_000_000));
    written(d, held.subarray(0, 1000));
    written(d, held.subarray(1000));
    const streamed = thrown(() => finished(d));
    expect(streamed.message).toBe(e.message);
  });

  it('a path 10,000 levels deep keeps its ends', () => {
    const e = new ValidationError('bad', { offset: 0 });
    for (let i = 0; i < 10_000; i++) e.within(i % 2 === 0 ? 'kids' : i);
    expect(e.pathSegments).toHaveLength(10_000);
    expect(e.path.length).toBeLessThan(300);
    expect(e.path).toMatch(/^\[9999\]\.kids.*…\(9968 more\)….*\[1\]\.kids$/);
    expect(e.message.startsWith(`${e.path}: bad`)).toBe(true);
  });

  it('a decode error past 40 levels of path shows its first and last 16', () => {
    // Two levels of Deep: each adds `next` and 30 segments of its tuples and structs.
    const e = thrown(() => decode(Deep, deep(40), { limits: { maxDepth: 1 } }));
    expect(e.pathSegments).toHaveLength(62);
    expect(e.path).toMatch(/^next\.x\[0\]\.x.*…\(30 more\)….*\.x\[0\]$/);
  });
});

/** Input for `levels` levels of Deep. */
function deep(levels: number): Uint8Array {
  return new Uint8Array(levels);
}

describe('a padding length computed from decoded fields', () => {
  it('is a ValidationError at the field when bad, not a TypeError', () => {
    const Rec = struct({ n: i8 }).field('gap', (s) => padding(s.n));
    expect(thrown(() => decode(Rec, Uint8Array.of(0xfd)))).toMatchObject({
      name: 'ValidationError',
      offset: 1,
      path: 'gap',
    });
    expect(() => encode(Rec, { n: -3 } as never)).toThrow(expect.objectContaining({ code: 'WRONG_LENGTH' }));
  });
});
