// Cutting a byte stream into the pieces a reader is written, as a socket would deliver them: shared
// by the reader tests that check a stream reads the same however it is cut (test/mqtt,
// packages/png/test).

/** `bytes` cut into pieces of the given sizes (cycled; a size under 1 counts as 1), as views. */
export function cut(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length] as number);
    pieces.push(bytes.subarray(at, at + n));
    at += n;
  }
  return pieces;
}
