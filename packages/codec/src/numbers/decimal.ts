/**
 * decimal: an integer written in ASCII digits and ended by a delimiter, as text protocols write
 * numbers (RESP's `:1000\r\n` and `$5\r\n`, HTTP's chunk sizes in hex, `1a2f\r\n`).
 *
 *   decimal({ until: '\r\n' })                                non-negative, a number
 *   decimal({ until: '\r\n', signed: true })                  an optional leading `-`
 *   decimal({ until: '\r\n', radix: 16 })                     hex digits (either case on decode)
 *   decimal({ until: '\r\n', bigint: true })                  a bigint, of any length up to maxDigits
 *   decimal({ until: '\r\n', bigint: 'unsafe' })              a number, or a bigint past 2^53 (RESP's 64-bit integers)
 *
 * Decoding is strict, so that each value has one spelling: only digits of the radix, after a `-`
 * when signed (no `+`, no spaces), at least one digit, no leading zeros unless `leadingZeros: true`
 * (HTTP allows them; RESP does not), and no `-0`. Anything else is a ValidationError at the offending
 * byte, as is a number past Number.MAX_SAFE_INTEGER (in either direction) without `bigint`. More than
 * `maxDigits` digits is a LimitError (limit `maxDigits`) at the field's first byte, raised as soon as
 * that many digits are there without a delimiter (a stream does not wait for more). The default
 * `maxDigits` fits the type: 16 decimal or 14 hex digits for a number (every safe integer), 1024 for
 * a bigint.
 *
 * Encoding writes the canonical spelling (lowercase hex, no leading zeros, `-` only when negative,
 * so -0 is `0`) and the delimiter; it refuses a non-integer, a number that is not safe, a negative
 * value when not signed and more digits than `maxDigits` (EncodeError `OUT_OF_RANGE`).
 */
import { Delimiter, type Until } from '../bytes/delimiter.js';
import { describeBytes } from '../bytes/magic.js';
import { Codec, GEN_READ } from '../core/codec.js';
import type { DecodeState } from '../core/decode-state.js';
import { type EncodeState, rangeError } from '../core/encode-state.js';
import type { ReadGen } from '../core/gen.js';
import { latin1Slice } from '../strings/text.js';

export interface DecimalOptions {
  /** The bytes that end the number. */
  until: Until;
  /** 10 (default) or 16. */
  radix?: 10 | 16;
  /** Allow a leading `-` (default false). */
  signed?: boolean;
  /**
   * Decode to a bigint (default false: a number, within ±Number.MAX_SAFE_INTEGER); `'unsafe'`: a
   * number while it is safe, a bigint past it (so the common case costs no bigint).
   */
  bigint?: boolean | 'unsafe';
  /** At most this many digits (see the module comment for the default). */
  maxDigits?: number;
  /** Accept leading zeros on decode (default false); encoding never writes them. */
  leadingZeros?: boolean;
}

const MINUS = 0x2d;
const DECODES_TO: Record<string, string> = {
  true: 'bigint',
  false: 'safe integer',
  unsafe: 'safe integer or bigint',
};
const ZERO = 0x30;

/** The value of an ASCII digit in `radix`, or -1. */
function digitValue(b: number, radix: number): number {
  const v =
    b >= 0x30 && b <= 0x39 ? b - 0x30 : (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 ? (b | 0x20) - 0x57 : -1;
  return v < radix ? v : -1;
}

export class DecimalCodec<T extends number | bigint> extends Codec<T> {
  readonly kind = 'decimal';
  readonly delimiter: Delimiter;
  readonly radix: 10 | 16;
  readonly signed: boolean;
  readonly bigint: boolean | 'unsafe';
  readonly maxDigits: number;
  readonly leadingZeros: boolean;

  constructor(options: DecimalOptions) {
    super();
    this.delimiter = new Delimiter(options.until, 'decimal');
    this.radix = options.radix ?? 10;
    if (this.radix !== 10 && this.radix !== 16)
      throw new TypeError(`decimal: radix must be 10 or 16, got ${String(this.radix)}`);
    this.signed = options.signed ?? false;
    this.bigint = options.bigint ?? false;
    this.maxDigits = options.maxDigits ?? (this.bigint ? 1024 : this.radix === 10 ? 16 : 14);
    if (this.bigint !== true && this.bigint !== false && this.bigint !== 'unsafe')
      throw new TypeError(`decimal: bigint must be true, false or 'unsafe', got ${String(this.bigint)}`);
    if (!(Number.isSafeInteger(this.maxDigits) && this.maxDigits >= 1))
      throw new TypeError(`decimal: maxDigits must be a positive integer, got ${this.maxDigits}`);
    this.leadingZeros = options.leadingZeros ?? false;
    Object.freeze(this);
  }

  read(st: DecodeState): T {
    const start = st.pos;
    const longest = this.maxDigits + (this.signed ? 1 : 0);
    const at = this.delimiter.find(st, start, longest);
    // No delimiter after the longest number: its first longest + 1 bytes hold the fault (a byte that
    // is not a digit, or one digit too many), which `parse` raises.
    const value = this.#parse(st, start, at < 0 ? start + longest + 1 : at);
    st.take(at - start + this.delimiter.length);
    return value;
  }

  /** The number in [start, end); raises the fault at its byte. */
  #parse(st: DecodeState, start: number, end: number): T {
    const src = st.src;
    const radix = this.radix;
    const negative = this.signed && start < end && src.u8(start) === MINUS;
    const first = negative ? start + 1 : start;
    let n = 0;
    let text = '';
    let big = this.bigint === true;
    for (let i = first; i < end; i++) {
      const b = src.u8(i);
      const d = digitValue(b, radix);
      if (d < 0)
        this.#bad(
          st,
          i,
          `byte ${describeBytes(Uint8Array.of(b))} is not a${radix === 16 ? ' hex' : ''} digit`,
        );
      if (i - first === this.maxDigits) {
        st.overLimit(
          'maxDigits',
          start,
          Math.min(i - start, 8),
          `decimal: more than maxDigits (${this.maxDigits}) digits`,
          `at most ${this.maxDigits} digits`,
          `more than ${this.maxDigits}`,
        );
      }
      if (i === first + 1 && !this.leadingZeros && src.u8(first) === ZERO)
        this.#bad(st, first, 'a leading zero (pass leadingZeros: true to accept them)');
      if (big) text += String.fromCharCode(b);
      else {
        n = n * radix + d;
        if (n > Number.MAX_SAFE_INTEGER) {
          if (this.bigint !== 'unsafe') this.#bad(st, i, 'past Number.MAX_SAFE_INTEGER (use bigint: true)');
          // Past 2^53: the digits so far again, as text, and a bigint from here on.
          big = true;
          for (let j = first; j <= i; j++) text += String.fromCharCode(src.u8(j));
        }
      }
    }
    if (end === first) this.#bad(st, end, 'no digits');
    if (big) {
      const big = BigInt(radix === 16 ? `0x${text}` : text);
      if (negative && big === 0n) this.#bad(st, start, '-0 (zero is written 0)');
      return (negative ? -big : big) as T;
    }
    if (negative && n === 0) this.#bad(st, start, '-0 (zero is written 0)');
    return (negative ? -n : n) as T;
  }

  /**
   * Compiled read: the digits scanned in place up to the first byte that is not one, which must
   * begin the delimiter; anything else (no digit, too many, a leading zero, -0, past
   * MAX_SAFE_INTEGER for a number, no delimiter before `end`) goes to the interpreter. A delimiter
   * that begins with a digit or `-` is left to the interpreter: its first match could begin inside
   * the digits, where the interpreter stops.
   */
  override [GEN_READ](g: ReadGen): string {
    const delimiter = this.delimiter.bytes;
    const d0 = delimiter[0] as number;
    const radix = this.radix;
    if (d0 === MINUS || digitValue(d0, radix) >= 0) return g.callRead(this);
    g.flush();
    const [s, i, stop, n, b, v] = [g.tmp('s'), g.tmp('i'), g.tmp('e'), g.tmp('n'), g.tmp('b'), g.tmp()];
    const negative = this.signed ? g.tmp('m') : undefined;
    if (negative)
      g.emit(`const ${negative} = p < end && u8[p] === ${MINUS}; const ${s} = ${negative} ? p + 1 : p;`);
    else g.emit(`const ${s} = p;`);
    // Digits up to one past maxDigits (too many, which the interpreter raises) or the end.
    const big = this.bigint === true;
    const add = big ? '' : ` ${n} = ${n} * ${radix} + ${b};`;
    const digit =
      radix === 10
        ? `const ${b} = u8[${i}] - 48; if (${b} < 0 || ${b} > 9) break;`
        : `let ${b} = u8[${i}] - 48; if (${b} < 0 || ${b} > 9) { ${b} = (u8[${i}] | 32) - 87; if (${b} < 10 || ${b} > 15) break; }`;
    g.emit(`const ${stop} = Math.min(end, ${s} + ${this.maxDigits + 1}); let ${i} = ${s}, ${n} = 0;`);
    g.emit(`for (; ${i} < ${stop}; ${i}++) { ${digit}${add} }`);
    // Digits up to the input's end, or to a part of the delimiter there: the interpreter waits for the
    // delimiter (within the longest number) before it judges the digits.
    const partial = Array.from(delimiter, (x, k) => `(${i} + ${k} >= end || u8[${i} + ${k}] === ${x})`);
    const wait = g.waitFor('end + 1');
    if (wait !== '')
      g.emit(
        `if (${i} + ${delimiter.length} > end && ${i} - ${s} <= ${this.maxDigits} && ${partial.join(' && ')}) { ${wait} return FAIL; }`,
      );
    const tests = [`${i} === ${s}`, `${i} - ${s} > ${this.maxDigits}`, `${i} + ${delimiter.length} > end`];
    if (!this.leadingZeros) tests.push(`(u8[${s}] === ${ZERO} && ${i} - ${s} > 1)`);
    tests.push(...Array.from(delimiter, (x, k) => `u8[${i} + ${k}] !== ${x}`));
    g.emit(`if (${tests.join(' || ')}) return FAIL;`);
    // Past 2^53 the sum is no longer exact, but stays past MAX_SAFE_INTEGER: the digits again, as a bigint.
    const digits = `BigInt(${radix === 16 ? `'0x' + ` : ''}${g.ref(latin1Slice)}(u8, ${s}, ${i}))`;
    const value = big
      ? digits
      : this.bigint === 'unsafe'
        ? `(${n} > ${Number.MAX_SAFE_INTEGER} ? ${digits} : ${n})`
        : n;
    if (this.bigint === false) g.emit(`if (${n} > ${Number.MAX_SAFE_INTEGER}) return FAIL;`);
    if (negative) {
      g.emit(`let ${v} = ${value}; if (${negative}) { if (${v} == 0) return FAIL; ${v} = -${v}; }`);
    } else g.emit(`const ${v} = ${value};`);
    g.emit(`p = ${i} + ${delimiter.length};`);
    g.moved();
    return v;
  }

  #bad(st: DecodeState, at: number, why: string): never {
    const expected = `${this.radix === 16 ? 'hex ' : ''}digits${this.signed ? ' after an optional -' : ''}, then ${this.delimiter.describe()}`;
    return st.invalid(at, 1, `decimal: ${why}`, expected);
  }

  write(w: EncodeState, value: T): void {
    const what = this.bigint === true ? 'bigint' : 'number';
    const integer =
      typeof value === 'bigint' ? this.bigint !== false : this.bigint !== true && Number.isSafeInteger(value);
    if (!integer) throw rangeError(value, `decimal (a ${DECODES_TO[String(this.bigint)]})`);
    const v: number | bigint = value;
    const negative = v < 0;
    if (negative && !this.signed) throw rangeError(v, `decimal (a non-negative ${what}; not signed)`);
    const digits = (negative ? -v : v).toString(this.radix);
    if (digits.length > this.maxDigits)
      throw rangeError(value, `decimal (at most maxDigits, ${this.maxDigits}, digits)`);
    const text = negative ? `-${digits}` : digits;
    const start = w.pos;
    const at = w.reserve(text.length);
    for (let i = 0; i < text.length; i++) w.u8a[at + i] = text.charCodeAt(i);
    this.delimiter.write(w, start, 'decimal');
  }
}

/**
 * An ASCII integer ended by a delimiter; see the module comment for the options and the rules.
 * `bigint: true` decodes to a bigint, else to a number.
 */
export function decimal(options: DecimalOptions & { bigint: true }): DecimalCodec<bigint>;
export function decimal(options: DecimalOptions & { bigint?: false }): DecimalCodec<number>;
export function decimal(options: DecimalOptions & { bigint: 'unsafe' }): DecimalCodec<number | bigint>;
export function decimal(options: DecimalOptions): DecimalCodec<number | bigint>;
export function decimal(options: DecimalOptions): DecimalCodec<number | bigint> {
  return new DecimalCodec(options);
}
