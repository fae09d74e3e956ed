/** The calendar against JavaScript's Date (proleptic Gregorian too) and its own inverse. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  daysOfIsoDate,
  isoDate,
} from '../../src/types/calendar.js';

const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(2000, 0, 1);
/** Days from 2000-01-01 that a Date can hold (±100,000,000 days from 1970). */
const dateDays = fc.integer({ min: -100_000_000 + 10_957, max: 100_000_000 - 10_957 });

describe('calendar', () => {
  it('agrees with Date on every day it holds', () => {
    fc.assert(
      fc.property(dateDays, (days) => {
        const d = new Date(EPOCH_MS + days * DAY_MS);
        expect(civilFromDays(days)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
      }),
    );
  });

  it('daysFromCivil inverts civilFromDays over the whole date range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2451545, max: 2145031948 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
        expect(day).toBeLessThanOrEqual(daysInMonth(year, month));
      }),
    );
  });

  it('counts BC years from 1 BC (astronomical year 0), with no year 0', () => {
    expect(isoDate(daysFromCivil(1, 1, 1) - 1)).toEqual({ text: '0001-12-31', bc: true });
    expect(isoDate(daysFromCivil(-43, 3, 15))).toEqual({ text: '0044-03-15', bc: true });
    expect(daysOfIsoDate(44, 3, 15, true)).toBe(daysFromCivil(-43, 3, 15));
    expect(daysOfIsoDate(0, 1, 1, false)).toBeUndefined();
    expect(daysOfIsoDate(0, 1, 1, true)).toBeUndefined();
    // Leap years BC: 1 BC, 5 BC (astronomical 0, -4) have a February 29th; 2 BC does not.
    expect(daysOfIsoDate(1, 2, 29, true)).toBeDefined();
    expect(daysOfIsoDate(5, 2, 29, true)).toBeDefined();
    expect(daysOfIsoDate(2, 2, 29, true)).toBeUndefined();
    expect(daysOfIsoDate(1900, 2, 29, false)).toBeUndefined();
    expect(daysOfIsoDate(2000, 2, 29, false)).toBe(59);
  });

  it('puts 2000-01-01 at 0, 1970-01-01 at -10957 and Julian day 0 at -2451545', () => {
    expect(daysFromCivil(2000, 1, 1)).toBe(0);
    expect(daysFromCivil(1970, 1, 1)).toBe(-10957);
    expect(daysOfIsoDate(4714, 11, 24, true)).toBe(-2451545);
    expect(daysFromCivil(5874898, 1, 1)).toBe(2145031949);
  });
});
