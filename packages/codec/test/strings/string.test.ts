import {
  array,
  bytesOf,
  cstring,
  DecodeError,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
  StreamDecoder,
  string,
  struct,
  u8,
  u16be,
  uleb128,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, finished, shape, thrown, written } from '../helpers.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('string lengths', () => {
  it('fixed: exactly n bytes', () => {
    const s = string(6);
    expect(s.size).toBe(6);
    expect(decode(s, utf8('héllo'))).toBe('héllo');
    expect(encode(s, 'héllo')).toEqual(utf8('héllo'));
    expect(() => encode(s, 'hello')).toThrow(EncodeError);
  });

  it('fixed with pad: trailing pad bytes stripped on decode, added on encode', () => {
    const s = string(8, { pad: 0 });
    expect(encode(s, 'abc')).toEqual(new Uint8Array([97, 98, 99, 0, 0, 0, 0, 0]));
    expect(decode(s, new Uint8Array([97, 98, 99, 0, 0, 0, 0, 0]))).toBe('abc');
    expect(decode(s, new Uint8Array(8))).toBe('');
    expect(decode(string(4, { pad: 0x20, encoding: 'ascii' }), bytesOf('ab  '))).toBe('ab');
    expect(() => encode(s, 'too long!')).toThrow(EncodeError);
    // It would not decode back.
    expect(() => encode(s, 'ab\0')).toThrow(/pad byte/);
    expect(() => string(u8, { pad: 0 })).toThrow(TypeError);
  });

  it('length-prefixed', () => {
    const s = string(u16be);
    expect(encode(s, 'hé')).toEqual(new Uint8Array([0, 3, 104, 0xc3, 0xa9]));
    expect(decode(s, new Uint8Array([0, 3, 104, 0xc3, 0xa9]))).toBe('hé');
    expect(decode(string(uleb128), encode(string(uleb128), 'x'.repeat(300)))).toBe('x'.repeat(300));
    expect(() => encode(string(u8), 'x'.repeat(256))).toThrow(EncodeError);
    expect(() => decode(s, new Uint8Array([0, 9, 1]))).toThrow(IncompleteError);
  });

  it('NUL-terminated', () => {
    const Rec = struct({ name: cstring, n: u8 });
    expect(decode(Rec, new Uint8Array([104, 105, 0, 7]))).toEqual({ name: 'hi', n: 7 });
    expect(encode(Rec, { name: 'hi', n: 7 })).toEqual(new Uint8Array([104, 105, 0, 7]));
    expect(decode(cstring, new Uint8Array([0]))).toBe('');
    expect(() => encode(cstring, 'a\0b')).toThrow(EncodeError);
    const e = thrown(() => decode(Rec, new Uint8Array([104, 105])));
    expect(e).toBeInstanceOf(IncompleteError);
    expect(e).toMatchObject({ offset: 0, path: 'name', needed: 1 });
  });

  it('NUL-terminated: the search stops at the section and at maxRecordBytes', () => {
    const Sized = array(cstring, { byteLength: 3 });
    expect(decode(Sized, new Uint8Array([97, 0, 0]))).toEqual(['a', '']);
    const e = thrown(() => decode(struct({ items: Sized, tail: u8 }), new Uint8Array([97, 98, 99, 0, 5])));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'section', offset: 0, path: 'items[0]' });
    const big = new Uint8Array(100).fill(97);
    const l = thrown(() => decode(cstring, big, { limits: { maxRecordBytes: 50 } }));
    expect(l).toMatchObject({ limit: 'maxRecordBytes' });
  });

  it('NUL-terminated in a stream waits for the terminator', () => {
    const d = new StreamDecoder(cstring);
    expect(written(d, bytesOf('hel'))).toEqual([]);
    expect(written(d, bytesOf('lo\0wo'))).toEqual(['hello']);
    expect(written(d, bytesOf('rld\0'))).toEqual(['world']);
    expect(finished(d)).toEqual([]);
    const limited = new StreamDecoder(cstring, { limits: { maxRecordBytes: 4 } });
    written(limited, bytesOf('abc'));
    expect(() => written(limited, bytesOf('de'))).toThrow(LimitError);
  });

  it('works as the item of a long array (a compiled loop)', () => {
    const names = Array.from({ length: 40 }, (_, i) => `name-${i}`);
    for (const c of [cstring, string(u8), string(7, { pad: 0 })]) {
      expect(decode(array(c, 40), encode(array(c, 40), names))).toEqual(names);
    }
  });

  it("to the end: string('toEnd')", () => {
    expect(decode(struct({ n: u8, text: string('toEnd') }), bytesOf('\x01abc'))).toEqual({
      n: 1,
      text: 'abc',
    });
    const d = new StreamDecoder(string('toEnd'));
    expect(written(d, bytesOf('ab'))).toEqual([]);
    expect(finished(d)).toEqual(['ab']);
  });
});

describe('string encodings', () => {
  it('latin1 maps every byte to one character and back', () => {
    const s = string('toEnd', { encoding: 'latin1' });
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = decode(s, all);
    expect(text).toBe(String.fromCharCode(...all));
    expect(encode(s, text)).toEqual(all);
    expect(() => encode(s, 'Ā')).toThrow(/U\+0100/);
  });

  it('ascii refuses bytes above 0x7f at their offset', () => {
    const Rec = struct({ n: u8, code: string(4, { encoding: 'ascii' }) });
    expect(decode(Rec, bytesOf('\x01abcd'))).toEqual({ n: 1, code: 'abcd' });
    const e = thrown(() => decode(Rec, bytesOf('\x01ab\xe9d')));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 3, path: 'code', actual: 'e9 64' });
    expect(() => encode(Rec, { n: 1, code: 'abcé' })).toThrow(EncodeError);
  });

  it('utf8 refuses malformed bytes at the first bad sequence, or replaces them with fatal: false', () => {
    const Rec = struct({ n: u8, text: string(4) });
    const e = thrown(() => decode(Rec, new Uint8Array([1, 0x61, 0x62, 0xff, 0x63])));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 3, path: 'text', expected: 'UTF-8' });
    expect(() => decode(string(3), new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(ValidationError); // a surrogate
    expect(() => decode(string(2), new Uint8Array([0xc0, 0x80]))).toThrow(ValidationError); // overlong
    expect(() => decode(string(2), new Uint8Array([0x61, 0xe2]))).toThrow(ValidationError); // cut short
    expect(decode(string(4, { fatal: false }), new Uint8Array([0x61, 0x62, 0xff, 0x63]))).toBe('ab\uFFFDc');
    // A real U+FFFD and a byte-order mark are text like any other.
    expect(decode(string(3), new Uint8Array([0xef, 0xbf, 0xbd]))).toBe('\uFFFD');
    expect(decode(string(4), new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\uFEFFa');
  });

  it('utf8 agrees with TextDecoder on any bytes, fatal or not', () => {
    const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
    const s = string('toEnd');
    const replacing = string('toEnd', { fatal: false });
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (a) => {
        const b = Uint8Array.from(a);
        let expected: string | undefined;
        try {
          expected = reference.decode(b);
        } catch {
          expected = undefined;
        }
        if (expected === undefined) expect(() => decode(s, b)).toThrow(ValidationError);
        else expect(decode(s, b)).toBe(expected);
        expect(decode(replacing, b)).toBe(lenient.decode(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses to encode lone surrogates and non-strings', () => {
    expect(() => encode(cstring, 'a\uD800b')).toThrow(/lone surrogate/);
    expect(() => encode(string(u8), 5 as never)).toThrow(EncodeError);
    expect(encode(string(u8), '😀')).toEqual(new Uint8Array([4, 0xf0, 0x9f, 0x98, 0x80]));
  });
});

describe('string properties', () => {
  it('round-trips any well-formed text in every length mode', () => {
    const codecs = [
      string(u16be),
      cstring,
      string('toEnd'),
      string(uleb128, { encoding: 'utf8', fatal: false }),
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const t = text.replaceAll('\0', '');
        for (const c of codecs) expect(decode(c, encode(c, t))).toBe(t);
        const b = utf8(t);
        const fixed = string(b.length + 3, { pad: 0 });
        expect(decode(fixed, encode(fixed, t))).toBe(t);
      }),
    );
  });

  it('any chunking of any bytes gives the same records and errors', () => {
    const Rec = struct({
      a: cstring,
      b: string(u8, { encoding: 'latin1' }),
      c: string(3, { encoding: 'ascii', pad: 0x20 }),
      d: string(2),
    });
    const byte = fc.constantFrom(0, 1, 2, 0x20, 0x61, 0x80, 0xc3, 0xa9, 0xe2, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 32 }), (a) => {
        expectChunkInvariant(Rec, Uint8Array.from(a), 5);
      }),
      { numRuns: 200 },
    );
  });

  it('compiled and interpreted decoders agree on any bytes', () => {
    const Rec = struct({
      a: cstring,
      b: string(u8),
      c: string(2, { encoding: 'ascii' }),
      d: string(2, { pad: 0 }),
    });
    const run = (b: Uint8Array, compile: boolean) => {
      try {
        return { v: decode(Rec, b, { compile, allowTrailing: true }) };
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        return { e: shape(e) };
      }
    };
    const byte = fc.constantFrom(0, 1, 2, 3, 0x61, 0x80, 0xc3, 0xa9, 0xff);
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (a) => {
        const b = Uint8Array.from(a);
        expect(run(b, true)).toEqual(run(b, false));
      }),
      { numRuns: 500 },
    );
  });
});
