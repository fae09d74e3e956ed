/**
 * numeric: a string exactly as PostgreSQL prints it (`123.4500`, `-0.001`, `0`, `NaN`, `Infinity`,
 * `-Infinity`), so no precision is lost to a JS number.
 *
 * Binary (numeric_send): int16 ndigits, int16 weight, uint16 sign (0x0000 +, 0x4000 -, 0xC000 NaN,
 * 0xD000 +Infinity, 0xF000 -Infinity), uint16 dscale (decimal digits after the point, at most
 * 0x3FFF), then ndigits base-10000 digits, the first worth 10000^weight. Decoding prints them as
 * numeric_out does after numeric_recv: digits past dscale are cut off (not rounded), leading and
 * trailing zero digits are dropped, and a value that is zero has no sign. A digit of 10000 or more,
 * another sign or a dscale past 0x3FFF is a ValidationError.
 *
 * Text: decoding takes only what numeric_out prints (no `+`, exponent, leading zeros or `-0`).
 * Encoding, in both formats, takes that and numeric_in's other spellings (`+1`, `.5`, `1.5e3`,
 * `nan`, `inf`), written in the printed form: digits after the point are kept, trailing zeros
 * included, as they are the value's scale.
 */
import { type DecodeState, defineCodec, type EncodeState } from '@stride/codec';
import { asciiText, type PgType, pgType, unencodable } from './pg-type.js';

const POS = 0x0000;
const NEG = 0x4000;
const NAN = 0xc000;
const PINF = 0xd000;
const NINF = 0xf000;
/** The largest dscale numeric_recv takes (NUMERIC_DSCALE_MAX). */
const DSCALE_MAX = 0x3fff;
/** The most decimal digits before the point the type holds (its documented limit; weight <= 32767). */
const INTEGER_DIGITS_MAX = 131072;

/** A finite value: sign, integer digits (no leading zeros, '0' for none), fraction digits (dscale of them). */
interface Decimal {
  readonly negative: boolean;
  readonly integer: string;
  readonly fraction: string;
}
type Special = 'NaN' | 'Infinity' | '-Infinity';

/** The printed form: a zero has no sign, a fraction follows a point. */
function printed({ negative, integer, fraction }: Decimal): string {
  const zero = integer === '0' && !/[1-9]/.test(fraction);
  return `${negative && !zero ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`;
}

const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;

/** Reads numeric_in's spellings of a value (the caller's, so faults are EncodeErrors). */
function parse(value: string): Decimal | Special {
  if (typeof value !== 'string') throw unencodable('numeric', 'a string', value);
  const special = /^([+-]?)(inf|infinity)$/i.exec(value);
  if (special) return special[1] === '-' ? '-Infinity' : 'Infinity';
  if (/^nan$/i.test(value)) return 'NaN';
  const m = NUMBER.exec(value);
  const digits = m ? `${m[2]}${m[3] ?? ''}` : '';
  if (!m || digits === '')
    throw unencodable('numeric', 'a decimal number, NaN, Infinity or -Infinity', value);
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  // Bounds the padding below: no exponent this large leaves a value the type holds.
  if (Math.abs(exponent) > INTEGER_DIGITS_MAX + DSCALE_MAX)
    throw unencodable('numeric', 'an exponent the type can hold', value);
  const scale = (m[3] ?? '').length - exponent;
  const all = scale < 0 ? digits + '0'.repeat(-scale) : digits;
  const point = all.length - Math.max(scale, 0);
  const padded = point < 0 ? '0'.repeat(-point) + all : all;
  const split = Math.max(point, 0);
  const integer = padded.slice(0, split).replace(/^0+/, '') || '0';
  const fraction = padded.slice(split);
  if (integer.length > INTEGER_DIGITS_MAX || fraction.length > DSCALE_MAX)
    throw unencodable(
      'numeric',
      `at most ${INTEGER_DIGITS_MAX} digits before the point and ${DSCALE_MAX} after`,
      value,
    );
  return { negative: m[1] === '-', integer, fraction };
}

/** Base-10000 groups of a decimal, with the weight of the first; none for zero. */
function toGroups({ integer, fraction }: Decimal): { weight: number; groups: number[] } {
  const left = '0'.repeat((4 - (integer.length % 4)) % 4) + integer;
  const right = fraction + '0'.repeat((4 - (fraction.length % 4)) % 4);
  const all = left + right;
  const groups: number[] = [];
  for (let i = 0; i < all.length; i += 4) groups.push(Number(all.slice(i, i + 4)));
  let weight = left.length / 4 - 1;
  let first = 0;
  while (first < groups.length && groups[first] === 0) {
    first++;
    weight--;
  }
  let end = groups.length;
  while (end > first && groups[end - 1] === 0) end--;
  return first === end ? { weight: 0, groups: [] } : { weight, groups: groups.slice(first, end) };
}

/**
 * The printed form of base-10000 digits (as numeric_recv then numeric_out). Zeros that no digit
 * holds (a large weight, a dscale past the digits) are repeated, not built a group at a time.
 */
function fromGroups(negative: boolean, weight: number, dscale: number, digits: readonly number[]): string {
  const group = (i: number) => String(digits[i]).padStart(4, '0');
  let integer = '';
  for (let i = 0; i <= weight && i < digits.length; i++) integer += group(i);
  integer = integer.replace(/^0+/, '');
  if (integer === '') integer = '0';
  else if (weight >= digits.length) integer += '0'.repeat(4 * (weight + 1 - digits.length));
  let fraction = weight < -1 ? '0'.repeat(Math.min(dscale, 4 * (-1 - weight))) : '';
  for (let i = Math.max(weight + 1, 0); i < digits.length && fraction.length < dscale; i++)
    fraction += group(i);
  fraction = fraction.length > dscale ? fraction.slice(0, dscale) : fraction.padEnd(dscale, '0');
  return printed({ negative, integer, fraction });
}

const SPECIAL_SIGNS: Record<Special, number> = { NaN: NAN, Infinity: PINF, '-Infinity': NINF };

function readBinary(st: DecodeState): string {
  const ndigits = st.u16be();
  const weight = st.i16be();
  const signAt = st.pos;
  const sign = st.u16be();
  if (sign !== POS && sign !== NEG && sign !== NAN && sign !== PINF && sign !== NINF) {
    const actual = `0x${sign.toString(16).padStart(4, '0')}`;
    st.invalid(signAt, 2, `numeric: bad sign ${actual}`, '0x0000, 0x4000, 0xc000, 0xd000 or 0xf000', actual);
  }
  const dscale = st.u16be();
  if (dscale > DSCALE_MAX)
    st.invalid(
      signAt + 2,
      2,
      `numeric: dscale ${dscale} is past ${DSCALE_MAX}`,
      `at most ${DSCALE_MAX}`,
      `${dscale}`,
    );
  // All the digits must be there before any is kept.
  if (st.remaining < ndigits * 2) st.short(st.pos, ndigits * 2);
  const digits: number[] = [];
  for (let i = 0; i < ndigits; i++) {
    const d = st.u16be();
    if (d >= 10000)
      st.invalid(st.pos - 2, 2, `numeric: digit ${d} is not below 10000`, 'below 10000', `${d}`);
    digits.push(d);
  }
  if (sign === NAN) return 'NaN';
  if (sign === PINF) return 'Infinity';
  if (sign === NINF) return '-Infinity';
  return fromGroups(sign === NEG, weight, dscale, digits);
}

function writeBinary(w: EncodeState, value: string): void {
  const d = parse(value);
  if (typeof d === 'string') {
    // numeric_send writes an infinity's dscale as 32 (bits of its header); the same bytes here.
    w.u16be(0);
    w.u16be(0);
    w.u16be(SPECIAL_SIGNS[d]);
    w.u16be(d === 'NaN' ? 0 : 32);
    return;
  }
  const { weight, groups } = toGroups(d);
  w.u16be(groups.length);
  w.i16be(weight);
  w.u16be(d.negative && groups.length > 0 ? NEG : POS);
  w.u16be(d.fraction.length);
  for (const g of groups) w.u16be(g);
}

const binary = defineCodec<string>({ name: 'numeric', read: readBinary, write: writeBinary });

const PRINTED = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

const text = asciiText<string>(
  'numeric',
  'a number as numeric_out prints it',
  (t) => {
    if (t === 'NaN' || t === 'Infinity' || t === '-Infinity') return t;
    // '-0', '-0.00': numeric_out never prints a zero with a sign.
    return PRINTED.test(t) && !/^-[0.]*$/.test(t) ? t : undefined;
  },
  (value) => {
    const d = parse(value);
    return typeof d === 'string' ? d : printed(d);
  },
);

export const numeric: PgType<string> = pgType('numeric', 1700, binary, text);
