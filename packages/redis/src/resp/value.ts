/**
 * RESP values (the Redis serialization protocol, RESP2 and RESP3), as one codec schema: a type
 * byte, then the value. Every value is one object `{ type, … }`, a discriminated union on `type`:
 *
 *   +OK\r\n                          { type: 'simple', value: 'OK' }
 *   -ERR unknown\r\n                 { type: 'error', value: 'ERR unknown' }
 *   :1000\r\n                        { type: 'integer', value: 1000 }          (a bigint past 2^53)
 *   $5\r\nhello\r\n                  { type: 'bulk', value: Uint8Array }        ($-1: value null)
 *   *2\r\n:1\r\n:2\r\n               { type: 'array', value: [ … ] }            (*-1: value null)
 *   _\r\n                            { type: 'null' }
 *   #t\r\n                           { type: 'boolean', value: true }
 *   ,1.5\r\n                         { type: 'double', value: 1.5 }             (inf, -inf, nan)
 *   (3492890328409238509324850943850943825024385\r\n   { type: 'bignum', value: 3492…n }
 *   !21\r\nSYNTAX invalid syntax\r\n { type: 'bulkError', value: 'SYNTAX invalid syntax' }
 *   =15\r\ntxt:Some string\r\n       { type: 'verbatim', format: 'txt', value: 'Some string' }
 *   %1\r\n+a\r\n:1\r\n               { type: 'map', value: [[key, value], …] }
 *   ~2\r\n…                          { type: 'set', value: [ … ] }
 *   >3\r\n…                          { type: 'push', value: [ … ] }
 *   |1\r\n+k\r\n+v\r\n:1\r\n         { type: 'attribute', attributes: [[k, v]], value: { type: 'integer', value: 1 } }
 *
 * An attribute is not a reply of its own: it annotates the value that follows it, so it is decoded
 * with that value (and an aggregate's count does not include it). Maps keep their pairs in wire
 * order as a list (keys may be any value); `plain()` turns a value into a Map, Set, string ….
 *
 * Text is UTF-8 (simple strings, errors, verbatim strings); bulk strings are bytes, views of the
 * input. Lengths and counts are strict decimals (no sign, no leading zeros), -1 only where RESP2
 * says null.
 */
import {
  array,
  bytes,
  type Codec,
  charTag,
  decimal,
  defineCodec,
  EncodeError,
  lazy,
  magic,
  nullable,
  refine,
  sized,
  string,
  struct,
  taggedUnion,
  transform,
  tuple,
} from '@stride/codec';
import { LENGTH_BOUND } from '../errors.js';
import { inlineLine } from './inline.js';

const CRLF = '\r\n';

export type RespValue =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: Uint8Array | null }
  | { type: 'array'; value: RespValue[] | null }
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'double'; value: number }
  | { type: 'bignum'; value: bigint }
  | { type: 'bulkError'; value: string }
  | { type: 'verbatim'; format: string; value: string }
  | { type: 'map'; value: [RespValue, RespValue][] }
  | { type: 'set'; value: RespValue[] }
  | { type: 'push'; value: RespValue[] }
  | { type: 'attribute'; attributes: [RespValue, RespValue][]; value: RespValue };

export type RespType = RespValue['type'];

/**
 * What a client sends: an array of arguments (bulk strings, by every client that follows the
 * spec), or an inline command, a line of arguments (`PING\r\n`).
 */
export type RespRequest =
  | { type: 'array'; value: RespValue[] | null }
  | { type: 'inline'; value: Uint8Array[] };

/** The type byte of each value. */
export const TYPE_BYTES = {
  simple: '+',
  error: '-',
  integer: ':',
  bulk: '$',
  array: '*',
  null: '_',
  boolean: '#',
  double: ',',
  bignum: '(',
  bulkError: '!',
  verbatim: '=',
  map: '%',
  set: '~',
  push: '>',
  attribute: '|',
} as const satisfies Record<RespType, string>;

/** The bounds a value schema is built with (the reader's options). */
export interface RespBounds {
  /** The most bytes of a line: a simple string, an error, a double, a number (default 64 KiB, Redis's inline limit). */
  maxLineBytes: number;
  /** The longest bulk string, bulk error or verbatim string (default 512 MiB, Redis's proto-max-bulk-len). */
  maxBulkBytes: number;
}

export const defaultBounds: RespBounds = { maxLineBytes: 64 * 1024, maxBulkBytes: 512 * 1024 * 1024 };

const CR = 0x0d;
const LF = 0x0a;

/** What each number-like line may be. */
const DOUBLE = /^(?:-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|inf|-inf|nan)$/;

function endsWithCrlf(b: Uint8Array): boolean {
  return b.length >= 2 && b[b.length - 2] === CR && b[b.length - 1] === LF;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const utf8Out = new TextEncoder();

/** RESP's double spelling of a number: `inf`, `-inf`, `nan`, else JavaScript's shortest round-trip form. */
export function doubleText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Number.POSITIVE_INFINITY) return 'inf';
  if (n === Number.NEGATIVE_INFINITY) return '-inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

/**
 * The codec of one RESP value within `bounds`; `value` is the same schema with lengths checked
 * against other bounds. Built once per set of bounds (see `respCodecs`).
 */
function build(bounds: RespBounds, streamBulkOver: number | undefined): RespCodecs {
  const line = string({ until: CRLF, maxLength: bounds.maxLineBytes });
  const latin1Line = string({ until: CRLF, maxLength: bounds.maxLineBytes, encoding: 'latin1' });
  /** A length or count: no sign, no leading zero, at most the bound. */
  const length = refine(
    decimal({ until: CRLF }),
    (n) => n <= bounds.maxBulkBytes,
    `${LENGTH_BOUND} ${bounds.maxBulkBytes} (maxBulkBytes)`,
  );
  const count = decimal({ until: CRLF });
  const end = magic(CRLF);

  /** `length` bytes, then CRLF. */
  const lengthPrefixed = <T>(body: Codec<T>): Codec<T> =>
    transform(struct({ data: body, end }) as unknown as Codec<{ data: T }>, {
      decode: (s) => s.data,
      encode: (data: T) => ({ data }),
    });

  const value: Codec<RespValue> = lazy(() => union);
  const list = array(value, { count });
  const pairs = array(tuple([value, value]), { count });

  const bulk = lengthPrefixed(bytes(length));
  const table = {
    simple: line,
    error: line,
    integer: decimal({ until: CRLF, signed: true, bigint: 'unsafe', maxDigits: 19 }),
    bulk: nullable(bulk, '-1\r\n'),
    array: nullable(list, '-1\r\n'),
    null: struct({ end }),
    boolean: transform(
      refine(latin1Line, (s) => s === 't' || s === 'f', '`t` or `f`'),
      { decode: (s) => s === 't', encode: (b: boolean) => (b ? 't' : 'f') },
    ),
    double: transform(
      refine(latin1Line, (s) => DOUBLE.test(s), 'a double: digits, `inf`, `-inf` or `nan`'),
      {
        decode: (s) =>
          s === 'inf'
            ? Number.POSITIVE_INFINITY
            : s === '-inf'
              ? Number.NEGATIVE_INFINITY
              : s === 'nan'
                ? Number.NaN
                : Number(s),
        encode: doubleText,
      },
    ),
    bignum: decimal({ until: CRLF, signed: true, bigint: true }),
    bulkError: lengthPrefixed(string(length)),
    // The length counts `txt:` and the text; the CRLF after the text is taken into the section so
    // that the format and the text merge into the value, and checked there.
    verbatim: sized(
      transform(length, { decode: (n) => n + 2, encode: (n) => n - 2 }),
      struct({
        format: string(3, { encoding: 'latin1' }),
        colon: magic(':'),
        value: transform(refine(bytes('toEnd'), endsWithCrlf, 'the text, then CRLF'), {
          decode: (b) => utf8.decode(b.subarray(0, b.length - 2)),
          encode: (s: string) => {
            const text = utf8Out.encode(s);
            const out = new Uint8Array(text.length + 2);
            out.set(text);
            out[text.length] = CR;
            out[text.length + 1] = LF;
            return out;
          },
        }),
      }),
    ),
    map: pairs,
    set: list,
    push: list,
    attribute: struct({ attributes: pairs, value }),
  };
  const union = taggedUnion(charTag(TYPE_BYTES), table);
  // At the top, a bulk string longer than streamBulkOver is only its head: the reader takes its bytes as pieces.
  const top =
    streamBulkOver === undefined
      ? union
      : taggedUnion(charTag(TYPE_BYTES), {
          ...table,
          bulk: nullable(headOrBulk(length, bulk, streamBulkOver), '-1\r\n'),
        });
  const request = taggedUnion(requestTag, {
    array: nullable(list, '-1\r\n'),
    inline: struct({ value: inlineLine(bounds.maxLineBytes) }),
  });
  return {
    value: union as Codec<RespValue>,
    top: top as Codec<RespValue | StreamedBulk>,
    request: request as Codec<RespRequest>,
  };
}

/** A top-level bulk string too long to hold: its length read, its bytes not yet. */
export class BulkHead {
  constructor(readonly length: number) {}
}

/** The top-level value the reader sees when it streams long bulk strings. */
export type StreamedBulk = { type: 'bulk'; value: BulkHead };

/** A bulk string, or only the head of one longer than `over` (the bytes after its length left unread). */
function headOrBulk(
  length: Codec<number>,
  bulk: Codec<Uint8Array>,
  over: number,
): Codec<Uint8Array | BulkHead> {
  return defineCodec<Uint8Array | BulkHead>({
    read: (st) => {
      const start = st.pos;
      const n = length.read(st);
      if (n > over) return new BulkHead(n);
      st.pos = start;
      return bulk.read(st);
    },
    write: (w, v) => {
      if (v instanceof BulkHead)
        throw new EncodeError('BAD_VALUE', 'a bulk string head is not a value to write');
      bulk.write(w, v);
    },
  });
}

export interface RespCodecs {
  /** Any value (what a server sends). */
  value: Codec<RespValue>;
  /** The value at the top of a reply stream: `value`, or with long bulk strings as heads (see the reader). */
  top: Codec<RespValue | StreamedBulk>;
  /** What a client sends: an array, or an inline command. */
  request: Codec<RespRequest>;
}

/**
 * A request's tag: `*`, taken, for an array of arguments; anything else is an inline command,
 * whose first byte is its own (so it is not taken, and nothing is written for it).
 */
const requestTag = defineCodec<'array' | 'inline'>({
  read: (st) => {
    const at = st.take(1);
    if (st.src.u8(at) === 0x2a) return 'array';
    st.pos = at;
    return 'inline';
  },
  write: (w, tag) => {
    if (tag === 'array') w.u8(0x2a);
  },
});

const built = new Map<string, RespCodecs>();

/**
 * The codecs within `bounds`, streaming bulk strings longer than `streamBulkOver` at the top (none
 * when undefined); built once per distinct arguments, so every reader shares compiled code.
 */
export function respCodecs(bounds: RespBounds = defaultBounds, streamBulkOver?: number): RespCodecs {
  const key = `${bounds.maxLineBytes}/${bounds.maxBulkBytes}/${streamBulkOver}`;
  let codecs = built.get(key);
  if (codecs === undefined) {
    codecs = build(bounds, streamBulkOver);
    built.set(key, codecs);
  }
  return codecs;
}
