// A small RESP oracle for the Redis tests, written from the protocol description and independent of
// @stride/codec and @stride/redis: the Stride decoder's results are checked against what this
// straightforward recursive parser makes of the same bytes, and commands for a real server are
// encoded here. It takes a complete buffer (no streaming, no limits) and gives plain JavaScript:
//
//   +OK             'OK'                      -ERR x, !5 ERR x  { error: 'ERR x' }
//   :12             12 (a bigint past 2^53)   $3 abc           Uint8Array [0x61, 0x62, 0x63]
//   $-1, *-1, _     null                      *2 …             [ … ]
//   #t, #f          true, false               ,1.5             1.5 (inf, -inf, nan: ±Infinity, NaN)
//   (123…           123…n                     =7 txt:abc       { format: 'txt', text: 'abc' }
//   %1 k v          Map { k => v }            ~2 a b           Set { a, b }
//   >2 a b          { push: [a, b] }          |1 k v <value>   { attributes: Map { k => v }, value }
//
// Text (simple strings, errors, verbatim strings) is decoded as UTF-8. Map keys and set members
// are the parsed values themselves (a bulk string key is a Uint8Array: compare with toEqual).
export type Reply =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | Reply[]
  | { error: string }
  | { format: string; text: string }
  | Map<Reply, Reply>
  | Set<Reply>
  | { push: Reply[] }
  | { attributes: Map<Reply, Reply>; value: Reply };

/** The type bytes of RESP2 and RESP3 (streamed strings and aggregates, `$?` and `*?`, are not read). */
const TYPES = '+-:$!=*_#,(%~>|';
const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** A command as clients send it: a RESP array of bulk strings (strings encoded as UTF-8). */
export function command(...args: (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [utf8.encode(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? utf8.encode(arg) : arg;
    parts.push(utf8.encode(`$${bytes.length}\r\n`), bytes, utf8.encode('\r\n'));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Every value in `bytes`, which must hold whole values and nothing else; throws where it is not RESP. */
export function readReplies(bytes: Uint8Array): Reply[] {
  const reader = new Reader(bytes);
  const replies: Reply[] = [];
  while (reader.at < bytes.length) replies.push(reader.value());
  return replies;
}

class Reader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}

  value(): Reply {
    const start = this.at;
    const type = String.fromCharCode(this.byte());
    if (!TYPES.includes(type)) throw this.fail(`type byte ${JSON.stringify(type)}`, start);
    const line = this.line();
    switch (type) {
      case '+':
        return text.decode(line);
      case '-':
        return { error: text.decode(line) };
      case ':':
        return integerValue(this.ascii(line, /^[+-]?\d+$/, start));
      case '$':
        return this.blob(line, start, true);
      case '!': {
        const data = this.blob(line, start, false);
        return { error: text.decode(data as Uint8Array) };
      }
      case '=': {
        const data = this.blob(line, start, false);
        if (data === null || data.length < 4 || data[3] !== 0x3a)
          throw this.fail('a verbatim string without "xxx:"', start);
        return { format: text.decode(data.subarray(0, 3)), text: text.decode(data.subarray(4)) };
      }
      case '*': {
        const n = this.count(line, start, true);
        return n < 0 ? null : this.values(n);
      }
      case '_':
        if (line.length !== 0) throw this.fail('a null with content', start);
        return null;
      case '#': {
        const flag = this.ascii(line, /^[tf]$/, start);
        return flag === 't';
      }
      case ',':
        return double(this.ascii(line, /^([+-]?(inf|\d+(\.\d*)?([eE][+-]?\d+)?)|nan)$/, start));
      case '(':
        return BigInt(this.ascii(line, /^[+-]?\d+$/, start));
      case '%':
        return this.map(this.count(line, start, false));
      case '~':
        return new Set(this.values(this.count(line, start, false)));
      case '>':
        return { push: this.values(this.count(line, start, false)) };
      case '|': {
        const attributes = this.map(this.count(line, start, false));
        return { attributes, value: this.value() };
      }
      default:
        throw new Error(`RESP oracle: type ${type} is listed in TYPES but not read`);
    }
  }

  private values(n: number): Reply[] {
    return Array.from({ length: n }, () => this.value());
  }

  private map(n: number): Map<Reply, Reply> {
    const map = new Map<Reply, Reply>();
    for (let i = 0; i < n; i++) {
      const key = this.value();
      map.set(key, this.value());
    }
    return map;
  }

  /** A length-prefixed payload ($, !, =) after its length line; null for -1 where `nullable`. */
  private blob(line: Uint8Array, start: number, nullable: boolean): Uint8Array | null {
    const n = this.count(line, start, nullable);
    if (n < 0) return null;
    if (this.at + n + 2 > this.bytes.length) throw this.fail(`${n} bytes past the end`, start);
    const data = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    if (this.bytes[this.at] !== CR || this.bytes[this.at + 1] !== LF)
      throw this.fail('a payload not followed by CRLF', start);
    this.at += 2;
    return data;
  }

  /** A length or count: a decimal, or -1 where `nullable`. */
  private count(line: Uint8Array, start: number, nullable: boolean): number {
    const digits = this.ascii(line, nullable ? /^(-1|\d+)$/ : /^\d+$/, start);
    return Number(digits);
  }

  private ascii(line: Uint8Array, pattern: RegExp, start: number): string {
    const s = latin1.decode(line);
    if (!pattern.test(s)) throw this.fail(`${JSON.stringify(s)} after the type byte`, start);
    return s;
  }

  private byte(): number {
    const b = this.bytes[this.at];
    if (b === undefined) throw this.fail('a value cut short', this.at);
    this.at++;
    return b;
  }

  /** The bytes up to the next CRLF, which is consumed. */
  private line(): Uint8Array {
    for (let i = this.at; i + 1 < this.bytes.length; i++) {
      if (this.bytes[i] === CR && this.bytes[i + 1] === LF) {
        const line = this.bytes.subarray(this.at, i);
        this.at = i + 2;
        return line;
      }
    }
    throw this.fail('a line without CRLF', this.at);
  }

  private fail(what: string, offset: number): Error {
    return new Error(`RESP oracle: ${what} at byte ${offset}`);
  }
}

/** An integer as the Redis tests show one: a number, or a bigint past Number.MAX_SAFE_INTEGER. */
export function integerValue(digits: string): number | bigint {
  const n = BigInt(digits);
  return n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER ? Number(n) : n;
}

function double(s: string): number {
  if (s === 'nan') return Number.NaN;
  if (s.endsWith('inf')) return s.startsWith('-') ? -Infinity : Infinity;
  return Number(s);
}
