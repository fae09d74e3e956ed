/**
 * The addresses as codecs, so header schemas decode them straight to text and encode text back:
 * `ipv4Address` (4 bytes), `ipv6Address` (16 bytes), `macAddress` (6 bytes).
 */
import { bytes, EncodeError, struct, transform, u16be, u32be } from '@stride/codec';
import { ipv4Text, ipv6Text, macText, parseIpv4 } from './addresses.js';

function bad(kind: string, text: string): EncodeError {
  return new EncodeError('VALIDATION_FAILED', `not an ${kind} address: ${JSON.stringify(text)}`);
}

export const ipv4Address = transform(u32be, {
  decode: ipv4Text,
  encode: (text: string) => {
    const n = parseIpv4(text);
    if (n === undefined) throw bad('IPv4', text);
    return n;
  },
});

export const macAddress = transform(struct({ high: u16be, low: u32be }), {
  decode: (m) => macText(m.high, m.low),
  encode: (text: string) => {
    if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(text)) throw bad('Ethernet', text);
    const n = Number.parseInt(text.replaceAll(':', ''), 16);
    return { high: Math.floor(n / 0x1_0000_0000), low: n % 0x1_0000_0000 };
  },
});

/** The 16 bytes of an IPv6 address in any text form Node's URL parser accepts, or undefined. */
function parseIpv6(text: string): Uint8Array | undefined {
  let host: string;
  try {
    host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = host.split('::');
  const words = (s: string | undefined) => (s ? s.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const front = words(head);
  const back = words(tail);
  const all =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 255;
  });
  return out;
}

export const ipv6Address = transform(bytes(16), {
  decode: (b) => ipv6Text(b),
  encode: (text: string) => {
    const b = parseIpv6(text);
    if (b === undefined) throw bad('IPv6', text);
    return b;
  },
});
