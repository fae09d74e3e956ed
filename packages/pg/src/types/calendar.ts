/**
 * The proleptic Gregorian calendar as PostgreSQL counts it: days since 2000-01-01 (its epoch) to
 * and from a date, and a date's ISO text (`YYYY-MM-DD`, at least four year digits, ` BC` for
 * years before 1: the year before 0001 is 0001 BC, astronomical year 0).
 *
 * Integer arithmetic on numbers (Howard Hinnant's days_from_civil / civil_from_days), exact for
 * every day a PostgreSQL date can hold (about ±2^31).
 */

/** Days from 0000-03-01 (astronomical) to 2000-01-01. */
const EPOCH = 730425;

export interface CivilDate {
  /** Astronomical year: 0 is 1 BC, -43 is 44 BC. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The date `days` after 2000-01-01. */
export function civilFromDays(days: number): CivilDate {
  const z = days + EPOCH;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** Days from 2000-01-01 to a date (astronomical year). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - EPOCH;
}

/** Days in a month of an astronomical year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` and whether the year is BC (the caller places ` BC`: after the time, in a timestamp). */
export function isoDate(days: number): { readonly text: string; readonly bc: boolean } {
  const { year, month, day } = civilFromDays(days);
  const bc = year <= 0;
  return { text: `${pad(bc ? 1 - year : year, 4)}-${pad(month, 2)}-${pad(day, 2)}`, bc };
}

/**
 * Days from 2000-01-01 to an ISO date's fields (`year` as written, counted back when `bc`), or
 * undefined when there is no such day (year 0, month 13, 02-30).
 */
export function daysOfIsoDate(year: number, month: number, day: number, bc: boolean): number | undefined {
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const astronomical = bc ? 1 - year : year;
  if (day > daysInMonth(astronomical, month)) return undefined;
  return daysFromCivil(astronomical, month, day);
}
