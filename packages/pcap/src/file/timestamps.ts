/**
 * pcapng timestamps: a 64-bit count of the interface's units (if_tsresol: 10^-n seconds, or 2^-n
 * when its high bit is set; microseconds by default) since the epoch, plus if_tsoffset seconds.
 * Converted to nanoseconds as Wireshark does (rounded down); back with the least count that gives
 * the same nanoseconds, which is the file's own count wherever a unit is at least a nanosecond.
 */

const NS = 1_000_000_000n;

/** if_tsresol's default: microseconds. */
export const DEFAULT_TSRESOL = 6;

/** The interface's units per second for an if_tsresol byte. */
export function unitsPerSecond(tsresol: number): bigint {
  const exponent = BigInt(tsresol & 0x7f);
  return tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
}

/** Nanoseconds since the epoch of `count` units (and `offset` seconds). */
export function toNanoseconds(count: bigint, units: bigint, offset: bigint): bigint {
  return (count * NS) / units + offset * NS;
}

/**
 * `toNanoseconds` for one interface's units and offset, made once: where a unit is a whole number
 * of nanoseconds (microseconds, the default, and every decimal unit down to 1 ns), one
 * multiplication, where the division took a twentieth of a packet's time.
 */
export function nanosecondClock(units: bigint, offset: bigint): (count: bigint) => bigint {
  if (NS % units !== 0n) return (count) => toNanoseconds(count, units, offset);
  const factor = NS / units;
  const offsetNs = offset * NS;
  return offsetNs === 0n ? (count) => count * factor : (count) => count * factor + offsetNs;
}

/** The count of units for `ns` nanoseconds since the epoch: the least one `toNanoseconds` maps to `ns`. */
export function fromNanoseconds(ns: bigint, units: bigint, offset: bigint): bigint {
  const t = (ns - offset * NS) * units;
  return t <= 0n ? t / NS : (t + NS - 1n) / NS;
}

/** A count split into the two 32-bit halves blocks store. */
export function splitCount(count: bigint): { timestampHigh: number; timestampLow: number } {
  return { timestampHigh: Number((count >> 32n) & 0xffffffffn), timestampLow: Number(count & 0xffffffffn) };
}

/** The count of the two 32-bit halves. */
export function joinCount(high: number, low: number): bigint {
  // Below 2^53 the count is exact as a number: one conversion instead of two and a shift.
  return high < 0x20_0000 ? BigInt(high * 0x1_0000_0000 + low) : (BigInt(high) << 32n) | BigInt(low);
}
