/**
 * date, timestamp and timestamptz as the strings PostgreSQL prints with DateStyle ISO:
 *
 *   date         '2024-02-29', '0044-03-15 BC', 'infinity', '-infinity'
 *   timestamp    '2024-02-29 12:34:56.789' (microseconds, trailing zeros dropped), '… BC'
 *   timestamptz  '2024-02-29 12:34:56.789+00', '0044-03-15 12:00:00+00 BC'
 *
 * timestamptz's string is in UTC, as the server prints it with TimeZone=UTC, which the client sets.
 * Its binary form is UTC whatever the setting; its text form carries the session's offset, so text
 * decoding takes any offset (`+05:30`) and converts it to UTC, and the two formats agree anyway.
 *
 * Binary: date is int32 days since 2000-01-01; a timestamp is int64 microseconds since 2000-01-01
 * 00:00:00 (bigint arithmetic throughout); the int's least and greatest values are -infinity and
 * infinity. Values outside the types' ranges (4714-11-24 BC to 5874897-12-31 for a date, to
 * 294276-12-31 23:59:59.999999 for a timestamp) are refused both ways, as the server refuses them.
 *
 * Text decoding takes only the printed form (four-digit years at least, no fraction's trailing
 * zeros); encoding takes that with any fraction of up to 6 digits, and writes the printed form.
 */
import { type Codec, type DecodeState, defineCodec, i32be, i64be } from '@stride/codec';
import { daysOfIsoDate, isoDate } from './calendar.js';
import { asciiText, type PgType, pgType, unencodable } from './pg-type.js';

/** 4714-11-24 BC (Julian day 0) and 5874898-01-01, the first day past the range. */
const DATE_MIN = -2451545;
const DATE_END = 2145031949;
const DATE_NOBEGIN = -0x80000000;
const DATE_NOEND = 0x7fffffff;

const DAY = 86_400_000_000n;
/** 4714-11-24 00:00:00 BC and 294277-01-01 00:00:00, the first instant past the range. */
const TIMESTAMP_MIN = -211_813_488_000_000_000n;
const TIMESTAMP_END = 9_223_371_331_200_000_000n;
const TIMESTAMP_NOBEGIN = -(2n ** 63n);
const TIMESTAMP_NOEND = 2n ** 63n - 1n;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function formatDate(days: number): string {
  if (days === DATE_NOBEGIN) return '-infinity';
  if (days === DATE_NOEND) return 'infinity';
  const { text, bc } = isoDate(days);
  return bc ? `${text} BC` : text;
}

const DATE = /^([0-9]{4,})-([0-9]{2})-([0-9]{2})( BC)?$/;

/** Days since 2000-01-01 of a date's text, or undefined. */
function parseDate(text: string): number | undefined {
  if (text === 'infinity') return DATE_NOEND;
  if (text === '-infinity') return DATE_NOBEGIN;
  const m = DATE.exec(text);
  if (!m || (m[1] as string).length > 7) return undefined;
  const days = daysOfIsoDate(Number(m[1]), Number(m[2]), Number(m[3]), m[4] !== undefined);
  return days !== undefined && days >= DATE_MIN && days < DATE_END ? days : undefined;
}

/** A timestamp's text: the UTC offset `+00` goes before ` BC`, as the server writes it. */
function formatTimestamp(micros: bigint, zone: '' | '+00'): string {
  if (micros === TIMESTAMP_NOBEGIN) return '-infinity';
  if (micros === TIMESTAMP_NOEND) return 'infinity';
  let days = micros / DAY;
  let rest = micros - days * DAY;
  if (rest < 0n) {
    days -= 1n;
    rest += DAY;
  }
  const { text, bc } = isoDate(Number(days));
  const us = Number(rest);
  const seconds = Math.floor(us / 1e6);
  const fraction = us % 1e6;
  const time = `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
  const frac = fraction === 0 ? '' : `.${pad(fraction, 6).replace(/0+$/, '')}`;
  return `${text} ${time}${frac}${zone}${bc ? ' BC' : ''}`;
}

const TIMESTAMP =
  /^([0-9]{4,})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,6}))?(([+-])([0-9]{2})(?::([0-9]{2})(?::([0-9]{2}))?)?)?( BC)?$/;

interface ParsedTimestamp {
  /** Microseconds since 2000-01-01 of the time as written, before its offset is taken off. */
  readonly local: bigint;
  /** The text without its offset: the timestamp-without-zone form, to compare with the printed one. */
  readonly localText: string;
  /** The UTC offset in seconds, or undefined when the text has none. */
  readonly offset: number | undefined;
}

/** A finite timestamp's text, read, or undefined. */
function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m || (m[1] as string).length > 6) return undefined;
  const days = daysOfIsoDate(Number(m[1]), Number(m[2]), Number(m[3]), m[13] !== undefined);
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (days === undefined || h > 23 || min > 59 || s > 59) return undefined;
  let offset: number | undefined;
  if (m[8] !== undefined) {
    const [oh, om, os] = [Number(m[10]), Number(m[11] ?? 0), Number(m[12] ?? 0)];
    if (oh > 15 || om > 59 || os > 59) return undefined;
    offset = (m[9] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
  }
  const us = (h * 3600 + min * 60 + s) * 1e6 + Number((m[7] ?? '').padEnd(6, '0'));
  return {
    local: BigInt(days) * DAY + BigInt(us),
    localText: m[8] === undefined ? text : text.replace(m[8], ''),
    offset,
  };
}

/** Whether microseconds are a timestamp the server holds (finite or not). */
function isTimestamp(micros: bigint): boolean {
  return (
    (micros >= TIMESTAMP_MIN && micros < TIMESTAMP_END) ||
    micros === TIMESTAMP_NOBEGIN ||
    micros === TIMESTAMP_NOEND
  );
}

/** A timestamp's microseconds (UTC when zoned), from a text or undefined; `printed`: only the server's form. */
function timestampOf(text: string, zoned: boolean, printed: boolean): bigint | undefined {
  if (text === 'infinity') return TIMESTAMP_NOEND;
  if (text === '-infinity') return TIMESTAMP_NOBEGIN;
  const p = parseTimestamp(text);
  if (p === undefined) return undefined;
  // Without zone, an offset is refused (timestamp_in would drop it without a word); the server
  // prints one with every timestamptz, and a value to encode without one is in UTC.
  if (zoned ? printed && p.offset === undefined : p.offset !== undefined) return undefined;
  if (printed && formatTimestamp(p.local, '') !== p.localText) return undefined;
  const micros = p.local - BigInt(p.offset ?? 0) * 1_000_000n;
  return micros >= TIMESTAMP_MIN && micros < TIMESTAMP_END ? micros : undefined;
}

/** A date's binary and text codecs. */
function dateCodecs(): [Codec<string>, Codec<string>] {
  const expected =
    "'YYYY-MM-DD', 'YYYY-MM-DD BC', 'infinity' or '-infinity' (4714-11-24 BC to 5874897-12-31)";
  const daysOf = (value: string) => {
    const days = typeof value === 'string' ? parseDate(value) : undefined;
    if (days === undefined) throw unencodable('date', expected, value);
    return days;
  };
  const binary = defineCodec<string>({
    name: 'date',
    size: 4,
    read: (st: DecodeState) => {
      const at = st.pos;
      const days = st.i32be();
      if (!(days >= DATE_MIN && days < DATE_END) && days !== DATE_NOBEGIN && days !== DATE_NOEND)
        st.invalid(at, 4, `date: ${days} days from 2000-01-01 is out of range`, expected, `${days}`);
      return formatDate(days);
    },
    write: (w, value) => i32be.write(w, daysOf(value)),
  });
  const text = asciiText<string>(
    'date',
    expected,
    (t) => {
      const days = parseDate(t);
      return days !== undefined && formatDate(days) === t ? t : undefined;
    },
    (value) => formatDate(daysOf(value)),
  );
  return [binary, text];
}

/** A timestamp's binary and text codecs; `zoned`: timestamptz, its strings in UTC with '+00'. */
function timestampCodecs(zoned: boolean): [Codec<string>, Codec<string>] {
  const name = zoned ? 'timestamptz' : 'timestamp';
  const zone = zoned ? '+00' : '';
  const expected = `'YYYY-MM-DD HH:MM:SS[.ffffff]${zoned ? '+00' : ''}[ BC]', 'infinity' or '-infinity'`;
  const microsOf = (value: string) => {
    const micros = typeof value === 'string' ? timestampOf(value, zoned, false) : undefined;
    if (micros === undefined)
      throw unencodable(name, `${expected}${zoned ? ' (any UTC offset, or none for UTC)' : ''}`, value);
    return micros;
  };
  const binary = defineCodec<string>({
    name,
    size: 8,
    read: (st: DecodeState) => {
      const at = st.pos;
      const micros = st.i64be();
      if (!isTimestamp(micros))
        st.invalid(
          at,
          8,
          `${name}: ${micros} microseconds from 2000-01-01 is out of range`,
          expected,
          `${micros}`,
        );
      return formatTimestamp(micros, zone);
    },
    write: (w, value) => i64be.write(w, microsOf(value)),
  });
  const text = asciiText<string>(
    name,
    expected,
    (t) => {
      const micros = timestampOf(t, zoned, true);
      return micros === undefined ? undefined : formatTimestamp(micros, zone);
    },
    (value) => formatTimestamp(microsOf(value), zone),
  );
  return [binary, text];
}

const [dateBinary, dateText] = dateCodecs();
const [timestampBinary, timestampText] = timestampCodecs(false);
const [timestamptzBinary, timestamptzText] = timestampCodecs(true);

export const date: PgType<string> = pgType('date', 1082, dateBinary, dateText);
export const timestamp: PgType<string> = pgType('timestamp', 1114, timestampBinary, timestampText);
export const timestamptz: PgType<string> = pgType('timestamptz', 1184, timestamptzBinary, timestamptzText);
