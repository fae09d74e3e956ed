/**
 * The helpers code compiled from expressions calls (as `<scope.runtime>.name(…)`), where a plain JS
 * operator would not be exact or would not be Kaitai's:
 *
 * - Integers are safe-integer numbers or bigints. An operation on two numbers gives a number while
 *   the exact result is a safe integer, else the exact bigint; an operation with a bigint operand
 *   gives a bigint. No wrapping: results are exact (Python's semantics, beyond 64 bits too).
 * - `/` is floor division, `%` floor modulo (its sign the divisor's: -9837 % 13 == 4, as Kaitai),
 *   `>>` an arithmetic shift (floor(a / 2^n)), `& | ^ ~` two's complement of any width.
 * - No result is -0 (Kaitai's integers have no -0).
 */
import { conversionError } from '../errors.js';
import { bytesToStr, strToBytes } from './encodings.js';

export type Int = number | bigint;

const isInt32 = (a: number): boolean => (a | 0) === a;

export function add(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    return Number.isSafeInteger(r) ? r : BigInt(a) + BigInt(b);
  }
  return BigInt(a) + BigInt(b);
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    return Number.isSafeInteger(r) ? r : BigInt(a) - BigInt(b);
  }
  return BigInt(a) - BigInt(b);
}

export function mul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b + 0;
    return Number.isSafeInteger(r) ? r : BigInt(a) * BigInt(b);
  }
  return BigInt(a) * BigInt(b);
}

/** Floor division (a RangeError on a zero divisor). */
export function div(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw new RangeError('division by zero');
    // Exact: for |a| <= 2^53 the rounded quotient never crosses an integer.
    return Math.floor(a / b) + 0;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  const q = x / y;
  return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
}

/** Floor modulo: the result has the divisor's sign (a RangeError on a zero divisor). */
export function mod(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    if (b === 0) throw new RangeError('modulo by zero');
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
  }
  const y = BigInt(b);
  const r = BigInt(a) % y;
  return r !== 0n && r < 0n !== y < 0n ? r + y : r;
}

export function neg(a: Int): Int {
  return typeof a === 'number' ? 0 - a : -a;
}

export function shl(a: Int, n: Int): Int {
  if (typeof a === 'number' && typeof n === 'number') {
    const r = a * 2 ** n + 0;
    return Number.isSafeInteger(r) ? r : BigInt(a) << BigInt(n);
  }
  return BigInt(a) << BigInt(n);
}

export function shr(a: Int, n: Int): Int {
  if (typeof a === 'number' && typeof n === 'number') {
    if (isInt32(a) && n < 32) return a >> n;
    return Math.floor(a / 2 ** n) + 0;
  }
  return BigInt(a) >> BigInt(n);
}

function bitwise(a: Int, b: Int, op: (x: bigint, y: bigint) => bigint): Int {
  const r = op(BigInt(a), BigInt(b));
  // Two numbers give a number again, unless the result is -2^53 (not a safe integer).
  return typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(Number(r)) ? Number(r) : r;
}

export function and(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a & b;
  return bitwise(a, b, (x, y) => x & y);
}

export function or(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a | b;
  return bitwise(a, b, (x, y) => x | y);
}

export function xor(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && isInt32(a) && isInt32(b)) return a ^ b;
  return bitwise(a, b, (x, y) => x ^ y);
}

export function not(a: Int): Int {
  if (typeof a === 'number') return a < Number.MAX_SAFE_INTEGER ? -a - 1 : ~BigInt(a);
  return ~a;
}

const DYNAMIC: Readonly<Record<string, (a: Int, b: Int) => Int>> = {
  '+': add,
  '-': sub,
  '*': mul,
  '/': div,
  '%': mod,
  '<<': shl,
  '>>': shr,
  '&': and,
  '|': or,
  '^': xor,
};
const isInt = (v: unknown): v is Int => typeof v === 'bigint' || Number.isInteger(v);

/**
 * `a op b` where neither operand's type was known statically: integers as the helpers above,
 * anything else (strings, floats) as JS has the operator.
 */
export function dyn(op: string, a: unknown, b: unknown): unknown {
  if (isInt(a) && isInt(b)) return (DYNAMIC[op] as (a: Int, b: Int) => Int)(a, b);
  const x = a as number;
  const y = b as number;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return mod(x, y);
    default:
      throw new TypeError(`'${op}' needs integers`);
  }
}

/**
 * `float.to_i`: truncated toward zero; a bigint past 2^53, a RangeError for NaN or an infinity. A
 * bigint (an integer cast `.as<f8>`, which changes only its static type) is already whole.
 */
export function floatToI(x: number | bigint): Int {
  if (typeof x === 'bigint') return x;
  const t = Math.trunc(x) + 0;
  return Number.isSafeInteger(t) ? t : BigInt(t);
}

/** An integer where JS needs a number (an index, a length, a substring bound). */
export function num(a: Int): number {
  return typeof a === 'number' ? a : Number(a);
}

/** Compares byte arrays as unsigned bytes, left to right (a shorter prefix first): <0, 0, >0. */
export function bytesCmp(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Kaitai's `==` on two values of one kind: an integer may be a number on one side and a bigint on
 * the other (a float never equals a bigint), byte arrays by their bytes, the rest as `===`.
 */
export function valueEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'bigint' || typeof b === 'bigint') return isInt(a) && isInt(b) && BigInt(a) === BigInt(b);
  return a instanceof Uint8Array && b instanceof Uint8Array && bytesEq(a, b);
}

export function last<T>(a: ArrayLike<T>): T {
  return a[a.length - 1] as T;
}

/** The least item (`<`), as Kaitai's arrayMin: ints of either representation, floats or strings. */
export function min<T>(a: ArrayLike<T>): T {
  let m = a[0] as T;
  for (let i = 1; i < a.length; i++) if ((a[i] as T) < m) m = a[i] as T;
  return m;
}

export function max<T>(a: ArrayLike<T>): T {
  let m = a[0] as T;
  for (let i = 1; i < a.length; i++) if ((a[i] as T) > m) m = a[i] as T;
  return m;
}

/** Reverses a string by code points (a surrogate pair stays whole). */
export function strReverse(s: string): string {
  return Array.from(s).reverse().join('');
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `str.to_i(radix)`: the whole string must be the number (an optional sign, then digits of the
 * radix); anything else is a ConversionError, as Kaitai's runtimes throw. A bigint past 2^53.
 */
export function strToI(s: string, radix: Int = 10): Int {
  const r = Number(radix);
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const valid =
    body.length > 0 &&
    r >= 2 &&
    r <= 36 &&
    [...body.toLowerCase()].every((c) => DIGITS.indexOf(c) >= 0 && DIGITS.indexOf(c) < r);
  if (!valid) throw conversionError(`'${s}' is not an integer in base ${r}`, s);
  const n = Number.parseInt(s, r);
  if (Number.isSafeInteger(n)) return n + 0;
  let big = 0n;
  for (const c of body.toLowerCase()) big = big * BigInt(r) + BigInt(DIGITS.indexOf(c));
  return s[0] === '-' ? -big : big;
}

/** The helpers object generated code reaches as `scope.runtime`. */
export const ksyRuntime = {
  dyn,
  add,
  sub,
  mul,
  div,
  mod,
  neg,
  shl,
  shr,
  and,
  or,
  xor,
  not,
  num,
  floatToI,
  bytesCmp,
  bytesEq,
  last,
  min,
  max,
  strReverse,
  strToI,
  bytesToStr,
  strToBytes,
} as const;
export type KsyRuntime = typeof ksyRuntime;
