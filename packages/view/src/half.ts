/**
 * IEEE 754 binary16 by hand: Node 20 has neither Float16Array nor DataView#getFloat16.
 * Rounding is round-half-to-even, as CPython's PyFloat_Pack2.
 */

const f32 = new Float32Array(1);

/** The number a binary16 bit pattern stands for. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

/**
 * The binary16 bit pattern nearest to `x`, or -1 when a finite `x` rounds past the largest half
 * (65504): CPython reports that as an overflow instead of storing infinity.
 */
export function numberToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (a >= 65520) return -1; // 65520 is the midpoint between 65504 and 2^16: ties go to even (overflow)
  if (a < 2 ** -14) {
    // Subnormal (or zero): units of 2^-24, rounded half to even.
    const units = a * 2 ** 24;
    return sign | roundHalfEven(units);
  }
  let exp = Math.floor(Math.log2(a));
  if (2 ** exp > a) exp -= 1; // log2 may round up just below a power of two
  if (2 ** (exp + 1) <= a) exp += 1;
  let mant = roundHalfEven((a / 2 ** exp - 1) * 1024);
  if (mant === 1024) {
    mant = 0;
    exp += 1;
  }
  if (exp > 15) return -1;
  return sign | ((exp + 15) << 10) | mant;
}

/** Rounds a non-negative number to the nearest integer, ties to even (exact for doubles). */
function roundHalfEven(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Rounds to float32 the way a C cast does: values past its range become infinities. */
export function toFloat32(x: number): number {
  f32[0] = x;
  return f32[0] as number;
}
