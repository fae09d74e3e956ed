// Byte builders for hand-made packets: link headers, IPv4 (options, fragments), IPv6 (extension
// headers), TCP (options), UDP, with checksums computed here by the textbook loop (not the
// package's), so a test can check decodePacket's verification against an independent sum.

export const concat = (...parts: (Uint8Array | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => Array.from(p)));
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const u32 = (n: number) => [...u16(Math.floor(n / 65536)), ...u16(n & 0xffff)];

/** RFC 1071, written out: the one's complement of the one's complement sum of the 16-bit words. */
export function internetChecksum(bytes: Uint8Array | number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return 0xffff - sum;
}

export const ipv4Bytes = (text: string) => text.split('.').map(Number);
export function ipv6Bytes(text: string): number[] {
  const [head = '', tail = ''] = text.split('::');
  const words = (s: string) => (s ? s.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const front = words(head);
  const back = words(tail);
  const all = text.includes('::')
    ? [...front, ...Array(8 - front.length - back.length).fill(0), ...back]
    : front;
  return all.flatMap(u16);
}

export const ethernet = (etherType: number, vlans: { tpid: number; id: number; priority?: number }[] = []) =>
  concat(
    [0x02, 0, 0, 0, 0, 1, 0x02, 0, 0, 0, 0, 2],
    ...vlans.map((v) => [...u16(v.tpid), ...u16(((v.priority ?? 0) << 13) | v.id)]),
    u16(etherType),
  );

export interface Ipv4Spec {
  src?: string;
  dst?: string;
  protocol: number;
  options?: number[];
  id?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  /** In bytes (a multiple of 8). */
  fragmentOffset?: number;
  totalLength?: number;
  badChecksum?: boolean;
}

export function ipv4(spec: Ipv4Spec, payload: Uint8Array): Uint8Array {
  const options = spec.options ?? [];
  const length = 20 + options.length;
  const flags =
    (spec.dontFragment ? 0x4000 : 0) | (spec.moreFragments ? 0x2000 : 0) | ((spec.fragmentOffset ?? 0) / 8);
  const header = [
    0x40 | (length / 4),
    0,
    ...u16(spec.totalLength ?? length + payload.length),
    ...u16(spec.id ?? 0x1234),
    ...u16(flags),
    64,
    spec.protocol,
    0,
    0,
    ...ipv4Bytes(spec.src ?? '10.0.0.1'),
    ...ipv4Bytes(spec.dst ?? '10.0.0.2'),
    ...options,
  ];
  const sum = internetChecksum(header) ^ (spec.badChecksum ? 1 : 0);
  header[10] = sum >> 8;
  header[11] = sum & 255;
  return concat(header, payload);
}

export function ipv6(
  spec: { src?: string; dst?: string; nextHeader: number },
  payload: Uint8Array,
): Uint8Array {
  return concat(
    [0x60, 0, 0, 0],
    u16(payload.length),
    [spec.nextHeader, 64],
    ipv6Bytes(spec.src ?? '2001:db8::1'),
    ipv6Bytes(spec.dst ?? '2001:db8::2'),
    payload,
  );
}

export interface TcpSpec {
  srcPort?: number;
  dstPort?: number;
  seq?: number;
  ack?: number;
  /** The 12 bits after the data offset (0x018: ACK PSH). */
  flags?: number;
  options?: number[];
  window?: number;
}

/** A TCP segment with checksum 0 (see `withChecksum`). */
export function tcp(spec: TcpSpec, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const options = spec.options ?? [];
  const words = 5 + options.length / 4;
  return concat(
    u16(spec.srcPort ?? 40000),
    u16(spec.dstPort ?? 80),
    u32(spec.seq ?? 1000),
    u32(spec.ack ?? 0),
    u16((words << 12) | (spec.flags ?? 0x018)),
    u16(spec.window ?? 512),
    [0, 0, 0, 0],
    options,
    payload,
  );
}

/** A UDP datagram with checksum 0 (see `withChecksum`). */
export const udp = (srcPort: number, dstPort: number, payload: Uint8Array, length = 8 + payload.length) =>
  concat(u16(srcPort), u16(dstPort), u16(length), [0, 0], payload);

/**
 * `segment` (TCP or UDP, checksum 0) with its checksum over the pseudo-header of `src` / `dst`
 * (IPv4 or IPv6 text) filled in; `corrupt` flips a bit of it.
 */
export function withChecksum(
  segment: Uint8Array,
  protocol: 6 | 17,
  src: string,
  dst: string,
  corrupt = false,
): Uint8Array {
  const v6 = src.includes(':');
  const addresses = v6 ? [...ipv6Bytes(src), ...ipv6Bytes(dst)] : [...ipv4Bytes(src), ...ipv4Bytes(dst)];
  const pseudo = v6
    ? [...addresses, ...u32(segment.length), 0, 0, 0, protocol]
    : [...addresses, 0, protocol, ...u16(segment.length)];
  let sum = internetChecksum([...pseudo, ...segment]);
  if (protocol === 17 && sum === 0) sum = 0xffff;
  const at = protocol === 6 ? 16 : 6;
  const out = segment.slice();
  out[at] = (sum >> 8) ^ (corrupt ? 0x80 : 0);
  out[at + 1] = sum & 255;
  return out;
}

export const text = (s: string) => new Uint8Array(Buffer.from(s));
