/**
 * One line per RESP value for `stride redis decode`'s table: the type, its count or length, and
 * the value in a compact JSON-like notation (`array[3] ["SET","k","v"]`, `bulk 5 "hello"`,
 * `map{2} {"a":1,"b":2}`, `error "WRONGTYPE …"`), with controls escaped, long strings cut and the
 * line bounded. Only what is shown is looked at: an array of a million elements costs its first few.
 */
import { isUtf8 } from 'node:buffer';
import type { RespRequest, RespValue } from '@stride/redis';
import { clip } from '../text.js';

/** A string inside an aggregate is cut to about this many characters. */
export const VALUE_WIDTH = 24;
/** A summary is at most this many characters. */
export const SUMMARY_WIDTH = 100;
/** A top-level string (a simple string, an error, a bulk string) is cut to about this many. */
const TOP_WIDTH = 80;
/** The head of a bulk string its summary needs: a streamed one is shown from this many bytes. */
export const BULK_PREVIEW = TOP_WIDTH * 4 + 1;

/** What the command summarizes: a reply, or a request (an array, or an inline command). */
export type DecodedValue = RespValue | RespRequest;

/** The text gathered for one summary, up to a width; once full, the rest is not rendered. */
class Line {
  text = '';
  full = false;
  constructor(readonly width: number) {}

  add(s: string): void {
    if (this.full) return;
    if (this.text.length + s.length <= this.width) {
      this.text += s;
      return;
    }
    // What fits, by code points (a surrogate pair is never split), then `…`.
    let room = this.width - 1 - this.text.length;
    for (const ch of s) {
      if (ch.length > room) break;
      this.text += ch;
      room -= ch.length;
    }
    this.text += '…';
    this.full = true;
  }
}

/**
 * Bytes as a quoted string: their UTF-8 text (controls escaped) when they are UTF-8, else as
 * redis-cli prints bytes (`"\xff\x00"`). Only about `width` characters' worth of bytes is read:
 * `bytes` may be the head of a longer string of `total` bytes (it then needs `width * 4 + 1` bytes
 * to be shown as the whole string would be).
 */
export function quoteBytes(bytes: Uint8Array, width: number, total = bytes.length): string {
  let end = Math.min(bytes.length, width * 4);
  // Not inside a character: back off the continuation bytes (10xxxxxx) of one cut at the end.
  if (end < total) while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  const head = bytes.subarray(0, end);
  if (isUtf8(head)) {
    const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('utf8');
    return quoteText(end < total ? `${text}…` : text, width);
  }
  let out = '';
  let i = 0;
  for (; i < bytes.length && out.length < width; i++) out += escapedByte(bytes[i] as number);
  return `"${out}${i < total ? '…' : ''}"`;
}

function escapedByte(b: number): string {
  if (b === 0x22 || b === 0x5c) return `\\${String.fromCharCode(b)}`;
  if (b === 0x0a) return '\\n';
  if (b === 0x0d) return '\\r';
  if (b === 0x09) return '\\t';
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** Text quoted, controls and backslashes escaped (clip), quotes escaped after it, cut to `width`. */
function quoteText(s: string, width: number): string {
  return `"${clip(s, width).replaceAll('"', '\\"')}"`;
}

/** RESP's spelling of a double. */
function double(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Number.POSITIVE_INFINITY) return 'inf';
  if (n === Number.NEGATIVE_INFINITY) return '-inf';
  return String(n);
}

/** Elements `[a,b,…]`, each rendered until the line is full. */
function elements(items: readonly RespValue[], out: Line, open = '[', close = ']'): void {
  out.add(open);
  for (const [i, item] of items.entries()) {
    if (out.full) return;
    if (i > 0) out.add(',');
    nested(item, out);
  }
  out.add(close);
}

function pairs(items: readonly [RespValue, RespValue][], out: Line): void {
  out.add('{');
  for (const [i, [key, value]] of items.entries()) {
    if (out.full) return;
    if (i > 0) out.add(',');
    nested(key, out);
    out.add(':');
    nested(value, out);
  }
  out.add('}');
}

/** A value inside an aggregate: strings quoted and cut, numbers bare, aggregates bracketed. */
function nested(v: RespValue, out: Line): void {
  if (v.type === 'attribute') nested(v.value, out);
  else if (v.type === 'map') pairs(v.value, out);
  else if (v.type === 'set' || v.type === 'push' || (v.type === 'array' && v.value !== null))
    elements(v.value ?? [], out);
  else out.add(scalar(v, VALUE_WIDTH));
}

/** A value that is no aggregate (a null array is `null`), its strings cut to `width`. */
function scalar(v: RespValue, width: number): string {
  switch (v.type) {
    case 'simple':
    case 'verbatim':
      return quoteText(v.value, width);
    case 'error':
    case 'bulkError':
      return `error ${quoteText(v.value, width)}`;
    case 'bulk':
      return v.value === null ? 'null' : quoteBytes(v.value, width);
    case 'integer':
    case 'bignum':
      return clip(String(v.value), width);
    case 'double':
      return double(v.value);
    case 'boolean':
      return String(v.value);
    default:
      return 'null';
  }
}

/** The top-level value: its type (and count or length), then the value, the whole line bounded. */
function top(v: DecodedValue, out: Line): void {
  switch (v.type) {
    case 'simple':
    case 'error':
    case 'bulkError':
      out.add(`${v.type} ${quoteText(v.value, TOP_WIDTH)}`);
      break;
    case 'verbatim':
      out.add(`verbatim ${clip(v.format, 3)} ${quoteText(v.value, TOP_WIDTH)}`);
      break;
    case 'bulk':
      out.add(v.value === null ? 'bulk null' : bulkSummary(v.value.length, v.value));
      break;
    case 'array':
      if (v.value === null) out.add('array null');
      else {
        out.add(`array[${v.value.length}] `);
        elements(v.value, out);
      }
      break;
    case 'set':
    case 'push':
      out.add(`${v.type}[${v.value.length}] `);
      elements(v.value, out);
      break;
    case 'map':
      out.add(`map{${v.value.length}} `);
      pairs(v.value, out);
      break;
    case 'attribute':
      out.add(`attribute{${v.attributes.length}} `);
      pairs(v.attributes, out);
      out.add(' ');
      top(v.value, out);
      break;
    case 'inline':
      out.add(`inline[${v.value.length}] `);
      elements(
        v.value.map((arg) => ({ type: 'bulk', value: arg })),
        out,
      );
      break;
    case 'null':
      out.add('null');
      break;
    default:
      out.add(`${v.type} ${scalar(v, TOP_WIDTH)}`);
  }
}

/** A bulk string of `length` bytes from its first bytes (BULK_PREVIEW of them, or all). */
export function bulkSummary(length: number, head: Uint8Array): string {
  return `bulk ${length} ${quoteBytes(head, TOP_WIDTH, length)}`;
}

/** A value's line, at most SUMMARY_WIDTH characters. */
export function summarize(v: DecodedValue): string {
  const out = new Line(SUMMARY_WIDTH);
  top(v, out);
  return out.text;
}
