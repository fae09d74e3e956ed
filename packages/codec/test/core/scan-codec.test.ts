/** The README's user codec that finds its delimiter with `st.scan`: errors and chunkings. */
import {
  array,
  bytesOf,
  decode,
  defineCodec,
  EncodeError,
  encode,
  IncompleteError,
  LimitError,
} from '@stride/codec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectChunkInvariant, thrown } from '../helpers.js';
import { hostileBytes } from '../mutations.js';

const CRLF = bytesOf('\r\n');
const latin1 = new TextDecoder('latin1');

const line = defineCodec<string>({
  name: 'line',
  read: (st) => {
    const start = st.pos;
    const at = st.scan(CRLF, start);
    if (at < 0) st.short(start, st.end - start + 1);
    const text = latin1.decode(st.bytes(at - start));
    st.take(CRLF.length);
    return text;
  },
  write: (w, text) => {
    if (text.includes('\r\n')) throw new EncodeError('CONTAINS_DELIMITER', 'a line cannot hold CRLF');
    w.bytes(Uint8Array.from(text, (c) => c.charCodeAt(0)));
    w.bytes(CRLF);
  },
});

describe('a user codec that scans for its delimiter', () => {
  it('reads and writes lines; a missing CRLF is the right error', () => {
    expect(decode(line, bytesOf('GET / HTTP/1.1\r\n'))).toBe('GET / HTTP/1.1');
    expect(encode(line, 'Host: a')).toEqual(bytesOf('Host: a\r\n'));
    expect(thrown(() => decode(line, bytesOf('abc\r')))).toBeInstanceOf(IncompleteError);
    const e = thrown(() =>
      decode(array(line, { byteLength: 3 }), bytesOf('abc\r\n'), { allowTrailing: true }),
    );
    expect(e).toBeInstanceOf(LimitError);
    expect(e).toMatchObject({ limit: 'section', offset: 0, path: '[0]' });
  });

  it('gives the same records and errors in any chunking (fast-check)', () => {
    const lines = fc.array(
      fc.stringMatching(/^[a-z\r]{0,12}$/).filter((s) => !s.includes('\r\n')),
      {
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(lines, (ls) => {
        const stream = Uint8Array.from(ls.flatMap((l) => [...encode(line, l)]));
        expect(expectChunkInvariant(line, stream, 5).records).toEqual(ls);
      }),
      { numRuns: 50 },
    );
    fc.assert(
      fc.property(hostileBytes([bytesOf('ab\r\ncd\r\n')]), (b) => {
        expectChunkInvariant(line, b, 3);
      }),
      { numRuns: 100 },
    );
  });
});
