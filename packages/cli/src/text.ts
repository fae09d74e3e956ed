/**
 * Plain-text helpers for the command's tables: safe text for a terminal, counts, lists and lines cut
 * to a width, a fault said in words.
 */
import type { DecodeError } from '@stride/codec';

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

/** Items joined by `, ` while they fit in `width` characters, then `…` (the items after it are not made). */
export function listed(items: Iterable<string>, width: number): string {
  let out = '';
  for (const item of items) {
    const next = out === '' ? item : `${out}, ${item}`;
    if (next.length > width) return out === '' ? '…' : `${out}, …`;
    out = next;
  }
  return out;
}

/** `f` of each item, made as they are taken (for `listed`, which stops early). */
export function* map<T>(items: Iterable<T>, f: (item: T) => string): Generator<string> {
  for (const item of items) yield f(item);
}

/** `s` cut to at most `max` characters with `…` at the end (without splitting a surrogate pair). */
export function bounded(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** Where a fault is and what it is: `path: detail`, then the bytes around it on a line of its own. */
export function faultDetail(e: DecodeError): string {
  const where = e.path === '' ? '' : `${e.path}: `;
  const excerpt = e.excerpt === '' ? '' : `\n  bytes from ${e.excerptStart}: ${e.excerpt}`;
  return `${where}${e.detail}${excerpt}`;
}
