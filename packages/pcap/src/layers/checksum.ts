/**
 * The Internet checksum (RFC 1071) and the pseudo-headers TCP and UDP add to it (RFC 793 for
 * IPv4, RFC 8200 §8.1 for IPv6). A sum over the bytes with their checksum field in place is 0xFFFF
 * when they are intact. Sums are kept unfolded (a packet is under 2^16 words of 2^16) and folded once.
 */

/** How a checksum was found: as tshark says it (its `*.checksum.status`: Bad, Good, Unverified, Not present). */
export type ChecksumStatus = 'good' | 'bad' | 'unverified' | 'absent';

/** The unfolded sum of the 16-bit big-endian words of `data[start, end)` (an odd last byte padded with 0). */
export function sumWords(data: Uint8Array, start: number, end: number): number {
  let sum = 0;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((data[i] as number) << 8) | (data[i + 1] as number);
  if (i < end) sum += (data[i] as number) << 8;
  return sum;
}

/** `sum` folded to 16 bits (end-around carry). */
export function fold(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

/** 'good' when the folded `sum` (taken over a checksum field in place) is 0xFFFF, else 'bad'. */
export function verdict(sum: number): ChecksumStatus {
  return fold(sum) === 0xffff ? 'good' : 'bad';
}

/**
 * The unfolded sum of the pseudo-header: the addresses at `addresses` in `data` (8 bytes for IPv4,
 * 32 for IPv6), the protocol and the upper-layer length.
 */
export function pseudoHeaderSum(
  data: Uint8Array,
  addresses: number,
  addressBytes: 8 | 32,
  protocol: number,
  length: number,
): number {
  return sumWords(data, addresses, addresses + addressBytes) + protocol + (length >>> 16) + (length & 0xffff);
}

/** The checksum to write in a field that was 0 when `sum` was taken. */
export function complement(sum: number): number {
  return ~fold(sum) & 0xffff;
}
