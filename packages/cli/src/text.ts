/** Plain-text helpers for the command's tables: safe text for a terminal, counts. */

/** Characters shown as escapes: C0/C1 controls, DEL, line/paragraph separators, bidi overrides. */
const unsafe = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escapeChar(ch: string): string {
  const n = named[ch];
  if (n !== undefined) return n;
  if (!unsafe.test(ch)) return ch;
  const cp = ch.codePointAt(0) as number;
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * `s` made safe to print on one line (controls escaped as `\n`, `\x1b` …), cut to at most `max`
 * characters (code points) with `…` at the end when it was longer.
 */
export function clip(s: string, max: number): string {
  const pieces = Array.from(s, escapeChar);
  const whole = pieces.join('');
  if (whole.length <= max) return whole;
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/** `1 entry`, `2 entries`. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
