/**
 * 64-bit integers as `number`: two 32-bit reads combined, ~14x cheaper than a BigInt read.
 * Values past ±(2^53 - 1) cannot be represented exactly, so they fail loudly instead: a
 * ValidationError (`VALIDATION_FAILED`), as codec's `u64leNumber` and kin raise.
 */
import { ValidationError } from '../stream-errors.js';

const TWO_32 = 4294967296;
const MAX = Number.MAX_SAFE_INTEGER;

/** The unsigned 64-bit integer at `at` of `dv`; `off` (absolute) only names the place in errors. */
export function u64Number(dv: DataView, at: number, le: boolean, off: number): number {
  const v = dv.getUint32(le ? at + 4 : at, le) * TWO_32 + dv.getUint32(le ? at : at + 4, le);
  // A true value past MAX rounds to at least 2^53, so this comparison is exact.
  if (v > MAX) unsafe(dv.getBigUint64(at, le), off);
  return v;
}

/** The signed 64-bit integer at `at` of `dv`, as {@link u64Number}. */
export function i64Number(dv: DataView, at: number, le: boolean, off: number): number {
  const v = dv.getInt32(le ? at + 4 : at, le) * TWO_32 + dv.getUint32(le ? at : at + 4, le);
  if (v > MAX || v < -MAX) unsafe(dv.getBigInt64(at, le), off);
  return v;
}

function unsafe(value: bigint, off: number): never {
  throw new ValidationError(
    `64-bit integer ${value} is outside ±Number.MAX_SAFE_INTEGER; read it as a bigint instead`,
    { offset: off, expected: 'a safe integer', actual: `${value}` },
  );
}
