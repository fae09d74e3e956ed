/**
 * The one test for a byte length or an item count: a safe integer ≥ 0. A length computed from
 * decoded fields is checked where it is read (a DecodeError with an offset), never where a codec is
 * built, since a dependent field builds its codec from the wire.
 */
export function isLength(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
