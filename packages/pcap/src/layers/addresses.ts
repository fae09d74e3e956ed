/**
 * Addresses as text, the way tshark prints them: IPv4 dotted ('127.0.0.1'), IPv6 in RFC 5952's
 * canonical form with BSD inet_ntop's embedded IPv4 ('::1', '2001:db8::1:0:0:1', '::ffff:127.0.0.1'),
 * MAC as six lowercase hex pairs ('00:1b:21:0a:0b:0c'). IPv4 and MAC texts come from small caches:
 * a capture repeats a few addresses in every packet, and making the text costs more than the header.
 */

/**
 * Texts made, in direct-mapped caches of 256 slots (a slot by the address's low bits, replaced on a
 * miss): a lookup is two array reads, where a Map keyed by the number cost as much as the header.
 */
const SLOTS = 256;
const ipv4Keys = new Float64Array(SLOTS).fill(-1);
const ipv4Texts: string[] = new Array(SLOTS).fill('');
const macKeys = new Float64Array(SLOTS).fill(-1);
const macTexts: string[] = new Array(SLOTS).fill('');

/** The dotted text of an IPv4 address given as its 32-bit value. */
export function ipv4Text(address: number): string {
  const slot = (address ^ (address >>> 8)) & (SLOTS - 1);
  if (ipv4Keys[slot] === address) return ipv4Texts[slot] as string;
  const text = `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
  ipv4Keys[slot] = address;
  ipv4Texts[slot] = text;
  return text;
}

/** The 32-bit value of a dotted IPv4 address; undefined when `text` is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) < 256))
    return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** The text of a MAC address given as its high 16 and low 32 bits. */
export function macText(high: number, low: number): string {
  const key = high * 0x1_0000_0000 + low;
  const slot = (low ^ (low >>> 8) ^ high) & (SLOTS - 1);
  if (macKeys[slot] === key) return macTexts[slot] as string;
  const text = key
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
  macKeys[slot] = key;
  macTexts[slot] = text;
  return text;
}

/**
 * The canonical text of the 16-byte IPv6 address at `at` in `bytes` (RFC 5952: lowercase, no
 * leading zeros, the longest run of two or more zero groups as '::', the first of equal runs), with
 * the last 32 bits dotted for an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d, not
 * ::1 or ::) address, as BSD inet_ntop and tshark print them.
 */
export function ipv6Text(bytes: Uint8Array, at = 0): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++)
    words.push(((bytes[at + 2 * i] as number) << 8) | (bytes[at + 2 * i + 1] as number));
  let best = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  if (bestLength < 2) best = -1;
  const embedded = best === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff));
  let text = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      text += '::';
      i += bestLength - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    if (i === 6 && embedded) return text + ipv4Text((words[6] as number) * 65536 + (words[7] as number));
    text += (words[i] as number).toString(16);
  }
  return text;
}
