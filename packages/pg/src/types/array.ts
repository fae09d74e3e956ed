/**
 * One-dimensional arrays of a type: `(T | null)[]`. The lower bound is not kept (`[0:1]={1,2}`
 * decodes to `[1, 2]`); encoding writes 1. An array of more dimensions is refused with a
 * ValidationError saying so (path `ndim` in binary).
 *
 * Binary (array_send): int32 ndim (0 for an empty array), int32 has-null flag (0 or 1), uint32
 * element OID (must be the element type's: a ConstantError otherwise), per dimension int32 length
 * and int32 lower bound, then per element int32 length (-1: NULL) and that many bytes, which the
 * element's codec must take exactly. The element count is bounded by codec's maxArrayLength.
 *
 * Text (array_out): `{1,2,NULL}`, `{"a b","c\"d",NULL}`. An element is quoted when it is empty,
 * holds a brace, comma, quote, backslash or whitespace, or reads NULL in any case; inside quotes
 * `"` and `\` are escaped with `\`. Decoding takes what array_in takes of that: whitespace around
 * elements, `\` escapes outside quotes, a `[lower:upper]=` decoration.
 */
import {
  array,
  type Codec,
  DecodeError,
  type DecodeState,
  decode,
  defineCodec,
  EncodeError,
  encode,
  i32be,
  literal,
  nullable,
  refine,
  sized,
  struct,
  transform,
  u32be,
} from '@stride/codec';
import { type PgType, pgType, unencodable } from './pg-type.js';
import { fallbackBinary } from './text.js';

/** An array type: a PgType whose value is its elements, with the element's type. */
export interface PgArrayType<T> extends PgType<(T | null)[]> {
  readonly element: PgType<T>;
}

const ONE_DIMENSION = 'ndim 0 or 1 (multi-dimensional arrays are not supported)';

const ndim = refine(i32be, (n) => n === 0 || n === 1, ONE_DIMENSION);
const hasNull = refine(i32be, (n) => n === 0 || n === 1, 'a has-null flag of 0 or 1');
const dimension = struct({
  length: refine(i32be, (n) => n >= 0, 'a length of 0 or more'),
  lowerBound: i32be,
});
const NULL_LENGTH = [0xff, 0xff, 0xff, 0xff];

function binaryArray<T>(element: PgType<T>): Codec<(T | null)[]> {
  const item = nullable(sized(i32be, element.binary), NULL_LENGTH);
  const body = struct({ ndim, hasNull, elementOid: literal(u32be, element.oid) })
    .field('dims', (s) => array(dimension, s.ndim))
    .field('items', (s) => array(item, s.dims[0]?.length ?? 0));
  return transform(body, {
    decode: (s) => s.items,
    encode: (items: (T | null)[]) => {
      if (!Array.isArray(items)) throw unencodable(`_${element.name}`, 'an array', items);
      return {
        ndim: items.length === 0 ? 0 : 1,
        hasNull: items.includes(null) ? 1 : 0,
        elementOid: element.oid,
        dims: items.length === 0 ? [] : [{ length: items.length, lowerBound: 1 }],
        items,
      };
    },
  });
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const ascii = (c: string) => c.charCodeAt(0);
/** array_in's whitespace: space, \t, \n, \v, \f, \r. */
const isSpace = (b: number | undefined) => b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d);
/** Bytes that make array_out quote an element. */
const needsQuotes = (b: number) =>
  b === QUOTE || b === BACKSLASH || b === COMMA || b === OPEN || b === CLOSE || isSpace(b);

const NULL_LOWER = new TextEncoder().encode('null');

/** NULL in any case, unquoted: a null element. */
function isNullWord(t: Uint8Array, from: number, to: number): boolean {
  if (to - from !== 4) return false;
  for (let k = 0; k < 4; k++) if (((t[from + k] as number) | 0x20) !== NULL_LOWER[k]) return false;
  return true;
}

/** Parses a text array's bytes, `at` being the absolute offset of the first. */
class TextArrayReader {
  #i = 0;
  constructor(
    readonly st: DecodeState,
    readonly at: number,
    readonly t: Uint8Array,
  ) {}

  fail(message: string, expected: string): never {
    const actual =
      this.#i < this.t.length ? `'${String.fromCharCode(this.t[this.#i] as number)}'` : 'the end';
    return this.st.invalid(
      this.at + this.#i,
      this.#i < this.t.length ? 1 : 0,
      `array: ${message}, got ${actual}`,
      expected,
      actual,
    );
  }

  #skipSpace(): void {
    while (isSpace(this.t[this.#i])) this.#i++;
  }

  #expect(byte: number, what: string): void {
    if (this.t[this.#i] !== byte) this.fail(`expected ${what}`, what);
    this.#i++;
  }

  /** `[lower:upper]=`: the element count it declares, or undefined without one. */
  #decoration(): number | undefined {
    if (this.t[this.#i] !== ascii('[')) return undefined;
    this.#i++;
    const lower = this.#integer();
    this.#expect(ascii(':'), "':'");
    const upper = this.#integer();
    this.#expect(ascii(']'), "']'");
    if (this.t[this.#i] === ascii('['))
      this.fail(`a second dimension: expected ${ONE_DIMENSION}`, ONE_DIMENSION);
    this.#skipSpace();
    this.#expect(ascii('='), "'='");
    this.#skipSpace();
    if (upper < lower - 1) this.fail('an upper bound below the lower one', 'upper >= lower - 1');
    return upper - lower + 1;
  }

  #integer(): number {
    const start = this.#i;
    if (this.t[this.#i] === ascii('-') || this.t[this.#i] === ascii('+')) this.#i++;
    while (
      this.#i < this.t.length &&
      (this.t[this.#i] as number) >= 0x30 &&
      (this.t[this.#i] as number) <= 0x39
    )
      this.#i++;
    const digits = this.#i - start > 11 ? '' : String.fromCharCode(...this.t.subarray(start, this.#i));
    const n = digits === '' ? Number.NaN : Number(digits);
    if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) {
      this.#i = start;
      this.fail('expected a bound (an int32)', 'an int32');
    }
    return n;
  }

  /** Each element's bytes (unescaped) and the offset of its first, or null; in order. */
  elements(each: (value: Uint8Array | null, offset: number) => void): void {
    this.#skipSpace();
    const declared = this.#decoration();
    this.#expect(OPEN, "'{'");
    this.#skipSpace();
    let count = 0;
    if (this.t[this.#i] === CLOSE) this.#i++;
    else
      for (;;) {
        this.#skipSpace();
        const start = this.#i;
        if (this.t[start] === OPEN) this.fail(`a nested array: expected ${ONE_DIMENSION}`, ONE_DIMENSION);
        each(this.t[start] === QUOTE ? this.#quoted() : this.#unquoted(), this.at + start);
        count++;
        this.#skipSpace();
        if (this.t[this.#i] === CLOSE) {
          this.#i++;
          break;
        }
        this.#expect(COMMA, "',' or '}'");
      }
    this.#skipSpace();
    if (this.#i < this.t.length) this.fail('expected the end after the closing brace', 'the end');
    if (declared !== undefined && declared !== count) {
      const message = `array: the decoration declares ${declared} elements, the array has ${count}`;
      this.st.invalid(this.at, this.t.length, message, `${declared} elements`, `${count}`);
    }
  }

  /** Steps over a backslash and the byte it escapes. */
  #escape(): void {
    this.#i++;
    if (this.#i >= this.t.length) this.fail('expected a character after a backslash', 'a character');
    this.#i++;
  }

  /** A quoted element's bytes: a view of the input unless it has escapes. */
  #quoted(): Uint8Array {
    const t = this.t;
    const start = ++this.#i;
    let escaped = false;
    for (;;) {
      const b = t[this.#i];
      if (b === undefined) this.fail('expected a closing quote', "'\"'");
      if (b === QUOTE) break;
      if (b === BACKSLASH) {
        escaped = true;
        this.#escape();
      } else this.#i++;
    }
    const end = this.#i++;
    return escaped ? unescaped(t, start, end) : t.subarray(start, end);
  }

  /** An unquoted element's bytes without trailing whitespace (unless escaped), or null for NULL. */
  #unquoted(): Uint8Array | null {
    const t = this.t;
    const start = this.#i;
    let escaped = false;
    // The end of the last byte kept: trailing whitespace is dropped, an escaped byte is kept.
    let kept = start;
    for (;;) {
      const b = t[this.#i];
      if (b === undefined || b === COMMA || b === CLOSE) break;
      if (b === QUOTE || b === OPEN)
        this.fail('a quote or brace inside an unquoted element', 'a quoted element');
      if (b === BACKSLASH) {
        escaped = true;
        this.#escape();
        kept = this.#i;
      } else if (!isSpace(t[this.#i++])) kept = this.#i;
    }
    if (kept === start) this.fail('an empty element (write "" for an empty string)', 'an element');
    if (escaped) return unescaped(t, start, kept);
    return isNullWord(t, start, kept) ? null : t.subarray(start, kept);
  }
}

/** Bytes [from, to) with each backslash dropped and the byte after it kept as it is. */
function unescaped(t: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  let n = 0;
  for (let i = from; i < to; i++) out[n++] = t[t[i] === BACKSLASH ? ++i : i] as number;
  return out.subarray(0, n);
}

/** Bytes of an element in array_out's form: quoted and escaped when it needs to be. */
function quoted(b: Uint8Array): Uint8Array {
  if (b.length > 0 && !isNullWord(b, 0, b.length) && !b.some(needsQuotes)) return b;
  const out: number[] = [QUOTE];
  for (const c of b) {
    if (c === QUOTE || c === BACKSLASH) out.push(BACKSLASH);
    out.push(c);
  }
  out.push(QUOTE);
  return Uint8Array.from(out);
}

const NULL_WORD = new TextEncoder().encode('NULL');

function textArray<T>(element: PgType<T>): Codec<(T | null)[]> {
  return defineCodec<(T | null)[]>({
    name: `_${element.name}`,
    read: (st: DecodeState) => {
      const at = st.pos;
      const values: (T | null)[] = [];
      new TextArrayReader(st, at, fallbackBinary.read(st)).elements((bytes, offset) => {
        try {
          values.push(bytes === null ? null : decode(element.text, bytes, { base: offset }));
        } catch (e) {
          throw e instanceof DecodeError ? e.within(values.length) : e;
        }
      });
      return values;
    },
    write: (w, items) => {
      if (!Array.isArray(items)) throw unencodable(`_${element.name}`, 'an array', items);
      w.u8(OPEN);
      items.forEach((item, i) => {
        if (i > 0) w.u8(COMMA);
        try {
          w.bytes(item === null ? NULL_WORD : quoted(encode(element.text, item)));
        } catch (e) {
          throw e instanceof EncodeError ? e.within(i) : e;
        }
      });
      w.u8(CLOSE);
    },
  });
}

/** The array type of `element`, with the array's OID (`pg_type.typarray` of the element). */
export function arrayOf<T>(element: PgType<T>, oid: number): PgArrayType<T> {
  const { name, binary, text } = pgType(`_${element.name}`, oid, binaryArray(element), textArray(element));
  return Object.freeze({ name, oid, binary, text, element });
}
