/** Checks that a source delivered bytes (a Buffer is a Uint8Array); anything else is a TypeError. */
export function asChunk(value: unknown, source: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const what = typeof value === 'string' ? 'a string (was setEncoding called?)' : `a ${typeof value}`;
  throw new TypeError(`${source}: expected byte chunks (Uint8Array or Buffer), got ${what}`);
}
