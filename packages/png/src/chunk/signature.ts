/** The 8-byte PNG signature and what its damage says about the file's journey. */

/** `89 50 4E 47 0D 0A 1A 0A`: a high-bit byte, "PNG", CR LF, ^Z, LF. */
export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CR = 0x0d;
const LF = 0x0a;

/**
 * Why a signature might differ, from the bytes that came (`b`, up to 8): the CR LF, ^Z and LF
 * bytes exist to catch text-mode transfers, and each kind of damage leaves its own pattern.
 * Returns '' when no known damage explains it.
 */
export function signatureHint(b: ArrayLike<number>): string {
  if (b[0] === 0x09) return 'the first byte lost its high bit (0x89 became 0x09): a 7-bit transfer';
  if (b.length < 6 || b[1] !== 0x50 || b[2] !== 0x4e || b[3] !== 0x47) return '';
  const [c4, c5, c6, c7] = [b[4], b[5], b[6], b[7]];
  if (c4 === CR && c5 === CR && c6 === LF) return 'every LF became CR LF: a text-mode transfer (Unix to DOS)';
  if (c4 === LF && c5 === 0x1a) return 'the CR LF pair became LF: a text-mode transfer (DOS to Unix)';
  if (c4 === CR && c5 === CR && c7 === CR)
    return 'every LF became CR: a text-mode transfer (to classic Mac OS)';
  if (c4 === LF && c5 === LF) return 'every CR became LF: a text-mode transfer';
  return '';
}
