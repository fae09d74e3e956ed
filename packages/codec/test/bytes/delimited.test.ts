import {
  array,
  bytes,
  bytesOf,
  decode,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
  StreamDecoder,
  string,
  struct,
  u8,
  ValidationError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bin, expectStreamProperties, thrown, written } from '../helpers.js';

const Line = string({ until: '\r\n' });
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('delimited strings and bytes', () => {
  it('reads up to the delimiter, consumes it, and writes it back', () => {
    expect(decode(Line, bytesOf('hello\r\n'))).toBe('hello');
    expect(encode(Line, 'hello')).toEqual(bytesOf('hello\r\n'));
    expect(decode(Line, bytesOf('\r\n'))).toBe('');
    const Rec = struct({ key: string({ until: ':' }), value: string({ until: '\r\n' }), n: u8 });
    const b = bytesOf('Host:example.org\r\n\x07');
    expect(decode(Rec, b)).toEqual({ key: 'Host', value: 'example.org', n: 7 });
    expect(encode(Rec, { key: 'Host', value: 'example.org', n: 7 })).toEqual(b);
  });

  it('takes the delimiter as a string of byte values, a byte, a list or a Uint8Array', () => {
    const crlf = bytesOf('a\r\n');
    for (const until of ['\r\n', [0x0d, 0x0a], bin(0x0d, 0x0a)]) {
      expect(decode(bytes({ until }), crlf)).toEqual(bytesOf('a'));
      expect(encode(bytes({ until }), bytesOf('a'))).toEqual(crlf);
    }
    expect(decode(string({ until: 0x0a }), bytesOf('a\n'))).toBe('a');
    expect(() => string({ until: '' })).toThrow(TypeError);
    expect(() => bytes({ until: 256 })).toThrow(TypeError);
    expect(() => bytes({ until: 0, maxLength: -1 })).toThrow(TypeError);
    expect(() => string({ until: 0, pad: 0 } as never)).toThrow(TypeError);
  });

  it('decodes bytes as a view of the input', () => {
    const input = bytesOf('ab\0cd\0');
    const v = decode(array(bytes({ until: 0 }), 2), input);
    expect(v).toEqual([bytesOf('ab'), bytesOf('cd')]);
    expect(v[0]?.buffer).toBe(input.buffer);
  });

  it('keeps the string options: encoding and strictness, errors at the offending byte', () => {
    const Latin = string({ until: ';', encoding: 'latin1' });
    expect(encode(Latin, 'é')).toEqual(bin(0xe9, 0x3b));
    expect(decode(Latin, bin(0xe9, 0x3b))).toBe('é');
    const Rec = struct({ n: u8, text: string({ until: ';', encoding: 'ascii' }) });
    const e = thrown(() => decode(Rec, bin(1, 0x61, 0x80, 0x3b)));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ offset: 2, path: 'text' });
    const utf = struct({ n: u8, text: string({ until: ';' }) });
    expect(thrown(() => decode(utf, bin(1, 0x61, 0xff, 0x3b)))).toMatchObject({ offset: 2, path: 'text' });
    expect(decode(string({ until: ';', fatal: false }), bin(0xff, 0x3b))).toBe('\uFFFD');
    expect(decode(string({ until: '\r\n' }), utf8('héllo\r\n'))).toBe('héllo');
  });

  it('refuses to encode a value holding the delimiter (decoding would stop there)', () => {
    const e = thrown(() => encode(struct({ line: Line }), { line: 'a\r\nb' }));
    expect(e).toBeInstanceOf(EncodeError);
    expect(e).toMatchObject({ code: 'CONTAINS_DELIMITER', path: 'line' });
    expect(thrown(() => encode(bytes({ until: 0 }), bin(1, 0, 2)))).toMatchObject({
      code: 'CONTAINS_DELIMITER',
    });
    // A value ending in the delimiter's first byte is fine: the first delimiter is still the one written.
    expect(decode(Line, encode(Line, 'a\r'))).toBe('a\r');
    // …unless it forms a delimiter with the delimiter's own bytes.
    const aa = string({ until: 'aa' });
    expect(decode(aa, encode(aa, 'xab'))).toBe('xab');
    expect(thrown(() => encode(aa, 'xa'))).toMatchObject({ code: 'CONTAINS_DELIMITER' });
  });

  it('maxLength: a LimitError at the field, without waiting for more input', () => {
    const Rec = struct({ n: u8, name: string({ until: '\r\n', maxLength: 4 }) });
    expect(decode(Rec, bytesOf('\x01abcd\r\n'))).toEqual({ n: 1, name: 'abcd' });
    const e = thrown(() => decode(Rec, bytesOf('\x01abcde\r\n')));
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'maxLength', offset: 1, path: 'name' });
    // Cut short before maxLength + the delimiter are there: incomplete, not over the limit.
    expect(thrown(() => decode(Rec, bytesOf('\x01abcde')))).toBeInstanceOf(IncompleteError);

    const d = new StreamDecoder(Rec);
    expect(written(d, bytesOf('\x01abcd\r'))).toEqual([]);
    expect(written(d, bytesOf('\n\x02ab'))).toEqual([{ n: 1, name: 'abcd' }]);
    expect(written(d, bytesOf('cde'))).toEqual([]);
    // The 6th byte after the field's start: no delimiter can end within maxLength any more.
    expect(() => written(d, bytesOf('f'))).toThrow(LimitError);

    expect(thrown(() => encode(Rec, { n: 1, name: 'abcde' }))).toMatchObject({
      code: 'WRONG_LENGTH',
      path: 'name',
    });
    expect(decode(bytes({ until: 0, maxLength: 0 }), bin(0))).toEqual(new Uint8Array(0));
  });

  it('searches within the section and maxRecordBytes', () => {
    const Sized = struct({ items: array(string({ until: ';' }), { byteLength: 3 }), tail: u8 });
    expect(decode(Sized, bytesOf('a;;\x05'))).toEqual({ items: ['a', ''], tail: 5 });
    const e = thrown(() => decode(Sized, bytesOf('a;b;\x05')));
    expect(e).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'section', offset: 2, path: 'items[1]' });
    const big = bytesOf(`${'x'.repeat(100)}\r\n`);
    expect(thrown(() => decode(Line, big, { limits: { maxRecordBytes: 50 } }))).toMatchObject({
      limit: 'maxRecordBytes',
    });
    const l = thrown(() => decode(Line, bytesOf('abc\r')));
    expect(l).toBeInstanceOf(IncompleteError);
    expect(l).toMatchObject({ offset: 0, needed: 1 });
  });

  it('a long line arriving a byte at a time is decoded once it ends', () => {
    const text = 'x'.repeat(20_000);
    const d = new StreamDecoder(Line);
    const b = bytesOf(`${text}\r\n`);
    const out: string[] = [];
    for (let i = 0; i < b.length; i++) d.write(b.subarray(i, i + 1), (r) => out.push(r));
    expect(out).toEqual([text]);
  });

  it('round-trips any value without the delimiter (fast-check)', () => {
    const Rec = struct({ a: Line, b: bytes({ until: [0x0d, 0x0a], maxLength: 16 }) });
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 16 }), (a, b) => {
        const holds = (s: string) => s.includes('\r\n');
        const bytesHold = Buffer.from(b).includes(Buffer.from('\r\n'));
        if (holds(a) || bytesHold) {
          expect(thrown(() => encode(Rec, { a, b }))).toMatchObject({ code: 'CONTAINS_DELIMITER' });
          return;
        }
        expect(decode(Rec, encode(Rec, { a, b }))).toEqual({ a, b });
      }),
    );
  });

  it('gives the same records and errors in any chunking (fast-check)', () => {
    const Rec = struct({ n: u8, name: string({ until: '\r\n', maxLength: 8 }), raw: bytes({ until: 0 }) });
    const value = fc.record({
      n: fc.nat(255),
      name: fc.stringMatching(/^[a-z\r]{0,8}$/).filter((s) => !s.includes('\r\n')),
      raw: fc.uint8Array({ min: 1, maxLength: 6 }),
    });
    const samples = [bytesOf('\x01ab\r\nxy\0'), bytesOf('\x02abcdefghi\r\n\0')];
    expectStreamProperties(Rec, value, samples, 50);
  });
});
