/**
 * Inline commands: what a client may send instead of an array of bulk strings (`PING\r\n`, what
 * `telnet` and `redis-cli` piped into `nc` produce). Redis reads any request that does not begin
 * with `*` as one line of arguments split as `sdssplitargs` splits them: runs of spaces between
 * arguments; `"…"` with the escapes `\xHH`, `\n`, `\r`, `\t`, `\b`, `\a` and `\<any>`; `'…'` with
 * `\'`; a closing quote must be followed by a space or the end. Arguments are bytes.
 */
import { defineCodec, EncodeError } from '@stride/codec';

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const ESCAPES: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 97: 0x07 };
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKSLASH = 0x5c;

function hexDigit(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const l = b | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** The arguments of one inline line (without its CRLF), or the index of the byte that unbalances a quote. */
export function splitInline(line: Uint8Array): Uint8Array[] | number {
  const args: Uint8Array[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && SPACE.has(line[i] as number)) i++;
    if (i >= line.length) return args;
    const quote = line[i] === DQUOTE || line[i] === SQUOTE ? (line[i] as number) : 0;
    const start = i;
    if (!quote) {
      while (i < line.length && !SPACE.has(line[i] as number)) i++;
      args.push(line.subarray(start, i));
      continue;
    }
    const out: number[] = [];
    i++;
    for (;;) {
      if (i >= line.length) return start;
      const b = line[i] as number;
      if (b === quote) {
        i++;
        if (i < line.length && !SPACE.has(line[i] as number)) return i;
        break;
      }
      if (b === BACKSLASH && quote === DQUOTE && i + 1 < line.length) {
        const e = line[i + 1] as number;
        const hi = hexDigit(line[i + 2]);
        const lo = hexDigit(line[i + 3]);
        if (e === 0x78 && hi >= 0 && lo >= 0) {
          out.push(hi * 16 + lo);
          i += 4;
        } else {
          out.push(ESCAPES[e] ?? e);
          i += 2;
        }
      } else if (b === BACKSLASH && quote === SQUOTE && line[i + 1] === SQUOTE) {
        out.push(SQUOTE);
        i += 2;
      } else {
        out.push(b);
        i++;
      }
    }
    args.push(Uint8Array.from(out));
  }
}

/** An argument as it reads back from an inline line: bare when it can be, else double-quoted with escapes. */
function quoteArg(arg: Uint8Array): number[] {
  const bare =
    arg.length > 0 &&
    arg.every((b) => b > 0x20 && b < 0x7f && b !== DQUOTE && b !== SQUOTE && b !== BACKSLASH);
  if (bare) return Array.from(arg);
  const out = [DQUOTE];
  for (const b of arg) {
    if (b === DQUOTE || b === BACKSLASH) out.push(BACKSLASH, b);
    else if (b >= 0x20 && b < 0x7f) out.push(b);
    else {
      const h = b.toString(16).padStart(2, '0');
      out.push(BACKSLASH, 0x78, h.charCodeAt(0), h.charCodeAt(1));
    }
  }
  out.push(DQUOTE);
  return out;
}

/**
 * The codec of an inline command's line (CRLF or a bare LF ends it, as Redis reads it): its
 * arguments. `maxLineBytes` bounds the line.
 */
export function inlineLine(maxLineBytes: number) {
  return defineCodec<Uint8Array[]>({
    read: (st) => {
      const start = st.pos;
      const at = st.scan(0x0a, start, start + maxLineBytes + 1);
      if (at < 0) {
        if (start + maxLineBytes + 1 <= st.end)
          st.overLimit(
            'maxLength',
            start,
            8,
            `an inline command longer than ${maxLineBytes} bytes`,
            `at most ${maxLineBytes} bytes`,
            `more`,
          );
        st.short(start, st.end - start + 1);
      }
      const cr = at > start && st.src.u8(at - 1) === 0x0d ? 1 : 0;
      const line = st.bytes(at - cr - start);
      st.take(cr + 1);
      const args = splitInline(line);
      if (typeof args === 'number')
        return st.invalid(
          start + args,
          1,
          'unbalanced quotes in an inline command',
          'a closing quote, then a space or the end',
        );
      return args;
    },
    write: (w, args) => {
      const bytes: number[] = [];
      for (const [i, arg] of args.entries()) {
        if (!(arg instanceof Uint8Array))
          throw new EncodeError('BAD_VALUE', `inline argument ${i} is not a Uint8Array`);
        if (i > 0) bytes.push(0x20);
        bytes.push(...quoteArg(arg));
      }
      if (bytes.length > maxLineBytes)
        throw new EncodeError('WRONG_LENGTH', `an inline command longer than ${maxLineBytes} bytes`);
      w.bytes(Uint8Array.from([...bytes, 0x0d, 0x0a]));
    },
  });
}
